package io.switchboard.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the public web-widget API: customer tokens, which sites may call it, which peers may name the client
 * address, the rate limits, and how long to wait for Kafka. Keys under {@code switchboard.widget}.
 */
@ConfigMapping(prefix = "switchboard.widget")
public interface WidgetConfig {

    /** Lifetime of a customer access token ({@code expiresIn} of the create and refresh answers). */
    @WithDefault("PT15M")
    Duration accessTokenTtl();

    /** Lifetime of a widget refresh token; every use replaces it with a new one of the same lifetime. */
    @WithDefault("P30D")
    Duration refreshTokenTtl();

    /**
     * How long after a refresh token was exchanged presenting it again still counts as a concurrent refresh (two
     * tabs of one customer refreshing at the same moment) rather than as theft: within this time the request gets
     * a new token pair of the same chain; later it revokes the whole chain. Zero turns the grace off.
     */
    @WithDefault("PT10S")
    Duration refreshReuseGrace();

    /**
     * Origins (scheme://host[:port], e.g. {@code https://shop.example.com}) whose pages may call
     * {@code /api/widget/**} from the browser (CORS) and open {@code /ws/widget} (env {@code WIDGET_ALLOWED_ORIGINS},
     * comma-separated). Absent: only pages of the gateway's own host.
     */
    Optional<List<String>> allowedOrigins();

    /**
     * Peers (IP addresses or CIDR ranges, e.g. {@code 10.0.0.0/8}) whose {@code X-Forwarded-For} is believed: for a
     * request from one of them the client address is the first hop of that header (env
     * {@code WIDGET_TRUSTED_PROXIES}, comma-separated). Absent: the client address is always the TCP peer.
     */
    Optional<List<String>> trustedProxies();

    /** Longest message text, in characters (code points) after trimming; longer is 413. */
    @WithDefault("4000")
    int maxMessageLength();

    /** How long to wait for Kafka to acknowledge a posted message before answering 503. */
    @WithDefault("PT5S")
    Duration publishTimeout();

    /** How long to wait for Redis to answer a rate-limit check before answering 503. */
    @WithDefault("PT2S")
    Duration rateLimitTimeout();

    /** The token buckets, kept in Redis under {@code ratelimit:<scope>:<id>} and shared by every replica. */
    RateLimits rateLimits();

    /** The buckets of the widget API. */
    interface RateLimits {
        /** {@code POST /api/widget/conversations} per client address (scope {@code create-ip}): 10 a minute. */
        @WithDefault("10")
        int createPerIpCapacity();

        /** Time in which the create-per-address bucket refills completely. */
        @WithDefault("PT1M")
        Duration createPerIpPeriod();

        /** Posted messages per client address (scope {@code message-ip}): 30 a minute. */
        @WithDefault("30")
        int messagesPerIpCapacity();

        /** Time in which the messages-per-address bucket refills completely. */
        @WithDefault("PT1M")
        Duration messagesPerIpPeriod();

        /**
         * Posted messages per conversation (scope {@code message-conversation}): a burst of this many ...
         */
        @WithDefault("10")
        int messagesPerConversationBurst();

        /** ... refilled at {@code messages-per-conversation-rate} tokens per {@code messages-per-conversation-period}. */
        @WithDefault("20")
        int messagesPerConversationRate();

        /** Period of {@code messages-per-conversation-rate} (20 a minute). */
        @WithDefault("PT1M")
        Duration messagesPerConversationPeriod();

        /**
         * {@code POST /api/widget/token} (refresh) per client address (scope {@code token-ip}): 30 a minute. Waived
         * while Redis is away.
         */
        @WithDefault("30")
        int tokenPerIpCapacity();

        /** Time in which the token-per-address bucket refills completely. */
        @WithDefault("PT1M")
        Duration tokenPerIpPeriod();

        /**
         * Widget reads ({@code GET /api/widget/conversations/:id} and {@code .../messages}) per client address
         * (scope {@code read-ip}): 120 a minute. Waived while Redis is away.
         */
        @WithDefault("120")
        int readsPerIpCapacity();

        /** Time in which the reads-per-address bucket refills completely. */
        @WithDefault("PT1M")
        Duration readsPerIpPeriod();

        /** Nickname changes per conversation (scope {@code nickname}): 3 an hour. */
        @WithDefault("3")
        int nicknamePerConversationCapacity();

        /** Time in which the nickname bucket refills completely. */
        @WithDefault("PT1H")
        Duration nicknamePerConversationPeriod();
    }
}
