package io.switchboard.widget.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A widget customer posted a message. conversation-service stores it once per
 * ({@code conversationId}, {@code clientMessageId}): a redelivered or re-posted record is a no-op.
 *
 * @param eventId         unique id of this record
 * @param version         schema version, currently 1 (0 is read as 1)
 * @param occurredAt      when the gateway accepted it
 * @param conversationId  the conversation (token claim {@code conversation}); the Kafka key
 * @param customerId      the customer (token {@code sub}); must be the conversation's customer
 * @param clientMessageId the widget's id for the message, {@code ^[A-Za-z0-9_-]{8,64}$}, used for de-duplication
 *                        and echoed back to the widget
 * @param text            message text, 1..4000 characters after trim, exactly as typed (not HTML)
 */
public record WidgetMessagePosted(UUID eventId, int version, Instant occurredAt, UUID conversationId, UUID customerId,
                                  String clientMessageId, String text) implements WidgetCommand {

    public static final String TYPE = "widget.message_posted";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public WidgetMessagePosted {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(clientMessageId, "clientMessageId");
        Objects.requireNonNull(text, "text");
        if (version == 0) {
            version = 1;
        }
        if (eventId == null) {
            eventId = UUID.randomUUID();
        }
        if (occurredAt == null) {
            occurredAt = Instant.now();
        }
    }

    /** A version-1 record with a fresh id, accepted now. */
    public static WidgetMessagePosted of(UUID conversationId, UUID customerId, String clientMessageId, String text) {
        return new WidgetMessagePosted(UUID.randomUUID(), 1, Instant.now(), conversationId, customerId, clientMessageId,
                text);
    }
}
