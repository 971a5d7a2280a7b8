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
 * @param webhookRegistered whether the last webhook registration for this bot made by the answering replica
 *                   succeeded (for PUT: the registration this request made); false in polling mode, when none was
 *                   made or when it failed. A PUT whose registration failed still answers 200: the token was stored
 * @param webhookError why that registration failed (e.g. "Telegram refused setWebhook: …"), else null
 */
public record BotView(boolean configured, Long botId, String username, String firstName, String tokenHint,
                      String mode, String webhookUrl, String source, boolean webhookRegistered, String webhookError) {
}
