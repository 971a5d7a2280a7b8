package io.switchboard.conversation.service;

import io.switchboard.conversation.api.CustomerSummary;
import io.switchboard.conversation.api.CustomerUpdated;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.Customer;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.CustomerRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one place that records whether a Telegram customer blocked the bot ({@code customer.bot_blocked_at}), whoever
 * learnt it: a {@code my_chat_member} update ("kicked" / "member") or a send that failed with
 * {@code BLOCKED_BY_USER} ("Forbidden: bot was blocked by the user"). A block is about a Telegram chat, so it is
 * recorded on EVERY customer tied to that chat: the customer named, customers whose {@code telegram_chat_id} is the
 * chat, and the customers of conversations that continue in it (a widget conversation moved to Telegram by a deep
 * link keeps its own customer). Each change publishes {@link CustomerUpdated} with {@code botBlockedAt} (for the
 * given conversation, or the customer's newest conversation in that chat), so consoles show (or drop) the "blocked
 * the bot" banner; while it is set, replies, files and retries to that customer are refused with 409
 * ({@link OperatorReplies#reachable}). Runs in the caller's transaction.
 */
@ApplicationScoped
public class BotBlocks {

    private final CustomerRepository customers;
    private final ConversationRepository conversations;
    private final Outbox outbox;

    public BotBlocks(CustomerRepository customers, ConversationRepository conversations, Outbox outbox) {
        this.customers = customers;
        this.conversations = conversations;
        this.outbox = outbox;
    }

    /**
     * The customer blocked the bot at {@code at}; an earlier block date is kept.
     *
     * @param conversationId the conversation the event is published for (the one the news came with), or null for
     *                       none
     * @return true when this call changed a customer
     */
    public Uni<Boolean> blocked(UUID customerId, UUID conversationId, Instant at) {
        return change(customerId, conversationId, at, customer -> {
            if (customer.botBlockedAt != null) {
                return false;
            }
            customer.botBlockedAt = at;
            return true;
        });
    }

    /**
     * The customer unblocked the bot (they can be written to again).
     *
     * @return true when this call changed a customer
     */
    public Uni<Boolean> unblocked(UUID customerId, UUID conversationId, Instant now) {
        return change(customerId, conversationId, now, customer -> {
            if (customer.botBlockedAt == null) {
                return false;
            }
            customer.botBlockedAt = null;
            return true;
        });
    }

    private Uni<Boolean> change(UUID customerId, UUID conversationId, Instant now, Function<Customer, Boolean> edit) {
        return customers.findById(customerId).chain(customer -> {
            if (customer == null) {
                return Uni.createFrom().item(false);
            }
            return chatOf(customer, conversationId).chain(chat -> tied(customer, chat)
                    .chain(tied -> Multi.createFrom().iterable(tied)
                            .onItem().transformToUniAndConcatenate(c -> {
                                if (!edit.apply(c)) {
                                    return Uni.createFrom().item(false);
                                }
                                c.updatedAt = now;
                                return conversationFor(c, customer, conversationId, chat)
                                        .chain(conversation -> publish(c, conversation, now)).replaceWith(true);
                            })
                            .collect().asList()))
                    .map(changes -> changes.contains(true));
        });
    }

    /** The Telegram chat the news is about: the conversation's chat, else the customer's own. */
    private Uni<Long> chatOf(Customer customer, UUID conversationId) {
        if (conversationId == null) {
            return Uni.createFrom().item(customer.telegramChatId);
        }
        return conversations.findById(conversationId).map(conversation -> conversation != null
                && conversation.telegramChatId != null ? conversation.telegramChatId : customer.telegramChatId);
    }

    /** {@code customer} and every other customer tied to {@code chat}, each once. */
    private Uni<List<Customer>> tied(Customer customer, Long chat) {
        if (chat == null) {
            return Uni.createFrom().item(List.of(customer));
        }
        return customers.list("id <> ?1 and (telegramChatId = ?2"
                        + " or id in (select c.customerId from Conversation c where c.telegramChatId = ?2))"
                        + " order by id", customer.id, chat)
                .map(others -> {
                    List<Customer> all = new java.util.ArrayList<>(others.size() + 1);
                    all.add(customer);
                    all.addAll(others);
                    return all;
                });
    }

    /** The conversation to publish for: the given one for the named customer, else the other's newest in the chat. */
    private Uni<UUID> conversationFor(Customer c, Customer named, UUID conversationId, Long chat) {
        if (Objects.equals(c.id, named.id)) {
            return Uni.createFrom().item(conversationId);
        }
        Uni<Conversation> inChat = chat == null ? Uni.createFrom().nullItem()
                : conversations.find("customerId = ?1 and telegramChatId = ?2 order by createdAt desc, id desc", c.id, chat)
                .firstResult();
        return inChat.chain(found -> found != null ? Uni.createFrom().item(found)
                        : conversations.find("customerId = ?1 order by createdAt desc, id desc", c.id).firstResult())
                .map(conversation -> conversation == null ? null : conversation.id);
    }

    private Uni<Void> publish(Customer customer, UUID conversationId, Instant now) {
        if (conversationId == null) {
            return Uni.createFrom().voidItem();
        }
        CustomerSummary summary = new CustomerSummary(customer.id, customer.displayName, customer.username,
                customer.nickname, customer.botBlockedAt);
        return outbox.event(new CustomerUpdated(UUID.randomUUID(), 1, now, conversationId, summary,
                customer.botBlockedAt), now);
    }
}
