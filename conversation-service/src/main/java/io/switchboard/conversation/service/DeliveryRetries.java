package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.api.MessageQueued;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.Attachment;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.MessageDirection;
import io.switchboard.conversation.domain.MessageStatus;
import io.switchboard.conversation.mapping.ConversationMapper;
import io.switchboard.conversation.repository.AttachmentRepository;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.MessageRepository;
import io.switchboard.conversation.rest.MessageView;
import io.switchboard.telegram.api.SendMessage;
import io.switchboard.telegram.api.TelegramCommand;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends a FAILED outbound message again, on an operator's request: in one transaction (message row locked) the
 * message goes back to PENDING (its failure reason cleared), a new command with a new command id and the same
 * content goes to the outbox ({@code send_message}, or {@code send_media} with the same upload and caption), then
 * {@code message.queued} with the PENDING message (consoles replace the FAILED bubble by id) and the audit row
 * {@code message.retried}. {@code telegram.results} settles it as for any reply. A split text whose first parts were
 * delivered before the failure is resumed after them ({@code SendMessage.skipParts}), so no part reaches the customer
 * twice; a file whose caption follow-up failed is sent again whole.
 */
@ApplicationScoped
public class DeliveryRetries {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final OperatorReplies replies;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final AttachmentRepository attachments;

    public DeliveryRetries(ConversationRepository conversations, MessageRepository messages, OperatorReplies replies,
                           Outbox outbox, AuditTrail audit, Clock clock, AttachmentRepository attachments) {
        this.attachments = attachments;
        this.conversations = conversations;
        this.messages = messages;
        this.replies = replies;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Queues {@code messageId} again.
     *
     * @return the message, PENDING
     * @throws UnknownConversationException no such conversation
     * @throws RefusedException             404 when the message is not in it; 409 when it is not a FAILED outbound
     *                                      message, was deleted, or the customer blocked the bot (with that reason)
     */
    @WithTransaction
    public Uni<MessageView> retry(UUID conversationId, UUID messageId, Actor actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return conversations.findById(conversationId)
                .onItem().ifNull().failWith(() -> new UnknownConversationException(conversationId))
                .chain(conversation -> messages.getSession()
                        .chain(session -> session.find(Message.class, messageId, LockModeType.PESSIMISTIC_WRITE))
                        .chain(message -> {
                            if (message == null || !message.conversationId.equals(conversationId)) {
                                throw RefusedException.notFound("No message " + messageId + " in this conversation.");
                            }
                            if (message.direction != MessageDirection.OUTBOUND || message.status != MessageStatus.FAILED) {
                                throw RefusedException.conflict("Only FAILED outbound messages can be sent again; this one is "
                                        + message.status + ".");
                            }
                            if (message.deletedAt != null) {
                                throw RefusedException.conflict("The message was deleted.");
                            }
                            if (message.telegramChatId == null) {
                                throw RefusedException.conflict("The message has no Telegram chat to be sent to.");
                            }
                            return replies.reachable(conversation)
                                    .chain(() -> attachments(message))
                                    .chain(attachments -> requeue(message, attachments, actor, now));
                        }));
    }

    private Uni<MessageView> requeue(Message message, List<Attachment> attachments, Actor actor, Instant now) {
        Attachment file = attachments.stream().filter(a -> a.uploadId != null).findFirst().orElse(null);
        TelegramCommand command = OperatorReplies.commandFor(message, null, file, now); // the message waits for it now
        int delivered = TelegramParts.count(message.telegramMessageIds);
        if (command instanceof SendMessage text && delivered > 0) {
            // the failed attempt delivered its first parts: send only the rest, never those twice
            command = text.resumingAfter(delivered);
            message.commandId = command.commandId();
        }
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("messageId", message.id);
        before.put("status", message.status.name());
        before.put("failureReason", message.failureReason);
        message.status = MessageStatus.PENDING;
        message.failureReason = null;
        message.updatedAt = now;
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("messageId", message.id);
        after.put("status", message.status.name());
        after.put("commandId", command.commandId());
        return outbox.command(command, now)
                .call(() -> outbox.event(new MessageQueued(UUID.randomUUID(), 1, now, message.conversationId,
                        message.operatorId, ConversationMapper.snapshot(message, attachments)), now))
                .call(() -> audit.record(message.conversationId, actor, "message.retried", before, after, now))
                .map(ignored -> ConversationMapper.view(message, attachments));
    }

    private Uni<List<Attachment>> attachments(Message message) {
        return attachments.ofMessage(message.id);
    }
}
