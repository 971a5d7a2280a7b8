package io.switchboard.conversation.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
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
 */
public record MessageView(UUID id, String direction, String text, String status, Instant createdAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String failureReason,
                          UUID operatorId, String operatorName, String systemKey) {
}
