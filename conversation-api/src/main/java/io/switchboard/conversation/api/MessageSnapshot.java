package io.switchboard.conversation.api;

import java.time.Instant;
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
 */
public record MessageSnapshot(UUID id, String direction, String text, String status, Instant createdAt,
                              UUID operatorId, String operatorName, String systemKey, String clientMessageId) {
}
