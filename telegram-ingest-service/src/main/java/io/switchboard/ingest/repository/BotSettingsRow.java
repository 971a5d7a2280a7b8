package io.switchboard.ingest.repository;

import java.time.Instant;

/**
 * The {@code bot_settings} row as stored: secrets still encrypted.
 *
 * @param tokenCiphertext                 encrypted bot token, null when the console set none (the environment's
 *                                        applies)
 * @param botId                           getMe id, null without a token
 * @param username                        getMe username, null without a token
 * @param firstName                       getMe first_name, null without a token
 * @param tokenHint                       {@code 123456789:…XYZ9}, null without a token
 * @param webhookSecretCiphertext         encrypted generated secret_token, null when none was generated
 * @param updatedAt                       last change
 * @param previousWebhookSecretCiphertext the generated secret replaced at {@code webhookSecretRotatedAt}, or null
 * @param webhookSecretRotatedAt          when the generated secret last changed, or null
 * @param polledEnvBotId                  bot id of {@code TELEGRAM_BOT_TOKEN} that stays in polling mode (its webhook
 *                                        was removed while a console token of the same bot was polled), or null
 */
public record BotSettingsRow(byte[] tokenCiphertext, Long botId, String username, String firstName, String tokenHint,
                             byte[] webhookSecretCiphertext, Instant updatedAt, byte[] previousWebhookSecretCiphertext,
                             Instant webhookSecretRotatedAt, Long polledEnvBotId) {
}
