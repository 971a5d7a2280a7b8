package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * The channel refused an outbound message: its status is now {@code FAILED}.
 *
 * @param messageId the message
 * @param status    always {@code FAILED}
 * @param reason    why, as Telegram put it (e.g. "Forbidden: bot was blocked by the user")
 * @param failureKind the classified cause (telegram-api {@code FailureKind} name, e.g. {@code BLOCKED_BY_USER},
 *                  {@code RATE_LIMITED}), or null when unknown
 */
public record MessageFailed(UUID eventId, int version, Instant occurredAt, UUID conversationId, UUID messageId, String status, String reason,
                            String failureKind)
        implements ConversationEvent {

    /** Without a classified cause ({@code failureKind} null). */
    public MessageFailed(UUID eventId, int version, Instant occurredAt, UUID conversationId, UUID messageId, String status, String reason) {
        this(eventId, version, occurredAt, conversationId, messageId, status, reason, null);
    }

    public static final String TYPE = "message.failed";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public MessageFailed {
        if (version == 0) {
            version = 1;
        }
    }
}
