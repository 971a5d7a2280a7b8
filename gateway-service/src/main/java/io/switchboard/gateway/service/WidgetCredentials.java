package io.switchboard.gateway.service;

import java.util.UUID;

/**
 * What a widget customer gets when a conversation starts or a refresh token is exchanged.
 *
 * @param customerId     the customer ({@code sub} of the token)
 * @param conversationId the one conversation the token opens
 * @param token          signed customer access token (JWT)
 * @param expiresIn      lifetime of {@code token} in seconds
 * @param refreshToken   the new refresh token (43 characters, base64url), usable once
 */
public record WidgetCredentials(UUID customerId, UUID conversationId, String token, long expiresIn,
                                String refreshToken) {
}
