package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer wrote and no open conversation existed, so one was opened in state {@code OPEN_UNCLAIMED}.
 *
 * @param codename human-friendly name such as "Blue Lion #84C2"
 * @param status   the conversation's state, {@code OPEN_UNCLAIMED}
 * @param customer who wrote
 * @param channel  where the customer writes from: {@code TELEGRAM} or {@code WIDGET}; null from producers older than
 *                 the widget (read it as {@code TELEGRAM})
 */
public record ConversationOpened(UUID eventId, int version, Instant occurredAt, UUID conversationId, String codename, String status, CustomerSummary customer,
                                 String channel)
        implements ConversationEvent {

    public static final String TYPE = "conversation.opened";

    /** {@link #channel()} of a conversation with a Telegram chat. */
    public static final String CHANNEL_TELEGRAM = "TELEGRAM";
    /** {@link #channel()} of a conversation started in the web widget. */
    public static final String CHANNEL_WIDGET = "WIDGET";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public ConversationOpened {
        if (version == 0) {
            version = 1;
        }
    }
}
