package io.switchboard.ingest.rest;

/**
 * {@code GET /api/admin/telegram/bot}: the bot in use, never its token.
 *
 * @param configured whether any token is configured
 * @param botId      getMe id, null when unknown
 * @param username   getMe username (without @), null when unknown
 * @param firstName  getMe first_name, null when unknown
 * @param tokenHint  {@code 123456789:…XYZ9} (bot id and the last 4 characters), null when not configured
 * @param mode       {@code webhook} or {@code polling}
 * @param webhookUrl {@code TELEGRAM_WEBHOOK_URL}, null when none
 * @param source     {@code console} (stored by an admin) or {@code environment} ({@code TELEGRAM_BOT_TOKEN}); null
 *                   when not configured
 */
public record BotView(boolean configured, Long botId, String username, String firstName, String tokenHint,
                      String mode, String webhookUrl, String source) {
}
