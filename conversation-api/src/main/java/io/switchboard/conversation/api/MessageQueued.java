package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator's reply was stored ({@code OUTBOUND}, status {@code PENDING}) and handed to the channel.
 *
 * @param operatorId the operator who wrote it (the JWT subject)
 * @param message    the stored message
 */
public record MessageQueued(UUID eventId, int version, Instant occurredAt, UUID conversationId, UUID operatorId, MessageSnapshot message)
        implements ConversationEvent {

    public static final String TYPE = "message.queued";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public MessageQueued {
        if (version == 0) {
            version = 1;
        }
    }
}
