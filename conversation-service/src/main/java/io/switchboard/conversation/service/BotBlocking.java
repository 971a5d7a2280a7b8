package io.switchboard.conversation.service;

import io.switchboard.conversation.domain.InboundUpdate.BotMembership;
import io.switchboard.conversation.domain.UpdateResult;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.CustomerRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * {@code my_chat_member} in a customer's private chat (per Bot API: sent only when the user blocks or unblocks the
 * bot; deleting the chat blocks it too): "kicked" records the block, "member" clears it, through {@link BotBlocks}
 * ({@code customer.updated} with {@code botBlockedAt} for the customer's latest conversation). Runs in the caller's
 * transaction.
 */
@ApplicationScoped
public class BotBlocking {

    private final CustomerRepository customers;
    private final ConversationRepository conversations;
    private final BotBlocks botBlocks;

    public BotBlocking(CustomerRepository customers, ConversationRepository conversations, BotBlocks botBlocks) {
        this.customers = customers;
        this.conversations = conversations;
        this.botBlocks = botBlocks;
    }

    /** Applies a private {@code my_chat_member} update. */
    public Uni<UpdateResult> apply(BotMembership membership, Instant now) {
        return customers.find("telegramUserId = ?1 or telegramChatId = ?2 order by updatedAt desc",
                        membership.userId(), membership.chatId()).firstResult()
                .chain(customer -> {
                    if (customer == null) {
                        return Uni.createFrom().item(UpdateResult.skipped(membership.blocked()
                                ? "the bot was blocked by a Telegram user who never wrote to it"
                                : "the bot was unblocked by a Telegram user who never wrote to it"));
                    }
                    Instant at = membership.at() != null ? membership.at() : now;
                    return conversations.find("customerId = ?1 order by createdAt desc, id desc", customer.id)
                            .firstResult()
                            .chain(latest -> membership.blocked()
                                    ? botBlocks.blocked(customer.id, latest == null ? null : latest.id, at)
                                    : botBlocks.unblocked(customer.id, latest == null ? null : latest.id, now))
                            .map(changed -> !changed
                                    ? UpdateResult.skipped(membership.blocked() ? "the customer had blocked the bot already"
                                            : "the customer had not blocked the bot")
                                    : UpdateResult.applied(membership.blocked() ? "the customer blocked the bot"
                                            : "the customer unblocked the bot"));
                });
    }
}
