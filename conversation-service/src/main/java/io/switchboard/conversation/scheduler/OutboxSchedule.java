package io.switchboard.conversation.scheduler;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.conversation.config.ConversationConfig;
import io.switchboard.conversation.service.FreshVertxContext;
import io.switchboard.conversation.service.OutboxBatches;
import io.switchboard.conversation.service.OutboxRelay;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Time-driven outbox work: a relay pass every {@code conversation.outbox.relay-interval} (a Vert.x timer: Quarkus'
 * simple scheduler checks its triggers only once per second), and the removal of rows published longer than
 * {@code conversation.outbox.retention} ago every {@code conversation.outbox.cleanup-interval}.
 */
@ApplicationScoped
public class OutboxSchedule {

    private static final Logger LOG = Logger.getLogger(OutboxSchedule.class);

    private final Vertx vertx;
    private final OutboxRelay relay;
    private final OutboxBatches batches;
    private final FreshVertxContext contexts;
    private final ConversationConfig.Outbox config;
    private long timer = -1;

    public OutboxSchedule(Vertx vertx, OutboxRelay relay, OutboxBatches batches, FreshVertxContext contexts,
                          ConversationConfig config) {
        this.vertx = vertx;
        this.relay = relay;
        this.batches = batches;
        this.contexts = contexts;
        this.config = config.outbox();
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(Math.max(10, config.relayInterval().toMillis()), id -> relay.trigger());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    @Scheduled(every = "${conversation.outbox.cleanup-interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> removePublished() {
        Instant cutoff = Instant.now().minus(config.retention());
        return contexts.run(() -> batches.deletePublishedBefore(cutoff))
                .invoke(deleted -> LOG.debugf("Removed %d outbox rows published before %s", deleted, cutoff))
                .onFailure().invoke(failure -> LOG.warnf("Outbox cleanup failed: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
