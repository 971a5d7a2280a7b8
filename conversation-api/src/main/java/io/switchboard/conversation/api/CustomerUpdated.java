package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * The conversation's customer changed how they are shown (a widget customer chose a nickname).
 *
 * @param customer the customer after the change
 */
public record CustomerUpdated(UUID eventId, int version, Instant occurredAt, UUID conversationId,
                              CustomerSummary customer) implements ConversationEvent {

    public static final String TYPE = "customer.updated";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public CustomerUpdated {
        if (version == 0) {
            version = 1;
        }
    }
}
