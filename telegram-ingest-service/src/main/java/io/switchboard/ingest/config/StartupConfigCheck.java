package io.switchboard.ingest.config;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.ingest.client.BotApiEndpoint;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.regex.Pattern;

/**
 * Refuses to start with settings that cannot work: no bot token, a webhook mode without a valid secret, an
 * unusable API URL or polling limits outside Telegram's range. Runs before every other start-up observer.
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
        if (config.botToken().map(String::isBlank).orElse(true)) {
            throw new IllegalStateException("TELEGRAM_BOT_TOKEN (telegram.bot-token) must be set");
        }
        try {
            BotApiEndpoint.parse(config.apiUrl());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("TELEGRAM_API_URL is invalid: " + e.getMessage(), e);
        }
        if (config.mode() == TelegramMode.WEBHOOK) {
            String secret = config.webhookSecret().orElse("");
            if (secret.isBlank()) {
                throw new IllegalStateException("TELEGRAM_WEBHOOK_SECRET (telegram.webhook-secret) must be set when "
                        + "TELEGRAM_MODE=webhook: it authenticates Telegram's POSTs to /telegram/webhook");
            }
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
