package io.switchboard.conversation.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored message as operators see it; the same shape as an item of {@code GET /api/conversations/{id}/messages}.
 *
 * @param id        message id
 * @param direction {@code INBOUND} (from the customer) or {@code OUTBOUND} (from an operator)
 * @param text      message text exactly as sent
 * @param status    {@code RECEIVED} for inbound; {@code PENDING}, {@code SENT} or {@code FAILED} for outbound
 * @param createdAt when it was stored
 */
public record MessageSnapshot(UUID id, String direction, String text, String status, Instant createdAt) {
}
