package io.switchboard.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/**
 * Where the gateway forwards requests, and how patiently. Keys under {@code switchboard.routing}; the upstream URLs
 * come from {@code CONVERSATION_SERVICE_URL}, {@code NOTIFICATION_SERVICE_URL} and {@code TELEGRAM_INGEST_URL}.
 */
@ConfigMapping(prefix = "switchboard.routing")
public interface RoutingConfig {

    /**
     * Base URL of conversation-service ({@code /api/conversations}, {@code /api/customers}, {@code /api/search},
     * {@code /api/canned-responses}, {@code /api/tags}, {@code /api/admin/system-messages}, {@code /api/admin/timers},
     * {@code /api/admin/audit}).
     */
    @WithDefault("http://127.0.0.1:8082")
    URI conversationService();

    /** Base URL of notification-service ({@code /api/presence}, {@code /ws/**}). */
    @WithDefault("http://127.0.0.1:8083")
    URI notificationService();

    /** Base URL of telegram-ingest-service ({@code /telegram/webhook}). */
    @WithDefault("http://127.0.0.1:8081")
    URI telegramIngest();

    /** How long to wait for a TCP connection to an upstream before answering 502. */
    @WithDefault("PT2S")
    Duration connectTimeout();

    /** Longest silence while waiting for an upstream's HTTP answer before answering 504 (not applied to WebSockets). */
    @WithDefault("PT60S")
    Duration idleTimeout();

    /** Pooled connections per upstream. */
    @WithDefault("100")
    int maxConnections();
}
