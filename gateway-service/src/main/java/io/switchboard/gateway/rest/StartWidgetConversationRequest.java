package io.switchboard.gateway.rest;

/**
 * Body of {@code POST /api/widget/conversations}; both fields optional (the body itself too).
 *
 * @param nickname what the customer wants to be called (2–32 characters, no links; checked here with
 *                 conversation-service's rule, {@link io.switchboard.gateway.domain.WidgetProfileRules#nickname})
 * @param locale   the customer's language tag, e.g. {@code en}, {@code ru-RU}, {@code fa}, {@code pt_BR}; normalised
 *                 to {@code language[-REGION]} ({@link io.switchboard.gateway.domain.WidgetProfileRules#locale})
 */
public record StartWidgetConversationRequest(String nickname, String locale) {
}
