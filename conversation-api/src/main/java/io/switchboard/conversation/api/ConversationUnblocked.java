package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * The customer is unblocked: the conversation is {@code CLOSED}, and the customer's next message reopens it.
 *
 * @param state the conversation's state after the change
 * @param actor the operator who did it, or null when the customer or the system (a timer) caused it
 */
public record ConversationUnblocked(UUID eventId, int version, Instant occurredAt, UUID conversationId, ConversationState state,
        ActorSummary actor) implements ConversationEvent {

    public static final String TYPE = "conversation.unblocked";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public ConversationUnblocked {
        if (version == 0) {
            version = 1;
        }
    }
}
