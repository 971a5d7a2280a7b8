package io.switchboard.gateway.rest;

/**
 * Body of {@code POST /api/widget/conversations/{id}/messages}.
 *
 * @param text            1..4000 characters after trimming
 * @param clientMessageId the widget's id for this message, {@code ^[A-Za-z0-9_-]{8,64}$}; posting the same id
 *                        again stores nothing new
 */
public record PostWidgetMessageRequest(String text, String clientMessageId) {
}
