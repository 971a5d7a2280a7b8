package io.switchboard.conversation.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer wrote and no open conversation existed, so one was opened in state {@code OPEN_UNCLAIMED}.
 *
 * @param codename human-friendly name such as "Blue Lion #84C2"
 * @param status   the conversation's state, {@code OPEN_UNCLAIMED}
 * @param customer who wrote
 */
public record ConversationOpened(UUID eventId, String type, int version, Instant occurredAt, UUID conversationId, String codename, String status, CustomerSummary customer)
        implements ConversationEvent {

    public static final String TYPE = "conversation.opened";

    public ConversationOpened {
        type = TYPE;
        if (version == 0) {
            version = 1;
        }
    }
}
