package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.api.MessageDeleted;
import io.switchboard.conversation.api.MessageEdited;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.Attachment;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.MessageDirection;
import io.switchboard.conversation.domain.MessageStatus;
import io.switchboard.conversation.domain.MessageVersion;
import io.switchboard.conversation.mapping.ConversationMapper;
import io.switchboard.conversation.repository.AttachmentRepository;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.MessageRepository;
import io.switchboard.conversation.rest.MessageVersionView;
import io.switchboard.conversation.rest.MessageView;
import io.switchboard.telegram.api.DeleteMessage;
import io.switchboard.telegram.api.EditMessageText;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Operators' edits and deletions of their OUTBOUND messages, and the previous versions of a message.
 *
 * <p>Rules (both actions): only the message's author or an admin (403); only operator replies, not customer or
 * system messages (409); only within {@link #WINDOW} of sending (409; Telegram deletes only messages younger than
 * 48 h, per Bot API deleteMessage); a Telegram message still PENDING has no Telegram id yet (409, try again once it is
 * sent). An edit also needs a SENT or PENDING message that is not deleted (409), was delivered as one Telegram
 * message (422: a text split into parts cannot be edited as one) and carries no file (422: only text messages can be
 * edited; captions would need editMessageCaption).
 *
 * <p>Each action runs in one transaction with the message row locked: the change, an audit row
 * ({@code message.edited} / {@code message.deleted}), the event ({@link MessageEdited} / {@link MessageDeleted}) and,
 * for Telegram conversations, the command ({@link EditMessageText} with the stored Telegram message id /
 * {@link DeleteMessage} with all of them; a FAILED message reached nobody, so its deletion sends no command). Widget
 * conversations only update and publish: the widget follows the events.
 */
@ApplicationScoped
public class MessageEdits {

    /** How long after sending an operator may still edit or delete a message. */
    public static final Duration WINDOW = Duration.ofHours(48);

    /** Longest edited text, in UTF-16 units (Bot API editMessageText: 1-4096 characters). */
    public static final int MAX_TEXT = 4096;

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final AttachmentRepository attachments;

