package io.switchboard.gateway.rest;

import java.util.UUID;

/**
 * Answer of {@code POST /api/widget/conversations} (201).
 *
 * @param conversationId the new conversation
 * @param token          customer access token (JWT) for that conversation
 * @param refreshToken   refresh token (43 characters), usable once at {@code POST /api/widget/token}
 * @param codename       the conversation's codename, e.g. "Blue Lion #84C2"
 * @param expiresIn      lifetime of {@code token} in seconds (900)
 */
public record WidgetConversationStarted(UUID conversationId, String token, String refreshToken, String codename,
                                        long expiresIn) {
}
