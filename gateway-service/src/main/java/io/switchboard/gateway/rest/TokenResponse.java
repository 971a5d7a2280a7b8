package io.switchboard.gateway.rest;

import io.switchboard.gateway.service.SignedInSession;

/**
 * Answer of a login or refresh: {@code {accessToken, refreshToken, expiresIn, tokenType: "Bearer", operator}};
 * {@code expiresIn} is the access token's lifetime in seconds (900).
 */
public record TokenResponse(String accessToken, String refreshToken, long expiresIn, String tokenType,
                            OperatorView operator) {

    public static TokenResponse of(SignedInSession session) {
        return new TokenResponse(session.accessToken(), session.refreshToken(), session.expiresIn(), "Bearer",
                OperatorView.of(session.operator()));
    }
}
