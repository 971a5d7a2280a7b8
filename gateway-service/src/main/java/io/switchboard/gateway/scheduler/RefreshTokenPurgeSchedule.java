package io.switchboard.gateway.scheduler;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.service.RefreshTokenPurge;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Runs {@link RefreshTokenPurge} (operators' and widget customers' refresh tokens) every {@code switchboard.identity.refresh-token-purge.interval} (default daily),
 * the first time {@code …initial-delay} after start-up. Every replica runs it (the deletes are idempotent); a run
 * still going when the next is due is not doubled. A failed run is logged and retried at the next interval.
 */
@ApplicationScoped
public class RefreshTokenPurgeSchedule {

    private static final Logger LOG = Logger.getLogger(RefreshTokenPurgeSchedule.class);

    private final RefreshTokenPurge purge;
    private final Clock clock;

    public RefreshTokenPurgeSchedule(RefreshTokenPurge purge, Clock clock) {
        this.purge = purge;
        this.clock = clock;
    }

    /** Non-blocking: the scheduler calls it on a fresh Vert.x duplicated context, as Hibernate Reactive needs. */
    @Scheduled(identity = "refresh-token-purge",
            every = "${switchboard.identity.refresh-token-purge.interval}",
            delayed = "${switchboard.identity.refresh-token-purge.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return purge.purge(clock.instant())
                .invoke(purged -> LOG.infof("refresh-token.purged deleted=%d widgetSessions=%d",
                        purged.refreshTokens(), purged.widgetSessions()))
                .onFailure().invoke(failure -> LOG.warnf("Refresh token purge failed: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
