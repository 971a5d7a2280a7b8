package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.api.MessageQueued;
import io.switchboard.conversation.api.MessageSnapshot;
import io.switchboard.conversation.api.MessageSent;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.ConversationStatus;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.MessageStatus;
import io.switchboard.conversation.mapping.ConversationMapper;
import io.switchboard.conversation.repository.AttachmentRepository;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.MessageRepository;
import io.switchboard.conversation.domain.Attachment;
import io.switchboard.conversation.domain.Upload;
import io.switchboard.conversation.repository.CustomerRepository;
import io.switchboard.conversation.repository.UploadRepository;
import io.switchboard.conversation.rest.MessageView;
import io.switchboard.telegram.api.MediaKind;
import io.switchboard.telegram.api.SendMedia;
import io.switchboard.telegram.api.SendMessage;
import io.switchboard.telegram.api.TelegramCommand;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
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
 * A reply may carry a file ({@link #replyWithFile}): its bytes are stored in {@code upload}, the message gets an
 * attachment naming it, and Telegram conversations get {@code send_media} (telegram-ingest fetches the bytes from
 * {@code GET /internal/uploads/{id}}). Nothing is stored for a Telegram customer who blocked the bot (409).
 */
@ApplicationScoped
public class OperatorReplies {

    /** Why a file for a widget conversation is refused (422): the widget cannot display attachments. */
    public static final String FILES_FOR_TELEGRAM_ONLY = "Files can be sent to Telegram customers only";
    /** Why {@link #replyAsAssignee} refused (403): the replier does not hold the conversation. */
    public static final String NOT_ASSIGNEE = "Only the conversation's assignee can reply here";

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final Outbox outbox;
    private final ConversationWorkflow workflow;
    private final AuditTrail audit;
    private final LifecycleTimers timers;
    private final Clock clock;
    private final CustomerRepository customers;
    private final UploadRepository uploads;
    private final AttachmentRepository attachments;

    public OperatorReplies(ConversationRepository conversations, MessageRepository messages, Outbox outbox,
                           ConversationWorkflow workflow, AuditTrail audit, LifecycleTimers timers, Clock clock,
                           CustomerRepository customers, UploadRepository uploads, AttachmentRepository attachments) {
        this.attachments = attachments;
        this.customers = customers;
        this.uploads = uploads;
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
     * @param message     the stored message (the earlier one for a repeated Idempotency-Key)
     * @param created     false when an earlier request with the same key had stored it
     * @param attachments the message's attachments (the sent file, or none)
     */
    public record Reply(Message message, boolean created, List<Attachment> attachments) {

        /** The message as the REST API shows it. */
        public MessageView view() {
            return ConversationMapper.view(message, attachments);
        }
    }

    /**
     * A file an operator sends (already validated: not empty, at most {@link Upload#MAX_BYTES}).
     *
     * @param fileName the name shown to the recipient
     * @param mimeType its media type; decides PHOTO or DOCUMENT with the size ({@link Upload#kindOf})
     * @param bytes    the content
     */
    public record MediaFile(String fileName, String mimeType, byte[] bytes) {
    }

    /**
     * Stores {@code text} (already validated, kept exactly) as {@code actor}'s reply.
     *
     * @param idempotencyKey null, or a key that makes the request repeatable: with a key seen before for this
     *                       conversation the earlier message is returned and nothing is stored, sent or changed
     * @throws UnknownConversationException no such conversation
     * @throws LifecycleRefusedException    409: the conversation is CLOSED or BLOCKED, or it was unclaimed and someone
     *                                      else claimed it meanwhile ("already claimed by …")
     * @throws RefusedException             409 when the Telegram customer blocked the bot ({@link #blockedBot}):
     *                                      nothing is stored
     */
    @WithTransaction
    public Uni<Reply> reply(UUID conversationId, Actor actor, String text, String idempotencyKey) {
        return send(conversationId, actor, text, null, idempotencyKey, false);
    }

    /**
     * {@link #reply}, but only from the conversation's assignee, checked after the conversation is locked (a reply
     * written in the forum topic: a claim by someone else a moment earlier must win).
     *
     * @throws RefusedException 403 {@link #NOT_ASSIGNEE} when {@code actor} does not hold the conversation (nothing is
     *                          stored); otherwise as {@link #reply}
     */
    @WithTransaction
    public Uni<Reply> replyAsAssignee(UUID conversationId, Actor actor, String text, String idempotencyKey) {
        return send(conversationId, actor, text, null, idempotencyKey, true);
    }

    /**
     * Stores {@code file} with {@code caption} as {@code actor}'s reply, like {@link #reply}: the bytes go to
     * {@code upload}, the message (text = the caption, or "" without one) gets an attachment naming it (PHOTO or
     * DOCUMENT), and a Telegram conversation gets a {@code send_media} command instead of {@code send_message}.
     *
     * @param caption null or the caption, kept exactly
     * @throws RefusedException 409 when the Telegram customer blocked the bot (nothing is stored); 422
     *                          {@link #FILES_FOR_TELEGRAM_ONLY} for a widget conversation (nothing is stored);
     *                          otherwise as {@link #reply}
     */
    @WithTransaction
    public Uni<Reply> replyWithFile(UUID conversationId, Actor actor, String caption, MediaFile file,
                                    String idempotencyKey) {
        return send(conversationId, actor, caption == null ? "" : caption, file, idempotencyKey, false);
    }

    private Uni<Reply> send(UUID conversationId, Actor actor, String text, MediaFile file, String idempotencyKey,
                            boolean requireAssignee) {
        return conversations.findById(conversationId)
                .onItem().ifNull().failWith(() -> new UnknownConversationException(conversationId))
                .chain(found -> {
                    ConversationStatus foundStatus = found.status; // what the replier answered
                    // then locked like the intake locks it, and re-read: a customer message or another operator's
                    // action arriving meanwhile waits for this reply (or this reply for it), so the status and
                    // last_message_id this transaction writes are those of whoever came last
                    return conversations.getSession()
                            .chain(session -> session.refresh(found, LockModeType.PESSIMISTIC_WRITE))
                            .invoke(() -> {
                                if (requireAssignee && !actor.id().equals(found.assigneeId)) {
                                    throw RefusedException.notAllowed(NOT_ASSIGNEE);
                                }
                                if (file != null && found.isWidget()) {
                                    // the widget shows no attachments and its customer cannot fetch /api/media
                                    throw RefusedException.unprocessable(FILES_FOR_TELEGRAM_ONLY);
                                }
                            })
                            .chain(() -> earlier(conversationId, idempotencyKey))
                            .chain(earlier -> earlier != null
                                    ? attachments(earlier).map(list -> new Reply(earlier, false, list))
                                    : reachable(found).chain(() -> store(found, foundStatus, actor, text, file,
                                    idempotencyKey, found.nextMessageAt(clock.instant().truncatedTo(ChronoUnit.MICROS)))));
                });
    }

    /**
     * Fails with 409 when {@code conversation} is a Telegram conversation whose customer blocked the bot: Telegram
     * would refuse every message ("Forbidden: bot was blocked by the user"), so nothing is stored or sent.
     */
    public Uni<Void> reachable(Conversation conversation) {
        if (conversation.isWidget()) {
            return Uni.createFrom().voidItem();
        }
        return customers.findById(conversation.customerId).invoke(customer -> {
            if (customer != null && customer.botBlockedAt != null) {
                throw RefusedException.conflict(blockedBot(customer.botBlockedAt));
            }
        }).replaceWithVoid();
    }

    /** The refusal's wording: "The customer blocked the bot on 2026-11-21; Telegram refuses messages until they unblock it". */
    public static String blockedBot(Instant blockedAt) {
        return "The customer blocked the bot on " + blockedAt.atOffset(ZoneOffset.UTC).toLocalDate()
                + "; Telegram refuses messages until they unblock it";
    }

    private Uni<List<Attachment>> attachments(Message message) {
        return attachments.ofMessage(message.id);
    }

    private Uni<Message> earlier(UUID conversationId, String idempotencyKey) {
        return idempotencyKey == null ? Uni.createFrom().nullItem() : messages.findByIdempotencyKey(conversationId, idempotencyKey);
    }

    private Uni<Reply> store(Conversation conversation, ConversationStatus foundStatus, Actor actor, String text,
                             MediaFile file, String idempotencyKey, Instant now) {
        return workflow.operatorReplied(conversation, foundStatus, actor, now).chain(before -> {
            Message message = Message.outbound(conversation.id, conversation.telegramChatId, actor.id(), text, idempotencyKey, now);
            message.operatorName = actor.name();
            message.source = Actor.VIA_TELEGRAM.equals(actor.via()) ? MessageSnapshot.SOURCE_TELEGRAM_TOPIC
                    : MessageSnapshot.SOURCE_WEB_CONSOLE;
            if (conversation.isWidget()) {
                message.status = MessageStatus.SENT; // stored is delivered: the widget reads it from history and socket
            }
            conversation.touch(message);
            Upload upload = file == null ? null : Upload.of(conversation.id, file.fileName(), file.mimeType(), file.bytes(), now);
            Attachment attachment = upload == null ? null : attachment(message, upload, now);
            List<Attachment> files = attachment == null ? List.of() : List.of(attachment);
            return messages.persist(message)
                    .call(stored -> upload == null ? Uni.createFrom().voidItem()
                            : uploads.persist(upload).chain(() -> attachments.persist(attachment)))
                    .call(stored -> outbox.event(new MessageQueued(UUID.randomUUID(), 1, now,
                            conversation.id, actor.id(), ConversationMapper.snapshot(stored, files)), now))
                    .call(stored -> conversation.isWidget()
                            ? outbox.event(new MessageSent(UUID.randomUUID(), 1, now, conversation.id, stored.id,
                            MessageStatus.SENT.name()), now)
                            : outbox.command(commandFor(stored, upload, attachment, now), now))
                    .call(stored -> audit.record(conversation.id, actor, "message.sent", before,
                            after(conversation, stored), now))
                    .call(() -> timers.reschedule(conversation, now))
                    .map(stored -> new Reply(stored, true, files));
        });
    }

    /**
     * The command that delivers {@code message} to its Telegram chat under a new command id: {@code send_media} for
     * a message with an uploaded file (its text is the caption; "" means none), else {@code send_message}. Also used
     * to send a FAILED message again ({@link DeliveryRetries}).
     */
    static TelegramCommand command(Message message, Upload upload, Attachment attachment, Instant now) {
        if (attachment == null || attachment.uploadId == null) {
            return new SendMessage(UUID.randomUUID(), 1, now, message.conversationId, message.id,
                    message.telegramChatId, message.text);
        }
        String caption = message.text == null || message.text.isEmpty() ? null : message.text;
        String fileName = upload != null ? upload.fileName : attachment.fileName;
        String mimeType = upload != null ? upload.mimeType : attachment.mimeType;
        return new SendMedia(UUID.randomUUID(), 1, now, message.conversationId, message.id, message.telegramChatId,
                MediaKind.valueOf(attachment.kind), attachment.uploadId, fileName, mimeType, caption, null, false);
    }

    /**
     * {@link #command} for {@code message}, which from now on waits for that command: its {@code commandId} is set
     * (only that command's result settles it, see {@link DeliveryResults}).
     */
    static TelegramCommand commandFor(Message message, Upload upload, Attachment attachment, Instant now) {
        TelegramCommand command = command(message, upload, attachment, now);
        message.commandId = command.commandId();
        return command;
    }

    private static Attachment attachment(Message message, Upload upload, Instant now) {
        Attachment a = new Attachment();
        a.id = UUID.randomUUID();
        a.messageId = message.id;
        a.kind = Upload.kindOf(upload.mimeType, upload.size);
        a.uploadId = upload.id;
        a.fileName = upload.fileName;
        a.mimeType = upload.mimeType;
        a.fileSize = upload.size;
        a.createdAt = now;
        return a;
    }

    private static Map<String, Object> after(Conversation conversation, Message message) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", conversation.status.name());
        after.put("assigneeId", conversation.assigneeId);
        after.put("messageId", message.id);
        return after;
    }
}
