package io.switchboard.conversation.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/**
 * The service's one source of "now": every timestamp and every due time comes from this {@link Clock} (UTC), so
 * tests can replace it with a controllable one instead of sleeping.
 */
@ApplicationScoped
public class ClockProducer {

    /** The system clock in UTC. */
    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
