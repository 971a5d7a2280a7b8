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
 */
public record MessageFailed(UUID eventId, int version, Instant occurredAt, UUID conversationId, UUID messageId, String status, String reason)
        implements ConversationEvent {

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
