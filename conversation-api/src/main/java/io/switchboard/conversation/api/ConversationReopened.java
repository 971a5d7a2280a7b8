package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * A closed conversation is open again: the customer wrote ({@code OPEN_UNCLAIMED}, actor null) or an operator reopened it ({@code OPEN_ASSIGNED} to them).
 *
 * @param state the conversation's state after the change
 * @param actor the operator who did it, or null when the customer or the system (a timer) caused it
 * @param previousCodename the codename before reopening (differs from {@code state.codename} when the old one was taken)
 */
public record ConversationReopened(UUID eventId, int version, Instant occurredAt, UUID conversationId, ConversationState state,
        ActorSummary actor, String previousCodename) implements ConversationEvent {

    public static final String TYPE = "conversation.reopened";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public ConversationReopened {
        if (version == 0) {
            version = 1;
        }
    }
}
