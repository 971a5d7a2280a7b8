package io.switchboard.notification.scheduler;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.switchboard.notification.service.OperatorPresence;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every {@code switchboard.notification.presence.heartbeat-interval} (20 s) refreshes the presence of every operator
 * connection this replica holds, so that operators stay online while connected even without pings, and drop out
 * within the TTL when this replica dies.
 */
@ApplicationScoped
public class PresenceHeartbeat {

    private final OperatorPresence presence;

    public PresenceHeartbeat(OperatorPresence presence) {
        this.presence = presence;
    }

    /** One heartbeat; never overlaps the previous one. */
    @Scheduled(identity = "presence-heartbeat",
            every = "${switchboard.notification.presence.heartbeat-interval:20s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> beat() {
        return presence.refreshAll();
    }
}
