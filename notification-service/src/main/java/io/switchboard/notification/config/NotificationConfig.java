package io.switchboard.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Typed settings of notification-service, under {@code switchboard.notification}. */
@ConfigMapping(prefix = "switchboard.notification")
public interface NotificationConfig {

    /** Operator presence in Redis. */
    Presence presence();

    /** Handling of {@code conversation.events}. */
    Events events();

    /** Typing and read signals shared by all replicas through Redis pub/sub. */
    Ephemeral ephemeral();

    /** Operator presence in Redis. */
    interface Presence {

        /** How long an operator stays online after the last heartbeat or ping of any of their connections. */
        @WithDefault("60s")
        Duration ttl();

        /**
         * How often this replica refreshes the presence of every connection it holds ({@code 20s}; {@code off}
         * disables it). Keep it well below {@link #ttl()}. Read by {@code PresenceHeartbeat}'s {@code @Scheduled}.
         */
        @WithDefault("20s")
        String heartbeatInterval();

        /** Prefix of every Redis key this service writes, e.g. {@code presence:} gives {@code presence:operator:<id>}. */
        @WithDefault("presence:")
        String keyPrefix();
    }

    /** Handling of {@code conversation.events}. */
    interface Events {

        /** How many recent event ids are remembered to drop redeliveries (an LRU of this size). */
        @WithDefault("10000")
        int dedupCapacity();
    }

    /**
     * Typing indicators and the customer's "read" signal: never stored, published on one Redis pub/sub channel that
     * every replica subscribes to, so each replica can hand them to the sockets it holds.
     */
    interface Ephemeral {

        /** The Redis pub/sub channel every replica publishes to and subscribes to. */
        @WithDefault("switchboard:ephemeral")
        String channel();

        /**
         * Throttle per connection (and, for operators, per conversation): at most one typing publish, and at most one
         * read publish, per this interval. A change that arrives within the interval is published when it ends.
         */
        @WithDefault("1s")
        Duration throttle();

        /**
         * How often a replica whose subscription is down (Redis unreachable at start, or the connection dropped)
         * tries to subscribe again ({@code 5s}). Read by {@code EphemeralResubscribe}'s {@code @Scheduled}.
         */
        @WithDefault("5s")
        String resubscribeInterval();
    }
}
