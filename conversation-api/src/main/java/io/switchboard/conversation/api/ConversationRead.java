package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator read the conversation ({@code POST /api/conversations/{id}/read}): every customer message up to
 * {@code readAt} has been seen, so the web widget can show "read".
 *
 * @param readAt when it was read (the database transaction's time)
 * @param actor  the operator who read it
 */
public record ConversationRead(UUID eventId, int version, Instant occurredAt, UUID conversationId, Instant readAt,
                               ActorSummary actor) implements ConversationEvent {

    public static final String TYPE = "conversation.read";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public ConversationRead {
        if (version == 0) {
            version = 1;
        }
    }
}
