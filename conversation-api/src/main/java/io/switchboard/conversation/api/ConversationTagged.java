package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator attached a tag to a conversation (only when it was not attached already).
 *
 * @param tag   the tag
 * @param actor the operator who attached it
 */
public record ConversationTagged(UUID eventId, int version, Instant occurredAt, UUID conversationId, TagSummary tag,
        ActorSummary actor) implements ConversationEvent {

    public static final String TYPE = "conversation.tagged";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public ConversationTagged {
        if (version == 0) {
            version = 1;
        }
    }
}
