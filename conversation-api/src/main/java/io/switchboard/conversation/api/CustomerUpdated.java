package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * The conversation's customer changed how they are shown (a widget customer chose a nickname) or whether and where
 * they can be reached (they blocked or unblocked the Telegram bot: {@link #botBlockedAt()}; a widget conversation
 * continues in Telegram through a deep link: {@link #channel()} {@code TELEGRAM}).
 *
 * @param customer     the customer after the change
 * @param botBlockedAt when the customer blocked the bot, or null when the bot can reach them (same as
 *                     {@code customer.botBlockedAt})
 * @param channel      the conversation's channel after a change of channel ({@code TELEGRAM} once a widget
 *                     conversation continues in Telegram: its widget must get nothing from then on), or null when
 *                     the channel did not change
 */
public record CustomerUpdated(UUID eventId, int version, Instant occurredAt, UUID conversationId,
                              CustomerSummary customer, Instant botBlockedAt, String channel) implements ConversationEvent {

    /** A change that says nothing about blocking: {@code botBlockedAt} is taken from the customer (usually null). */
    public CustomerUpdated(UUID eventId, int version, Instant occurredAt, UUID conversationId, CustomerSummary customer) {
        this(eventId, version, occurredAt, conversationId, customer, customer == null ? null : customer.botBlockedAt());
    }

    /** A change that leaves the conversation's channel as it was ({@code channel} null). */
    public CustomerUpdated(UUID eventId, int version, Instant occurredAt, UUID conversationId, CustomerSummary customer,
                           Instant botBlockedAt) {
        this(eventId, version, occurredAt, conversationId, customer, botBlockedAt, null);
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
