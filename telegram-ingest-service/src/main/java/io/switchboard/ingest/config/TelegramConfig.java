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

    /**
     * Bot token from BotFather ({@code TELEGRAM_BOT_TOKEN}); never logged. Optional: a token set by an admin
     * ({@code PUT /api/admin/telegram/bot}, stored encrypted) wins over it; this one applies when none is stored.
     */
    Optional<String> botToken();

    /**
     * AES-256 key that encrypts the stored bot token and webhook secret ({@code TELEGRAM_TOKEN_KEY}): base64 of
     * exactly 32 random bytes ({@code openssl rand -base64 32}). Required in production; dev and test profiles
     * carry a fixed, public key.
     */
    Optional<String> tokenKey();

    /** How often every replica re-reads the stored bot settings, so that a change made on another one applies. */
    @WithDefault("5S")
    Duration settingsRefreshInterval();

    /** Webhook monitoring ({@code telegram.webhook.*}). */
    Webhook webhook();

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

    /**
     * Base URL of conversation-service ({@code CONVERSATION_SERVICE_URL}), from which {@code SendMedia} bytes are
     * fetched ({@code GET /internal/uploads/{uploadId}}).
     */
    @WithDefault("http://127.0.0.1:8082")
    String conversationServiceUrl();

    /** {@code telegram.webhook.*}. */
    interface Webhook {
        /**
         * How often {@code getWebhookInfo} is checked in webhook mode ({@code TELEGRAM_WEBHOOK_CHECK_INTERVAL}); a
         * growing {@code pending_update_count} or a new {@code last_error_date} is logged at WARN and counted.
         */
        @WithDefault("60S")
        Duration checkInterval();
    }

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

        /**
         * Added to each second of the per-chat and per-bot paces, so that network jitter never brings two paced
         * messages closer than Telegram's limits where Telegram counts them (the emulator measured one 429 in 1,000
         * replies without it).
         */
        @WithDefault("100MS")
        Duration pacingMargin();

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

        /**
         * How long a completed command's id stays in {@code completed_command} ({@code 7D}): a redelivery within it is
         * skipped by every replica. Must exceed the longest time a command can wait unacknowledged on Kafka.
         */
        @WithDefault("7D")
        Duration completedCommandsRetention();

        /**
         * When {@code completed_command} is purged: a Quartz-style cron (seconds first), in the JVM's time zone;
         * {@code off} disables it. Read by {@code @Scheduled}, so application.properties repeats the default.
         */
        @WithDefault("0 45 3 * * ?")
        String completedCommandsPurgeCron();

        /** Forum topics created per minute in one support group ({@code createForumTopic}). */
        @WithDefault("20")
        int topicCreationsPerMinute();

        /** Longest wait between two retries after network errors or 5xx (the doubling backoff stops here). */
        @WithDefault("30S")
        Duration maxRetryBackoff();

        /** Threads that make Bot API calls concurrently (each for a different chat). */
        @WithDefault("8")
        int workers();

        /**
         * Commands held in memory (waiting or in flight) before the consumer stops taking new records from
         * {@code telegram.commands} (back-pressure; nothing is dropped).
         */
        @WithDefault("10000")
        int queueCapacity();

        /** A {@code sendChatAction} older than this when its turn comes is dropped (the action lasts only 5 s). */
        @WithDefault("10S")
        Duration chatActionMaxAge();
    }
}
