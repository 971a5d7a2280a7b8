package io.switchboard.conversation.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the outbox: {@link #trigger()} after each commit that wrote outbox rows, and periodically (rows of
 * other replicas, retries after a failure). At most one pass runs at a time in this JVM; a trigger during a pass
 * causes one more pass after it, and a full batch is followed at once by the next.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxBatches batches;
    private final FreshVertxContext contexts;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();

    public OutboxRelay(OutboxBatches batches, FreshVertxContext contexts) {
        this.batches = batches;
        this.contexts = contexts;
    }

    /** Asks for a relay pass soon. Cheap, never blocks, safe from any thread. */
    public void trigger() {
        requested.set(true);
        startIfIdle();
    }

    private void startIfIdle() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        requested.set(false);
        contexts.run(batches::publishNext).subscribe().with(
                published -> finished(published >= batches.batchSize()),
                failure -> {
                    LOG.warnf("Outbox relay pass failed, will retry: %s", failure.toString());
                    running.set(false);
                });
    }

    private void finished(boolean fullBatch) {
        running.set(false);
        if (fullBatch || requested.get()) {
            startIfIdle();
        }
    }
}
