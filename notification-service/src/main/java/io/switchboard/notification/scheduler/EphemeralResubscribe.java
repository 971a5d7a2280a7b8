package io.switchboard.notification.scheduler;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.switchboard.notification.service.EphemeralSignals;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every {@code switchboard.notification.ephemeral.resubscribe-interval} (5 s) subscribes this replica to the Redis
 * channel of typing/read signals again if it is not subscribed (Redis was unreachable at start, or the connection
 * dropped). A no-op while subscribed.
 */
@ApplicationScoped
public class EphemeralResubscribe {

    private final EphemeralSignals signals;

    public EphemeralResubscribe(EphemeralSignals signals) {
        this.signals = signals;
    }

    /** One attempt; never overlaps the previous one. */
    @Scheduled(identity = "ephemeral-resubscribe",
            every = "${switchboard.notification.ephemeral.resubscribe-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> resubscribe() {
        return signals.subscribed() ? Uni.createFrom().voidItem() : signals.subscribe();
    }
}
