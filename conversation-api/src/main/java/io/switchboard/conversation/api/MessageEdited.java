package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored message's text changed: the customer edited it in Telegram ({@code edited_message}; for media the caption,
 * for a live location the coordinates) or an operator edited their reply. The previous version is kept.
 *
 * @param messageId    the message
 * @param text         the text now (a media message's caption; may be empty)
 * @param previousText the text before this edit
 * @param editedAt     when it was edited (Telegram's {@code edit_date} for customer edits)
 * @param actor        the operator who edited, or null when the customer did
 */
public record MessageEdited(UUID eventId, int version, Instant occurredAt, UUID conversationId, UUID messageId,
                            String text, String previousText, Instant editedAt, ActorSummary actor)
        implements ConversationEvent {

    public static final String TYPE = "message.edited";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public MessageEdited {
        if (version == 0) {
            version = 1;
        }
    }
}
