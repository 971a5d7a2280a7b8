package io.switchboard.emulator.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the Telegram Bot API emulator, all under the {@code emulator.} prefix.
 */
@ConfigMapping(prefix = "emulator")
public interface EmulatorConfig {

    /** Bot token used by the control API when a request names none (env {@code EMULATOR_BOT_TOKEN}). */
    @WithDefault("123456789:EMULATOR-TOKEN")
    String defaultToken();

    /** {@code username} the emulated bot reports in getMe and in the {@code from} of its messages. */
    @WithDefault("switchboard_emulator_bot")
    String botUsername();

    /** {@code first_name} the emulated bot reports in getMe and in the {@code from} of its messages. */
    @WithDefault("Switchboard Emulator")
    String botFirstName();

    /** How many recorded Bot API calls are kept in memory; the oldest are dropped first. */
    @WithDefault("10000")
    int maxRecordedCalls();

    /** Telegram-like flood control on send methods. */
    RateLimits rateLimits();

    /** Webhook delivery behaviour. */
    Webhook webhook();

    /** Flood control, per the Telegram Bot FAQ: ~1 msg/s per chat with short bursts, 20/min per group, 30/s per bot. */
    interface RateLimits {

        /** Whether sends are rate limited at all (env {@code EMULATOR_RATE_LIMITS_ENABLED}). */
        @WithDefault("true")
        boolean enabled();

        /** Messages a single chat can receive in a burst before the 1/s refill applies. */
        @WithDefault("3")
        int chatBurst();

        /** Sustained messages per second to one chat. */
        @WithDefault("1")
        int chatPerSecond();

        /** Messages per minute to one group chat (negative chat id). */
        @WithDefault("20")
        int groupPerMinute();

        /** Messages per second for the whole bot, across all chats. */
        @WithDefault("30")
        int botPerSecond();
    }

    /** Webhook delivery: retries with exponential backoff until a 2xx answer or deleteWebhook. */
    interface Webhook {

        /** Delay before the first retry of a failed delivery; doubled on every further failure. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** Upper bound of the retry delay. */
        @WithDefault("10s")
        Duration maxBackoff();

        /** How long one webhook POST may take before it counts as failed. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** How many delivery attempts are kept for GET /emulator/webhook-deliveries. */
        @WithDefault("1000")
        int maxRecordedDeliveries();
    }
}
