package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.api.MessageQueued;
import io.switchboard.conversation.api.MessageSent;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.ConversationStatus;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.MessageStatus;
import io.switchboard.conversation.mapping.ConversationMapper;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.MessageRepository;
import io.switchboard.telegram.api.SendMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Operators' replies: in one transaction locks the conversation ({@code FOR UPDATE}, as the intake does, so a reply,
 * an operator's action and a customer's message take turns), moves it to AWAITING_CUSTOMER (claiming an unclaimed one
 * for the replier: see {@link ConversationWorkflow#operatorReplied}), stores the OUTBOUND message
 * (with the operator's id and display name), writes the audit row {@code message.sent} and reschedules the timers.
 * Delivery depends on the conversation's channel:
 * <ul>
 *   <li>TELEGRAM: the message is PENDING; {@code message.queued} and a {@code send_message} command for
 *       telegram-ingest go to the outbox ({@code telegram.results} settles it later).</li>
 *   <li>WIDGET: no command; the message is SENT at once (the widget receives it over its socket and in its history)
 *       and {@code message.queued} then {@code message.sent} go to the outbox, so consoles see the same sequence.</li>
 * </ul>
 */
@ApplicationScoped
public class OperatorReplies {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final Outbox outbox;
    private final ConversationWorkflow workflow;
    private final AuditTrail audit;
    private final LifecycleTimers timers;
    private final Clock clock;

    public OperatorReplies(ConversationRepository conversations, MessageRepository messages, Outbox outbox,
                           ConversationWorkflow workflow, AuditTrail audit, LifecycleTimers timers, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.outbox = outbox;
        this.workflow = workflow;
        this.audit = audit;
        this.timers = timers;
        this.clock = clock;
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
     * Stores {@code text} (already validated, kept exactly) as {@code actor}'s reply.
     *
     * @param idempotencyKey null, or a key that makes the request repeatable: with a key seen before for this
     *                       conversation the earlier message is returned and nothing is stored, sent or changed
     * @throws UnknownConversationException no such conversation
     * @throws LifecycleRefusedException    409: the conversation is CLOSED or BLOCKED, or it was unclaimed and someone
     *                                      else claimed it meanwhile ("already claimed by …")
     */
    @WithTransaction
    public Uni<Reply> reply(UUID conversationId, Actor actor, String text, String idempotencyKey) {
        return conversations.findById(conversationId)
                .onItem().ifNull().failWith(() -> new UnknownConversationException(conversationId))
                .chain(found -> {
                    ConversationStatus foundStatus = found.status; // what the replier answered
                    // then locked like the intake locks it, and re-read: a customer message or another operator's
                    // action arriving meanwhile waits for this reply (or this reply for it), so the status and
                    // last_message_id this transaction writes are those of whoever came last
                    return conversations.getSession()
                            .chain(session -> session.refresh(found, LockModeType.PESSIMISTIC_WRITE))
                            .chain(() -> earlier(conversationId, idempotencyKey))
                            .chain(earlier -> earlier != null
                                    ? Uni.createFrom().item(new Reply(earlier, false))
                                    : store(found, foundStatus, actor, text, idempotencyKey,
                                    found.nextMessageAt(clock.instant().truncatedTo(ChronoUnit.MICROS))));
                });
    }

    private Uni<Message> earlier(UUID conversationId, String idempotencyKey) {
        return idempotencyKey == null ? Uni.createFrom().nullItem() : messages.findByIdempotencyKey(conversationId, idempotencyKey);
    }

    private Uni<Reply> store(Conversation conversation, ConversationStatus foundStatus, Actor actor, String text,
                             String idempotencyKey, Instant now) {
        return workflow.operatorReplied(conversation, foundStatus, actor, now).chain(before -> {
            Message message = Message.outbound(conversation.id, conversation.telegramChatId, actor.id(), text, idempotencyKey, now);
            message.operatorName = actor.name();
            if (conversation.isWidget()) {
                message.status = MessageStatus.SENT; // stored is delivered: the widget reads it from history and socket
            }
            conversation.touch(message);
            return messages.persist(message)
                    .call(stored -> outbox.event(new MessageQueued(UUID.randomUUID(), 1, now,
                            conversation.id, actor.id(), ConversationMapper.snapshot(stored)), now))
                    .call(stored -> conversation.isWidget()
                            ? outbox.event(new MessageSent(UUID.randomUUID(), 1, now, conversation.id, stored.id,
                            MessageStatus.SENT.name()), now)
                            : outbox.command(new SendMessage(UUID.randomUUID(), 1, now,
                            conversation.id, stored.id, conversation.telegramChatId, stored.text), now))
                    .call(stored -> audit.record(conversation.id, actor, "message.sent", before,
                            after(conversation, stored), now))
                    .call(() -> timers.reschedule(conversation, now))
                    .map(stored -> new Reply(stored, true));
        });
    }

    private static Map<String, Object> after(Conversation conversation, Message message) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", conversation.status.name());
        after.put("assigneeId", conversation.assigneeId);
        after.put("messageId", message.id);
        return after;
    }
}
