package io.switchboard.ingest.service;

import io.switchboard.ingest.domain.ConfiguredBot;

/**
 * CDI event: the bot in use changed (another token, or none), on this replica, either because this replica took the
 * PUT/DELETE or because its periodic re-read saw another replica's change.
 *
 * @param bot the bot now in use, or null when no token is configured
 */
public record BotChanged(ConfiguredBot bot) {
}
