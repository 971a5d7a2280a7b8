package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * The status flipped because someone wrote: an operator replied ({@code AWAITING_CUSTOMER}, actor set) or the customer answered ({@code OPEN_ASSIGNED}, actor null).
 *
 * @param state the conversation's state after the change
 * @param actor the operator who did it, or null when the customer or the system (a timer) caused it
 * @param previousStatus the status before the change
 */
public record ConversationStatusChanged(UUID eventId, int version, Instant occurredAt, UUID conversationId, ConversationState state,
        ActorSummary actor, String previousStatus) implements ConversationEvent {

    public static final String TYPE = "conversation.status_changed";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public ConversationStatusChanged {
        if (version == 0) {
            version = 1;
        }
    }
}
