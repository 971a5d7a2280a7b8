package io.switchboard.ingest.config;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.ingest.client.BotApiEndpoint;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.regex.Pattern;

/**
 * Refuses to start with settings that cannot work: no valid {@code TELEGRAM_TOKEN_KEY} (dev and test profiles carry a
 * fixed public key in application.properties, production has none), a malformed bot token, an environment token in
 * webhook mode without a public URL and without a valid secret, an unusable API URL or polling limits outside
 * Telegram's range. Runs before every other start-up observer. A missing bot token is fine: an admin sets one in the
 * console.
 */
@ApplicationScoped
public class StartupConfigCheck {

    /** Telegram's rule for {@code secret_token}: 1–256 characters of A-Z a-z 0-9 _ -. */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    void check(@Observes @Priority(1) StartupEvent event, TelegramConfig config) {
        validate(config);
    }

    /**
     * @throws IllegalStateException naming the environment variable to fix
     */
    static void validate(TelegramConfig config) {
        String key = config.tokenKey().map(String::trim).orElse("");
        if (key.isEmpty()) {
            throw new IllegalStateException("TELEGRAM_TOKEN_KEY (telegram.token-key) must be set: base64 of 32 random "
                    + "bytes (openssl rand -base64 32); it encrypts the bot token stored from the console");
        }
        try {
            io.switchboard.ingest.domain.TokenCipher.fromBase64(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("TELEGRAM_TOKEN_KEY is invalid: " + e.getMessage());
        }
        boolean environmentToken = config.botToken().map(t -> !t.isBlank()).orElse(false);
        if (environmentToken && !io.switchboard.ingest.domain.BotToken.isWellFormed(config.botToken().get().trim())) {
            throw new IllegalStateException("TELEGRAM_BOT_TOKEN does not look like a bot token (123456789:AAE…)");
        }
        try {
            BotApiEndpoint.parse(config.apiUrl());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("TELEGRAM_API_URL is invalid: " + e.getMessage(), e);
        }
        boolean publicUrl = config.webhookUrl().map(u -> !u.isBlank()).orElse(false);
        String secret = config.webhookSecret().orElse("");
        if (config.mode() == TelegramMode.WEBHOOK && environmentToken && !publicUrl && secret.isBlank()) {
            throw new IllegalStateException("TELEGRAM_WEBHOOK_SECRET (telegram.webhook-secret) must be set when "
                    + "TELEGRAM_MODE=webhook without TELEGRAM_WEBHOOK_URL: it authenticates Telegram's POSTs to "
                    + "/telegram/webhook for the webhook you register yourself");
        }
        if (!secret.isBlank()) {
            if (!SECRET.matcher(secret).matches()) {
                throw new IllegalStateException("TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z a-z 0-9 _ -"
                        + " (Telegram's rule for secret_token)");
            }
        }
        int limit = config.polling().limit();
        if (limit < 1 || limit > 100) {
            throw new IllegalStateException("telegram.polling.limit must be 1-100, was " + limit);
        }
    }
}
