package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * An admin or the current assignee handed the conversation to an operator (a transfer).
 *
 * @param state the conversation's state after the change
 * @param actor the operator who did it, or null when the customer or the system (a timer) caused it
 * @param previousAssigneeId who held it before, or null when it was unclaimed
 */
public record ConversationAssigned(UUID eventId, int version, Instant occurredAt, UUID conversationId, ConversationState state,
        ActorSummary actor, UUID previousAssigneeId) implements ConversationEvent {

    public static final String TYPE = "conversation.assigned";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public ConversationAssigned {
        if (version == 0) {
            version = 1;
        }
    }
}
