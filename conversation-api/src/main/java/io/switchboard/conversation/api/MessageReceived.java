package io.switchboard.conversation.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer's message was stored ({@code INBOUND}, status {@code RECEIVED}).
 *
 * @param customer who wrote
 * @param message  the stored message
 */
public record MessageReceived(UUID eventId, String type, int version, Instant occurredAt, UUID conversationId, CustomerSummary customer, MessageSnapshot message)
        implements ConversationEvent {

    public static final String TYPE = "message.received";

    public MessageReceived {
        type = TYPE;
        if (version == 0) {
            version = 1;
        }
    }
}
