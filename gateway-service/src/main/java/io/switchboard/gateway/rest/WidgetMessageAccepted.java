package io.switchboard.gateway.rest;

import java.time.Instant;

/**
 * Answer of {@code POST /api/widget/conversations/{id}/messages} (202): the message is on Kafka and will be stored
 * by conversation-service (and reach the widget's socket as a {@code message} frame with the same
 * {@code clientMessageId}).
 */
public record WidgetMessageAccepted(String clientMessageId, Instant acceptedAt) {
}
