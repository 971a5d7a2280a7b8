package io.switchboard.conversation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Where telegram-ingest-service answers its internal endpoints ({@code GET /internal/telegram/bot} for deep links,
 * {@code GET /internal/telegram/files/{fileId}} for inbound Telegram files). Not routed by the gateway.
 */
@ConfigMapping(prefix = "telegram-ingest")
public interface TelegramIngestConfig {

    /** Base URL of telegram-ingest-service (env {@code TELEGRAM_INGEST_URL}). */
    @WithDefault("http://127.0.0.1:8081")
    String url();

    /** Connect timeout and, for the bot look-up, the whole request's timeout. */
    @WithDefault("3s")
    Duration timeout();

    /** Longest pause between two chunks of a file being streamed (files are up to 20 MB). */
    @WithDefault("30s")
    Duration fileIdleTimeout();
}
