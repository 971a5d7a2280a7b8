package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * The channel confirmed an outbound message: its status is now {@code SENT}.
 *
 * @param messageId the message
 * @param status    always {@code SENT}
 */
public record MessageSent(UUID eventId, int version, Instant occurredAt, UUID conversationId, UUID messageId, String status)
        implements ConversationEvent {

    public static final String TYPE = "message.sent";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public MessageSent {
        if (version == 0) {
            version = 1;
        }
    }
}
