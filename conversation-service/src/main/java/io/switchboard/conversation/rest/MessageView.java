package io.switchboard.conversation.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.switchboard.conversation.api.MessageAttachment;
import io.switchboard.conversation.api.MessageReaction;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message as operators read it.
 *
 * @param id            message id
 * @param direction     INBOUND (customer) or OUTBOUND (operator)
 * @param text          exactly as written
 * @param status        RECEIVED (inbound); PENDING, SENT or FAILED (outbound)
 * @param createdAt     when it was stored (ISO-8601)
 * @param failureReason why Telegram refused it; only present when FAILED
 * @param operatorId    author of an OUTBOUND message; null for the customer and system messages
 * @param operatorName  the author's display name at the time, or null
 * @param systemKey     template key of a system message (status RECORDED when it went to no channel), or null
 * @param attachments   files, locations, contacts (empty when none); bytes at {@code GET /api/media/{attachment id}}
 * @param replyToMessageId the message this one replies to, or null
 * @param replyToText   the quoted text or the replied message's start, or null
 * @param editedAt      when the text was last edited, or null
 * @param reactions     current reactions (empty when none)
 * @param source        TELEGRAM, WIDGET, WEB_CONSOLE, TELEGRAM_TOPIC or SYSTEM (null for rows older than the column)
 * @param deletedAt     when an operator deleted it (the console shows a "message deleted" placeholder); only present
 *                      when deleted
 */
public record MessageView(UUID id, String direction, String text, String status, Instant createdAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String failureReason,
                          UUID operatorId, String operatorName, String systemKey,
                          List<MessageAttachment> attachments, UUID replyToMessageId, String replyToText,
                          Instant editedAt, List<MessageReaction> reactions, String source,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Instant deletedAt) {

    /** Without the Telegram additions (no attachments, reply, edit, reactions, source). */
    public MessageView(UUID id, String direction, String text, String status, Instant createdAt, String failureReason,
                       UUID operatorId, String operatorName, String systemKey) {
        this(id, direction, text, status, createdAt, failureReason, operatorId, operatorName, systemKey, List.of(),
                null, null, null, List.of(), null, null);
    }
}
