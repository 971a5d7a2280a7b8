package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * The conversation and everything stored with it (messages, notes, tag links, timers) were deleted for good; consoles
 * drop it from every list and close it if it is open. Carries no personal data.
 *
 * @param reason why: {@value #BULK} (an admin's bulk delete), {@value #RETENTION} (the daily retention job) or
 *               {@value #ERASURE} (erasure of the customer on request)
 */
public record ConversationDeleted(UUID eventId, int version, Instant occurredAt, UUID conversationId, String reason)
        implements ConversationEvent {

    public static final String TYPE = "conversation.deleted";

    /** An admin deleted it with {@code POST /api/conversations/bulk-delete}. */
    public static final String BULK = "bulk";
    /** The retention job purged it (CLOSED longer than the configured age). */
    public static final String RETENTION = "retention";
    /** Its customer was erased ({@code DELETE /api/customers/{id}}). */
    public static final String ERASURE = "erasure";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public ConversationDeleted {
        if (version == 0) {
            version = 1;
        }
    }
}
