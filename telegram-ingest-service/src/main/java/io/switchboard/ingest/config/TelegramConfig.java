package io.switchboard.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Typed settings under {@code telegram.*}. Every key can also be given as an environment variable by Quarkus's
 * standard mapping (upper case, dots and dashes as underscores), e.g. {@code telegram.bot-token} ↔
 * {@code TELEGRAM_BOT_TOKEN}, {@code telegram.send.max-retry-after} ↔ {@code TELEGRAM_SEND_MAX_RETRY_AFTER}.
 */
@ConfigMapping(prefix = "telegram")
public interface TelegramConfig {

    /** Bot token from BotFather ({@code TELEGRAM_BOT_TOKEN}); required, never logged. */
    Optional<String> botToken();

    /** Bot API base URL, scheme://host[:port] without path ({@code TELEGRAM_API_URL}). */
    @WithDefault("https://api.telegram.org")
    String apiUrl();

    /** {@code webhook} or {@code polling} ({@code TELEGRAM_MODE}). */
    @WithDefault("webhook")
    TelegramMode mode();

    /**
     * Shared secret Telegram sends in {@code X-Telegram-Bot-Api-Secret-Token} ({@code TELEGRAM_WEBHOOK_SECRET});
     * required in webhook mode, 1–256 characters of {@code A-Z a-z 0-9 _ -}.
     */
    Optional<String> webhookSecret();

    /**
     * Public HTTPS URL of the webhook ({@code TELEGRAM_WEBHOOK_URL}); when set in webhook mode the service calls
     * {@code setWebhook(url, secret_token)} at start-up.
     */
    Optional<String> webhookUrl();

    /** How many times start-up retries {@code setWebhook} (with backoff up to 30 s) before it gives up and only logs. */
    @WithDefault("5")
    int webhookRegistrationRetries();

    /** Longest wait for Kafka to acknowledge a webhook update before answering 503. */
    @WithDefault("5S")
    Duration publishTimeout();

    /** Timeouts of calls to the Bot API other than long polling. */
    @WithDefault("30S")
    Duration httpTimeout();

    /** Long-polling settings ({@code TELEGRAM_MODE=polling}). */
    Polling polling();

    /** Limits and retries of outgoing messages. */
    Send send();

    /** {@code telegram.polling.*}. */
    interface Polling {
        /** {@code timeout} of each getUpdates call (Telegram holds the request open this long when idle). */
        @WithDefault("25S")
        Duration timeout();

        /** {@code limit} of each getUpdates call, 1–100. */
        @WithDefault("100")
        int limit();

        /** First wait after a failed poll or publish; doubles on each further failure. */
        @WithDefault("1S")
        Duration backoff();

        /** Longest wait between failed polls. */
        @WithDefault("30S")
        Duration maxBackoff();
    }

    /** {@code telegram.send.*}. */
    interface Send {
        /** Messages per second to one chat, sustained. */
        @WithDefault("1")
        int chatPerSecond();

        /** Messages one chat may receive at once before {@link #chatPerSecond()} applies. */
        @WithDefault("3")
        int chatBurst();

        /** Messages per minute to one group chat (negative chat id). */
        @WithDefault("20")
        int groupPerMinute();

        /** Messages per second for the whole bot on this replica (with N replicas use 30/N). */
        @WithDefault("30")
        int botPerSecond();

        /** Longest {@code retry_after} the sender waits out; a longer one fails the command at once. */
        @WithDefault("60S")
        Duration maxRetryAfter();

        /** How many times a part is retried after a network error or a 5xx answer. */
        @WithDefault("3")
        int retries();

        /** First wait before such a retry; doubles on each further retry. */
        @WithDefault("1S")
        Duration retryBackoff();

        /** How many recently completed command ids are remembered to skip redeliveries. */
        @WithDefault("10000")
        int recentCommands();
    }
}
