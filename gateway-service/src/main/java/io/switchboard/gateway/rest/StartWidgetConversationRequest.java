package io.switchboard.gateway.rest;

/**
 * Body of {@code POST /api/widget/conversations}; both fields optional (the body itself too).
 *
 * @param nickname what the customer wants to be called (2–32 characters, no links; checked by conversation-service)
 * @param locale   the customer's language tag, e.g. {@code en}, {@code ru-RU}, {@code fa}
 */
public record StartWidgetConversationRequest(String nickname, String locale) {
}
