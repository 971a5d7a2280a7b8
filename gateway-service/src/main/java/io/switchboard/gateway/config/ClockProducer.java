package io.switchboard.gateway.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/**
 * The gateway's one source of "now" for stored timestamps (token expiry, audit entries), so tests can replace it
 * with a controllable clock.
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
