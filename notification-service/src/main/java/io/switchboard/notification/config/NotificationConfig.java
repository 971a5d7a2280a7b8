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
}
