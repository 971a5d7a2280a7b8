package io.switchboard.ingest.domain;

/**
 * Who the bot is, per Bot API {@code getMe}.
 *
 * @param botId     the bot's user id
 * @param username  its username without {@code @} (for {@code t.me/<username>} links)
 * @param firstName its display name
 */
public record BotIdentity(long botId, String username, String firstName) {
}
