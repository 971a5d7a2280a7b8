package io.switchboard.widget.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.UUID;

/**
 * Something a web-widget customer did that conversation-service must store, published on
 * {@link Topics#WIDGET_MESSAGES} and keyed by {@link #conversationId()}. On the wire a JSON object whose dotted
 * {@code type} names it (e.g. {@code "widget.message_posted"}); consumers ignore unknown properties, and
 * {@link #version()} grows when a shape changes incompatibly.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WidgetMessagePosted.class, name = WidgetMessagePosted.TYPE)
})
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"type"}) // the wire name first, like the other contracts
public sealed interface WidgetCommand permits WidgetMessagePosted {

    /** Unique id of this record. */
    UUID eventId();

    /** Dotted wire name, e.g. {@code "widget.message_posted"}. */
    String type();

    /** Schema version of this shape, starting at 1. */
    int version();

    /** When the gateway accepted it. */
    Instant occurredAt();

    /** The conversation it belongs to (the customer token's {@code conversation} claim); also the Kafka key. */
    UUID conversationId();

    /** The customer who did it (the customer token's {@code sub}). */
    UUID customerId();
}
