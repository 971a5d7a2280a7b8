package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer's message was stored ({@code INBOUND}, status {@code RECEIVED}).
 *
 * @param customer who wrote
 * @param message  the stored message
 */
public record MessageReceived(UUID eventId, int version, Instant occurredAt, UUID conversationId, CustomerSummary customer, MessageSnapshot message)
        implements ConversationEvent {

    public static final String TYPE = "message.received";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public MessageReceived {
        if (version == 0) {
            version = 1;
        }
    }
}
