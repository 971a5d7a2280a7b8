package io.switchboard.conversation.service;

import io.switchboard.conversation.api.MessageReaction;
import io.switchboard.conversation.api.MessageReactionsChanged;
import io.switchboard.conversation.domain.InboundUpdate.CustomerReaction;
import io.switchboard.conversation.domain.MessageStatus;
import io.switchboard.conversation.domain.UpdateResult;
import io.switchboard.conversation.mapping.ConversationMapper;
import io.switchboard.conversation.repository.MessageRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A reaction change in a customer's private chat ({@code message_reaction}, per Bot API MessageReactionUpdated):
 * {@code new_reaction} is the reactor's complete current set, and in a private chat the only reactor the bot hears
 * of is the customer, so it replaces {@code message.reactions} (count 1 each, {@code byCustomer} true; an anonymous
 * {@code actor_chat} counts as not the customer). The message is the customer's own or an operator's reply, found by
 * Telegram's message id in that chat. Queues {@code message.reactions_changed}. Runs in the caller's transaction.
 */
@ApplicationScoped
public class CustomerReactions {

    private final MessageRepository messages;
    private final Outbox outbox;

    public CustomerReactions(MessageRepository messages, Outbox outbox) {
        this.messages = messages;
        this.outbox = outbox;
    }

    /** Applies {@code reaction} at {@code now}. */
    public Uni<UpdateResult> apply(CustomerReaction reaction, Instant now) {
        return messages.findByTelegramId(reaction.chatId(), reaction.messageId()).chain(message -> {
            if (message == null || message.status == MessageStatus.BLOCKED) {
                return Uni.createFrom().item(UpdateResult.skipped("reaction to a message that is not stored"));
            }
            boolean byCustomer = reaction.userId() != null;
            List<MessageReaction> now_ = reaction.newReaction().stream()
                    .map(emoji -> new MessageReaction(emoji, 1, byCustomer)).toList();
            String json = ConversationMapper.reactionsJson(now_);
            if (Objects.equals(ConversationMapper.reactions(message.reactions), now_)) {
                return Uni.createFrom().item(UpdateResult.skipped("reactions unchanged"));
            }
            message.reactions = json;
            message.updatedAt = now;
            return outbox.event(new MessageReactionsChanged(UUID.randomUUID(), 1, now, message.conversationId,
                            message.id, now_), now)
                    .replaceWith(UpdateResult.applied(now_.isEmpty() ? "reactions removed"
                            : "reactions set: " + String.join(" ", reaction.newReaction())));
        });
    }
}
