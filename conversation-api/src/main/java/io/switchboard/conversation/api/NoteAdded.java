package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator added a private note to a conversation. For operators only: a channel that reaches customers (the
 * web widget) must never forward it.
 *
 * @param note the stored note
 */
public record NoteAdded(UUID eventId, int version, Instant occurredAt, UUID conversationId, NoteSnapshot note)
        implements ConversationEvent {

    public static final String TYPE = "note.added";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public NoteAdded {
        if (version == 0) {
            version = 1;
        }
    }
}
