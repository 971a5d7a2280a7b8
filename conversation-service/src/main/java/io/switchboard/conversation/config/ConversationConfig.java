package io.switchboard.conversation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Typed settings of conversation-service, under the {@code conversation.} prefix. */
@ConfigMapping(prefix = "conversation")
public interface ConversationConfig {

    /** The transactional outbox and its relay to Kafka. */
    Outbox outbox();

    /** Consumption of {@code telegram.updates} and {@code telegram.results}. */
    Consumer consumer();

    /** The operator REST API. */
    Api api();

    /** Retention of closed conversations, and the size of every deletion chunk (bulk delete, retention). */
    Retention retention();

    /** The web widget channel ({@code widget.messages} and {@code /api/widget/**}). */
    Widget widget();

    /** Web widget settings. */
    interface Widget {
        /**
         * Longest widget message, in characters after trimming; a longer {@code widget.messages} record goes to the
         * dead-letter topic (the gateway refuses such a message with 413 before it reaches Kafka).
         */
        @WithDefault("4000")
        int maxMessageLength();
    }

    /** Outbox settings. */
    interface Outbox {
        /** How often the relay looks for unpublished rows, besides the trigger after each commit. */
        @WithDefault("0.2s")
        Duration relayInterval();

        /** Most rows published by one relay pass (one transaction). */
        @WithDefault("200")
        int batchSize();

        /** How long the relay waits for Kafka to acknowledge a batch before it rolls back and retries. */
        @WithDefault("15s")
        Duration sendTimeout();

        /** How often published rows are cleaned up. */
        @WithDefault("1h")
        Duration cleanupInterval();

        /** How long published rows are kept. */
        @WithDefault("P1D")
        Duration retention();
    }

    /** Consumer settings. */
    interface Consumer {
        /** Attempts per record (transaction conflicts, database hiccups) before it goes to the dead-letter topic. */
        @WithDefault("6")
        int maxAttempts();

        /** Back-off before the first retry; doubles per attempt. */
        @WithDefault("0.1s")
        Duration initialBackoff();

        /** Longest back-off between two attempts. */
        @WithDefault("5s")
        Duration maxBackoff();
    }

    /** Lifecycle timers (reminders, auto-close) and system messages; see docs/TIMERS.md. */
    Timers timers();

    /** REST API settings. */
    interface Api {
        /** Page size when {@code limit} is absent. */
        @WithDefault("50")
        int defaultPageSize();

        /** Largest accepted {@code limit}; larger values are capped. */
        @WithDefault("200")
        int maxPageSize();

        /** Longest operator reply, in UTF-16 code units (Telegram splits above 4096). */
        @WithDefault("16384")
        int maxReplyLength();

        /** Longest accepted {@code Idempotency-Key} header. */
        @WithDefault("200")
        int maxIdempotencyKeyLength();
    }

    /** Retention settings: the daily purge of conversations CLOSED for longer than {@link #closedMaxAge()}. */
    interface Retention {
        /** How long a CLOSED conversation is kept after {@code closed_at}; ISO-8601 ({@code P365D}) or {@code 365d}. */
        @WithDefault("P365D")
        Duration closedMaxAge();

        /**
         * When the purge runs: a Quartz-style cron (seconds first), evaluated in the JVM's time zone; {@code off}
         * disables the job. Read by {@code @Scheduled}, so application.properties repeats the default.
         */
        @WithDefault("0 30 3 * * ?")
        String cron();

        /** Conversations deleted per transaction (retention, bulk delete by ids or by filter); 1..1000. */
        @WithDefault("200")
        int batchSize();
    }

    /**
     * Timer sweep settings. The thresholds themselves (reminder and auto-close delays) are not here: admins edit them
     * at run time ({@code PUT /api/admin/timers}, setting {@code timers}).
     */
    interface Timers {
        /** Whether this replica runs the sweep that fires due timers (any number of replicas may). */
        @WithDefault("true")
        boolean enabled();

        /** How often the sweep looks for due timers; a full batch is followed at once by the next. */
        @WithDefault("1s")
        Duration sweepInterval();

        /** Most timers fired in one transaction. */
        @WithDefault("100")
        int batchSize();

        /**
         * How long a replica keeps the thresholds it read from the database; a PUT on this replica refreshes them at
         * once, other replicas within this time.
         */
        @WithDefault("5s")
        Duration settingsCache();

        /** How long a timer that failed to fire waits before the next attempt. */
        @WithDefault("1m")
        Duration retryDelay();

        /**
         * Locale of the operator-facing templates (the unclaimed reminders): operators read them, so the customer's
         * language does not apply.
         */
        @WithDefault("en")
        String operatorLocale();
    }
}
