package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.TimerSettings;
import io.switchboard.conversation.repository.TimerRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Admin access to the timer thresholds. A change applies to every pending timer at once: each unfired row is
 * re-planned from its anchor with the new value of its threshold (a timer whose new due time has passed fires on
 * the next sweep; one whose threshold became 0 waits disabled). Fired timers stay fired.
 */
@ApplicationScoped
public class TimerAdministration {

    private final TimerSettingsStore store;
    private final TimerRepository timers;
    private final AuditTrail audit;
    private final Clock clock;

    public TimerAdministration(TimerSettingsStore store, TimerRepository timers, AuditTrail audit, Clock clock) {
        this.store = store;
        this.timers = timers;
        this.audit = audit;
        this.clock = clock;
    }

    /** The thresholds as stored (not cached). */
    @WithSession
    public Uni<TimerSettings> get() {
        return store.load();
    }

    /**
     * Stores new thresholds (already validated), re-plans the pending timers and records {@code timers.updated}
     * (before/after). After the returned Uni completes (committed), call {@link TimerSettingsStore#remember}.
     */
    @WithTransaction
    public Uni<TimerSettings> update(TimerSettings settings, Actor admin) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return store.load().chain(before -> store.save(settings, admin.id(), now)
                .chain(() -> timers.replanAll(settings))
                .chain(() -> audit.record(null, admin, "timers.updated", before, settings, now))
                .replaceWith(settings));
    }
}