    public MessageEdits(ConversationRepository conversations, MessageRepository messages, Outbox outbox,
                        AuditTrail audit, Clock clock, AttachmentRepository attachments) {
        this.attachments = attachments;
        this.conversations = conversations;
        this.messages = messages;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Replaces the text of {@code messageId} with {@code text} (already checked: not blank, ≤ {@link #MAX_TEXT}).
     * The previous text goes to {@code message_version}; {@code editedAt} becomes now.
     *
     * @return the message after the edit
     * @throws UnknownConversationException no such conversation
     * @throws RefusedException             404 (no such message in it), 403, 409 or 422 as the class says
     */
    @WithTransaction
    public Uni<MessageView> edit(UUID conversationId, UUID messageId, Actor actor, String text) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return locked(conversationId, messageId).chain(found -> {
            Message message = found.message();
            mayChange(message, actor, now, "edited");
            if (message.deletedAt != null) {
                throw RefusedException.conflict("The message was deleted; it cannot be edited.");
            }
            if (message.status != MessageStatus.SENT && message.status != MessageStatus.PENDING) {
                throw RefusedException.conflict("Only SENT or PENDING messages can be edited; this one is "
                        + message.status + ".");
            }
            List<Long> telegramIds = telegramIds(message);
            if (telegramIds.size() > 1) {
                throw RefusedException.unprocessable("Telegram received this message in " + telegramIds.size()
                        + " parts; a split message cannot be edited.");
            }
            return attachments(message).chain(attachments -> {
                if (!attachments.isEmpty()) {
                    throw RefusedException.unprocessable("Only text messages can be edited; this one carries a file.");
                }
                if (text.equals(message.text)) {
                    return Uni.createFrom().item(ConversationMapper.view(message, attachments)); // nothing changes
                }
                if (!found.conversation().isWidget() && telegramIds.isEmpty()) {
                    throw RefusedException.conflict("The message is still being sent to Telegram; edit it once it is sent.");
                }
                String previous = message.text;
                return messages.keepVersion(message, now)
                        .invoke(() -> {
                            message.text = text;
                            message.editedAt = now;
                            message.updatedAt = now;
                        })
                        .call(() -> outbox.event(new MessageEdited(UUID.randomUUID(), 1, now, conversationId, message.id,
                                text, previous, now, ConversationWorkflow.summary(actor)), now))
                        .call(() -> found.conversation().isWidget() ? Uni.createFrom().voidItem()
                                : outbox.command(new EditMessageText(UUID.randomUUID(), 1, now, conversationId,
                                message.id, message.telegramChatId, telegramIds.get(0), text), now))
                        .call(() -> audit.record(conversationId, actor, "message.edited",
                                state(message, previous), state(message, text), now))
                        .map(ignored -> ConversationMapper.view(message, attachments));
            });
        });
    }

    /**
     * Soft-deletes {@code messageId} ({@code deletedAt} = now); nothing happens when it is deleted already.
     *
     * @throws UnknownConversationException no such conversation
     * @throws RefusedException             404 (no such message in it), 403 or 409 as the class says
     */
    @WithTransaction
    public Uni<Void> delete(UUID conversationId, UUID messageId, Actor actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return locked(conversationId, messageId).chain(found -> {
            Message message = found.message();
            if (message.deletedAt != null) {
                return Uni.createFrom().voidItem();
            }
            mayChange(message, actor, now, "deleted");
            List<Long> telegramIds = telegramIds(message);
            boolean telegram = !found.conversation().isWidget();
            if (telegram && message.status == MessageStatus.PENDING) {
                throw RefusedException.conflict("The message is still being sent to Telegram; delete it once it is sent.");
            }
            message.deletedAt = now;
            message.updatedAt = now;
            return outbox.event(new MessageDeleted(UUID.randomUUID(), 1, now, conversationId, message.id,
                            ConversationWorkflow.summary(actor)), now)
                    .call(() -> telegram && !telegramIds.isEmpty()
                            ? outbox.command(new DeleteMessage(UUID.randomUUID(), 1, now, conversationId, message.id,
                            message.telegramChatId, telegramIds), now)
                            : Uni.createFrom().voidItem())
                    .call(() -> {
                        Map<String, Object> after = new LinkedHashMap<>();
                        after.put("messageId", message.id);
                        after.put("deletedAt", now);
                        return audit.record(conversationId, actor, "message.deleted", Map.of("messageId", message.id),
                                after, now);
                    });
        });
    }

    /**
     * The previous texts of {@code messageId}, oldest first.
     *
     * @throws UnknownConversationException no such conversation
     * @throws RefusedException             404 when the message is not in it
     */
    @WithSession
    public Uni<List<MessageVersionView>> versions(UUID conversationId, UUID messageId) {
        return conversations.findById(conversationId)
                .onItem().ifNull().failWith(() -> new UnknownConversationException(conversationId))
                .chain(() -> messages.findById(messageId))
                .invoke(message -> {
                    if (message == null || !message.conversationId.equals(conversationId)) {
                        throw RefusedException.notFound("No message " + messageId + " in this conversation.");
                    }
                })
                .chain(message -> messages.getSession().chain(session -> session.createSelectionQuery(
                                "from MessageVersion v where v.messageId = :messageId order by v.replacedAt, v.id",
                                MessageVersion.class)
                        .setParameter("messageId", messageId).getResultList()))
                .map(versions -> versions.stream().map(v -> new MessageVersionView(v.text, v.editedAt)).toList());
    }

    private record Found(Conversation conversation, Message message) {
    }

    /** The conversation and the message, the message row locked ({@code FOR UPDATE}). */
    private Uni<Found> locked(UUID conversationId, UUID messageId) {
        return conversations.findById(conversationId)
                .onItem().ifNull().failWith(() -> new UnknownConversationException(conversationId))
                .chain(conversation -> messages.getSession()
                        .chain(session -> session.find(Message.class, messageId, LockModeType.PESSIMISTIC_WRITE))
                        .map(message -> {
                            if (message == null || !message.conversationId.equals(conversationId)) {
                                throw RefusedException.notFound("No message " + messageId + " in this conversation.");
                            }
                            return new Found(conversation, message);
                        }));
    }

    private static void mayChange(Message message, Actor actor, Instant now, String verb) {
        if (message.direction != MessageDirection.OUTBOUND || message.operatorId == null || message.systemKey != null) {
            throw RefusedException.conflict("Only operators' replies can be " + verb + ".");
        }
        if (!actor.admin() && !actor.id().equals(message.operatorId)) {
            throw RefusedException.notAllowed("Only the author of a message or an admin can change it.");
        }
        if (message.createdAt.plus(WINDOW).isBefore(now)) {
            throw RefusedException.conflict("The message is older than 48 hours; it can no longer be " + verb + ".");
        }
    }

    /** Telegram's message ids of a SENT message, in order (several when Telegram got it in parts); empty otherwise. */
    List<Long> telegramIds(Message message) {
        return TelegramParts.of(message.telegramMessageIds);
    }

    private Uni<List<Attachment>> attachments(Message message) {
        return attachments.ofMessage(message.id);
    }

    private static Map<String, Object> state(Message message, String text) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("messageId", message.id);
        state.put("text", text);
        return state;
    }
}
