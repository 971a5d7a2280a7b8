package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.MessageDirection;
import io.switchboard.conversation.domain.MessageStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The {@code message} table. */
@ApplicationScoped
@WithSession
public class MessageRepository implements PanacheRepositoryBase<Message, UUID> {

    /** The message stored earlier for this conversation and {@code Idempotency-Key}, or null. */
    public Uni<Message> findByIdempotencyKey(UUID conversationId, String idempotencyKey) {
        return find("conversationId = ?1 and idempotencyKey = ?2", conversationId, idempotencyKey).firstResult();
    }

    /** The message a widget customer posted with this client message id in this conversation, or null. */
    public Uni<Message> findByClientMessageId(UUID conversationId, String clientMessageId) {
        return find("conversationId = ?1 and clientMessageId = ?2", conversationId, clientMessageId).firstResult();
    }

    /**
     * One page of a widget conversation's messages as its customer sees them, oldest first: ordered by
     * (created_at, id), starting after {@code (afterCreatedAt, afterId)} when given. Every customer message (also
     * those stored BLOCKED: the customer must not learn they are blocked), every operator reply, and the system
     * bubbles whose template key is in {@code customerKeys}; never operator-facing bubbles, never deleted messages.
     */
    public Uni<List<Message>> widgetPage(UUID conversationId, Instant afterCreatedAt, UUID afterId, int limit,
                                         Collection<String> customerKeys) {
        String keyset = afterCreatedAt == null ? "" : " and (m.createdAt, m.id) > (:afterCreatedAt, :afterId)";
        return getSession().chain(session -> {
            var query = session.createSelectionQuery("from Message m where m.conversationId = :conversationId"
                            + " and (m.direction = :inbound or m.systemKey is null or m.systemKey in :customerKeys)"
                            + " and m.deletedAt is null"
                            + keyset + " order by m.createdAt, m.id", Message.class)
                    .setParameter("conversationId", conversationId)
                    .setParameter("inbound", MessageDirection.INBOUND)
                    .setParameter("customerKeys", customerKeys)
                    .setMaxResults(limit);
            if (afterCreatedAt != null) {
                query.setParameter("afterCreatedAt", afterCreatedAt).setParameter("afterId", afterId);
            }
            return query.getResultList();
        });
    }

    /**
     * The message Telegram calls {@code telegramMessageId} in {@code chatId}: an INBOUND message's
     * {@code telegram_message_id} or one of a SENT outbound message's {@code telegram_message_ids}; the newest when
     * several match (a message id is unique per chat in Telegram). Null when none is stored.
     */
    public Uni<Message> findByTelegramId(long chatId, long telegramMessageId) {
        return getSession().chain(session -> session.createNativeQuery("""
                        select cast(id as text) from message
                         where telegram_chat_id = :chatId
                           and (telegram_message_id = :messageId
                                or (telegram_message_ids is not null
                                    and cast(telegram_message_ids as jsonb) @> to_jsonb(cast(:messageId as bigint))))
                         order by created_at desc, id desc
                         limit 1""", String.class)
                .setParameter("chatId", chatId)
                .setParameter("messageId", telegramMessageId)
                .getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().nullItem() : findById(UUID.fromString(ids.get(0))));
    }

    /**
     * Keeps the message's current text as a previous version ({@code message_version}: the text, when it was written
     * — its last edit or its creation — and {@code replacedAt}).
     */
    public Uni<Void> keepVersion(Message message, Instant replacedAt) {
        return getSession().chain(session -> session.createNativeQuery("""
                        insert into message_version (id, message_id, text, edited_at, replaced_at)
                        values (:id, :messageId, :text, :editedAt, :replacedAt)""")
                .setParameter("id", UUID.randomUUID())
                .setParameter("messageId", message.id)
                .setParameter("text", message.text)
                .setParameter("editedAt", message.editedAt != null ? message.editedAt : message.createdAt)
                .setParameter("replacedAt", replacedAt)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** The messages with these ids (any order). */
    public Uni<List<Message>> listByIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1", ids);
    }

    /**
     * One page of a conversation's messages as operators see them, oldest first: ordered by (created_at, id),
     * starting after the position {@code (afterCreatedAt, afterId)} when given. Never returns {@code BLOCKED} messages
     * (customer input while blocked is kept, but never shown to operators).
     */
    public Uni<List<Message>> page(UUID conversationId, Instant afterCreatedAt, UUID afterId, int limit) {
        String keyset = afterCreatedAt == null ? "" : " and (m.createdAt, m.id) > (:afterCreatedAt, :afterId)";
        return getSession().chain(session -> {
            var query = session.createSelectionQuery("from Message m where m.conversationId = :conversationId"
                            + " and m.status <> :blocked" + keyset + " order by m.createdAt, m.id", Message.class)
                    .setParameter("conversationId", conversationId)
                    .setParameter("blocked", MessageStatus.BLOCKED)
                    .setMaxResults(limit);
            if (afterCreatedAt != null) {
                query.setParameter("afterCreatedAt", afterCreatedAt).setParameter("afterId", afterId);
            }
            return query.getResultList();
        });
    }

    /**
     * Moves a PENDING outbound message to {@code status} (SENT or FAILED), once, and only with the result of the
     * command it currently waits for ({@code command_id}; rows written before it existed have none and accept any):
     * a message that is not PENDING, or whose latest command is another one (a retry was queued since), is left
     * alone.
     *
     * @param commandId the command the result answers
     * @return true when this call made the transition
     */
    public Uni<Boolean> settle(UUID messageId, UUID commandId, MessageStatus status, String telegramMessageIds,
                               String failureReason, Instant now) {
        return update("status = ?1, telegramMessageIds = ?2, failureReason = ?3, updatedAt = ?4 where id = ?5"
                        + " and status = ?6 and (commandId is null or commandId = ?7)",
                status, telegramMessageIds, failureReason, now, messageId, MessageStatus.PENDING, commandId)
                .map(rows -> rows == 1);
    }
}
