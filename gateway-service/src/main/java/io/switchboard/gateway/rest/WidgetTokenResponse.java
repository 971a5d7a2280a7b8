package io.switchboard.gateway.rest;

/**
 * Answer of {@code POST /api/widget/token}: a new customer token and a new refresh token (the presented one is used
 * up); {@code expiresIn} is the token's lifetime in seconds.
 */
public record WidgetTokenResponse(String token, String refreshToken, long expiresIn) {
}
