package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The reactions on a stored message changed (Telegram {@code message_reaction}). Operators only: customers see
 * their own reactions in Telegram.
 *
 * @param messageId the message
 * @param reactions all reactions on it now (empty when the last one was removed)
 */
public record MessageReactionsChanged(UUID eventId, int version, Instant occurredAt, UUID conversationId,
                                      UUID messageId, List<MessageReaction> reactions) implements ConversationEvent {

    public static final String TYPE = "message.reactions_changed";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public MessageReactionsChanged {
        if (version == 0) {
            version = 1;
        }
        reactions = reactions == null ? List.of() : List.copyOf(reactions);
    }
}
