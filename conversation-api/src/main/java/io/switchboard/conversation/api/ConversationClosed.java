package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * The conversation was closed (status {@code CLOSED}); a closing message, if any, was stored before this event.
 *
 * @param state the conversation's state after the change
 * @param actor the operator who did it, or null when the customer or the system (a timer) caused it
 * @param reason {@code operator} (an operator closed it) or {@code auto_close} (the inactivity timer)
 */
public record ConversationClosed(UUID eventId, int version, Instant occurredAt, UUID conversationId, ConversationState state,
        ActorSummary actor, String reason) implements ConversationEvent {

    public static final String TYPE = "conversation.closed";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public ConversationClosed {
        if (version == 0) {
            version = 1;
        }
    }
}
