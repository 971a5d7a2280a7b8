package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * The customer is blocked: their messages are stored as {@code BLOCKED}, never shown and never announced.
 *
 * @param state the conversation's state after the change
 * @param actor the operator who did it, or null when the customer or the system (a timer) caused it
 */
public record ConversationBlocked(UUID eventId, int version, Instant occurredAt, UUID conversationId, ConversationState state,
        ActorSummary actor) implements ConversationEvent {

    public static final String TYPE = "conversation.blocked";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public ConversationBlocked {
        if (version == 0) {
            version = 1;
        }
    }
}
