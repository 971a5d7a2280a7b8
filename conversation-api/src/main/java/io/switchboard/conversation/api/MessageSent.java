package io.switchboard.conversation.api;

import java.time.Instant;
import java.util.UUID;

/**
 * The channel confirmed an outbound message: its status is now {@code SENT}.
 *
 * @param messageId the message
 * @param status    always {@code SENT}
 */
public record MessageSent(UUID eventId, String type, int version, Instant occurredAt, UUID conversationId, UUID messageId, String status)
        implements ConversationEvent {

    public static final String TYPE = "message.sent";

    public MessageSent {
        type = TYPE;
        if (version == 0) {
            version = 1;
        }
    }
}
