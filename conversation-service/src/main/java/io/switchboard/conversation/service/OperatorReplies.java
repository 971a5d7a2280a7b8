package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.api.MessageQueued;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.mapping.ConversationMapper;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.MessageRepository;
import io.switchboard.telegram.api.SendMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Operators' replies: stores the OUTBOUND message (PENDING) and, in the same transaction, queues
 * {@code message.queued} and a {@code send_message} command for telegram-ingest in the outbox.
 */
@ApplicationScoped
public class OperatorReplies {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final Outbox outbox;

    public OperatorReplies(ConversationRepository conversations, MessageRepository messages, Outbox outbox) {
        this.conversations = conversations;
        this.messages = messages;
        this.outbox = outbox;
    }

    /**
     * The outcome of a reply request.
     *
     * @param message the stored message (the earlier one for a repeated Idempotency-Key)
     * @param created false when an earlier request with the same key had stored it
     */
    public record Reply(Message message, boolean created) {
    }

    /**
     * Stores {@code text} (already validated, kept exactly) as an operator's reply.
     *
     * @param idempotencyKey null, or a key that makes the request repeatable: with a key seen before for this
     *                       conversation the earlier message is returned and nothing is stored or sent
     * @throws UnknownConversationException       no such conversation
     * @throws ConversationNotWritableException the conversation is CLOSED or BLOCKED
     */
    @WithTransaction
    public Uni<Reply> reply(UUID conversationId, UUID operatorId, String text, String idempotencyKey) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return conversations.findById(conversationId)
                .onItem().ifNull().failWith(() -> new UnknownConversationException(conversationId))
                .chain(conversation -> earlier(conversationId, idempotencyKey)
                        .chain(earlier -> earlier != null
                                ? Uni.createFrom().item(new Reply(earlier, false))
                                : store(conversation, operatorId, text, idempotencyKey, now)));
    }

    private Uni<Message> earlier(UUID conversationId, String idempotencyKey) {
        return idempotencyKey == null ? Uni.createFrom().nullItem() : messages.findByIdempotencyKey(conversationId, idempotencyKey);
    }

    private Uni<Reply> store(Conversation conversation, UUID operatorId, String text, String idempotencyKey, Instant now) {
        if (!conversation.status.isOpen()) {
            return Uni.createFrom().failure(new ConversationNotWritableException(conversation.id, conversation.status));
        }
        Message message = Message.outbound(conversation.id, conversation.telegramChatId, operatorId, text, idempotencyKey, now);
        conversation.touch(message);
        return messages.persist(message)
                .call(stored -> outbox.event(new MessageQueued(UUID.randomUUID(), 1, now,
                        conversation.id, operatorId, ConversationMapper.snapshot(stored)), now))
                .call(stored -> outbox.command(new SendMessage(UUID.randomUUID(), 1, now,
                        conversation.id, stored.id, conversation.telegramChatId, stored.text), now))
                .map(stored -> new Reply(stored, true));
    }
}
