package io.switchboard.conversation.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored message as operators see it; the same shape as an item of {@code GET /api/conversations/{id}/messages}.
 *
 * @param id        message id
 * @param direction {@code INBOUND} (from the customer) or {@code OUTBOUND} (from an operator)
 * @param text      message text exactly as sent
 * @param status    {@code RECEIVED} for inbound; {@code PENDING}, {@code SENT}, {@code FAILED} or {@code RECORDED} (a system bubble sent nowhere) for outbound
 * @param createdAt when it was stored
 * @param operatorId   author of an OUTBOUND message, or null (customer, system)
 * @param operatorName the author's display name at the time, or null
 * @param systemKey    template key of a system message (e.g. {@code welcome_message}), or null
 * @param clientMessageId the web widget's id for a message its customer posted ({@code ^[A-Za-z0-9_-]{8,64}$}), so
 *                     the widget can match its local echo; null for every other message
 * @param attachments  files, locations or contacts of the message (empty or null when it has none); a file's bytes
 *                     are served at {@code GET /api/media/{attachment id}}
 * @param replyToMessageId the message this one replies to (Telegram {@code reply_to_message}), or null
 * @param replyToText  the quoted text ({@code quote.text}) or the start (≤ 200 chars) of the replied message, or null
 * @param editedAt     when the text was last edited, or null (previous versions at {@code …/messages/{id}/versions})
 * @param reactions    the current reactions on the message (empty or null when none)
 * @param failureReason why a FAILED outbound message failed (as Telegram put it), or null
 * @param source       where the message came from: {@link #SOURCE_TELEGRAM} (customer in Telegram),
 *                     {@link #SOURCE_WIDGET}, {@link #SOURCE_WEB_CONSOLE}, {@link #SOURCE_TELEGRAM_TOPIC} (an operator
 *                     wrote in the support group's forum topic), {@link #SOURCE_SYSTEM}; null from older producers
 */
public record MessageSnapshot(UUID id, String direction, String text, String status, Instant createdAt,
                              UUID operatorId, String operatorName, String systemKey, String clientMessageId,
                              List<MessageAttachment> attachments, UUID replyToMessageId, String replyToText,
                              Instant editedAt, List<MessageReaction> reactions, String failureReason, String source) {

    public static final String SOURCE_TELEGRAM = "TELEGRAM";
    public static final String SOURCE_WIDGET = "WIDGET";
    public static final String SOURCE_WEB_CONSOLE = "WEB_CONSOLE";
    public static final String SOURCE_TELEGRAM_TOPIC = "TELEGRAM_TOPIC";
    public static final String SOURCE_SYSTEM = "SYSTEM";

    /** The shape before attachments, replies, edits and reactions existed: those fields are null. */
    public MessageSnapshot(UUID id, String direction, String text, String status, Instant createdAt,
                           UUID operatorId, String operatorName, String systemKey, String clientMessageId) {
        this(id, direction, text, status, createdAt, operatorId, operatorName, systemKey, clientMessageId,
                null, null, null, null, null, null, null);
    }
}
