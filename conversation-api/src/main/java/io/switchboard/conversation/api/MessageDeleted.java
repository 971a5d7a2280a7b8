package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored message was deleted (soft: it keeps its row with {@code deleted_at}); the channel is asked to delete it
 * too. Telegram tells bots nothing about messages a customer deletes, so today the actor is always an operator.
 *
 * @param messageId the message
 * @param actor     the operator who deleted it, or null when it was not an operator
 */
public record MessageDeleted(UUID eventId, int version, Instant occurredAt, UUID conversationId, UUID messageId,
                             ActorSummary actor) implements ConversationEvent {

    public static final String TYPE = "message.deleted";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public MessageDeleted {
        if (version == 0) {
            version = 1;
        }
    }
}
