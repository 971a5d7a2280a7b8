package io.switchboard.ingest.domain;

import java.time.Instant;

/**
 * The bot this service speaks as right now.
 *
 * @param token     its token (never logged or returned)
 * @param source    console (stored) or environment
 * @param identity  getMe's answer; null while unknown (an environment token before its first getMe)
 * @param updatedAt when the stored settings last changed; null for an environment token without stored settings
 */
public record ConfiguredBot(BotToken token, TokenSource source, BotIdentity identity, Instant updatedAt) {
}
