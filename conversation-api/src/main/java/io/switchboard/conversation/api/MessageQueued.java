package io.switchboard.conversation.api;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator's reply was stored ({@code OUTBOUND}, status {@code PENDING}) and handed to the channel.
 *
 * @param operatorId the operator who wrote it (the JWT subject)
 * @param message    the stored message
 */
public record MessageQueued(UUID eventId, String type, int version, Instant occurredAt, UUID conversationId, UUID operatorId, MessageSnapshot message)
        implements ConversationEvent {

    public static final String TYPE = "message.queued";

    public MessageQueued {
        type = TYPE;
        if (version == 0) {
            version = 1;
        }
    }
}
