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
}
