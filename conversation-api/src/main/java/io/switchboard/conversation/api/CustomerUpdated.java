package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * The conversation's customer changed how they are shown (a widget customer chose a nickname) or whether they can
 * be reached (they blocked or unblocked the Telegram bot: {@link #botBlockedAt()}).
 *
 * @param customer     the customer after the change
 * @param botBlockedAt when the customer blocked the bot, or null when the bot can reach them (same as
 *                     {@code customer.botBlockedAt})
 */
public record CustomerUpdated(UUID eventId, int version, Instant occurredAt, UUID conversationId,
                              CustomerSummary customer, Instant botBlockedAt) implements ConversationEvent {

    /** A change that says nothing about blocking: {@code botBlockedAt} is taken from the customer (usually null). */
    public CustomerUpdated(UUID eventId, int version, Instant occurredAt, UUID conversationId, CustomerSummary customer) {
        this(eventId, version, occurredAt, conversationId, customer, customer == null ? null : customer.botBlockedAt());
    }

    public static final String TYPE = "customer.updated";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public CustomerUpdated {
        if (version == 0) {
            version = 1;
        }
    }
}
