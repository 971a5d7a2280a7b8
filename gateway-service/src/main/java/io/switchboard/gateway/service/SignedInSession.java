package io.switchboard.gateway.service;

import io.switchboard.gateway.domain.Operator;

/**
 * What a successful login or refresh hands out.
 *
 * @param operator     the signed-in operator
 * @param accessToken  signed JWT
 * @param expiresIn    lifetime of {@code accessToken} in seconds
 * @param refreshToken refresh secret (base64url), usable once
 */
public record SignedInSession(Operator operator, String accessToken, long expiresIn, String refreshToken) {
}
