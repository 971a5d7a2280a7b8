package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator detached a tag from a conversation (only when it was attached).
 *
 * @param tag   the tag
 * @param actor the operator who detached it
 */
public record ConversationUntagged(UUID eventId, int version, Instant occurredAt, UUID conversationId, TagSummary tag,
        ActorSummary actor) implements ConversationEvent {

    public static final String TYPE = "conversation.untagged";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public ConversationUntagged {
        if (version == 0) {
            version = 1;
        }
    }
}
