package io.switchboard.gateway.rest;

/** Body of {@code POST /api/auth/refresh} and {@code POST /api/auth/logout}. */
public record RefreshTokenRequest(String refreshToken) {
}
