package io.switchboard.conversation.scheduler;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.conversation.config.ConversationConfig;
import io.switchboard.conversation.domain.ConversationTimer;
import io.switchboard.conversation.domain.TimerSettings;
import io.switchboard.conversation.service.FreshVertxContext;
import io.switchboard.conversation.service.OutboxRelay;
import io.switchboard.conversation.service.TimerFiring;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fires the lifecycle timers: every {@code conversation.timers.sweep-interval} (a Vert.x timer, default 1 s) one
 * pass of {@link TimerFiring} batches ({@code conversation.timers.batch-size} rows per transaction, the next batch at
 * once while batches come back full). Runs on every replica: the rows are claimed with {@code SKIP LOCKED}, so each
 * timer fires once in total, and they live in Postgres, so they survive restarts. At most one pass at a time per
 * JVM. A failed batch is retried row by row; a row that fails on its own waits
 * {@code conversation.timers.retry-delay}. Each pass first re-plans the pending timers if the thresholds changed
 * since the last pass (see {@link TimerFiring#replanIfChanged}).
 */
@ApplicationScoped
public class ConversationTimerSweep {

    private static final Logger LOG = Logger.getLogger(ConversationTimerSweep.class);

    private final Vertx vertx;
    private final TimerFiring firing;
    private final FreshVertxContext contexts;
    private final OutboxRelay relay;
    private final ConversationConfig.Timers config;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;
    private volatile TimerSettings applied;

    public ConversationTimerSweep(Vertx vertx, TimerFiring firing, FreshVertxContext contexts, OutboxRelay relay,
                                  ConversationConfig config) {
        this.vertx = vertx;
        this.firing = firing;
        this.contexts = contexts;
        this.relay = relay;
        this.config = config.timers();
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            timer = vertx.setPeriodic(Math.max(50, config.sweepInterval().toMillis()), id -> tick());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        sweep().subscribe().with(
                fired -> running.set(false),
                failure -> {
                    LOG.warnf("Timer sweep failed, will retry: %s", failure.toString());
                    running.set(false);
                });
    }

    /**
     * One pass: batches until one comes back less than full (or fires nothing).
     *
     * @return how many timers fired
     */
    public Uni<Integer> sweep() {
        return contexts.run(() -> firing.replanIfChanged(applied))
                .invoke(settings -> applied = settings)
                .onFailure().invoke(failure -> LOG.warnf("Re-planning the timers failed, will retry: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .chain(() -> batches());
    }

    private Uni<Integer> batches() {
        return batch().chain(result -> {
            if (result.fired() > 0) {
                relay.trigger();
            }
            return result.claimed() >= config.batchSize() && result.fired() > 0
                    ? batches().map(more -> more + result.fired())
                    : Uni.createFrom().item(result.fired());
        });
    }

    private Uni<TimerFiring.Batch> batch() {
        return contexts.run(() -> firing.fireDue(config.batchSize()))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("A timer batch failed (%s); firing its rows one by one", failure.toString());
                    return oneByOne();
                });
    }

    private Uni<TimerFiring.Batch> oneByOne() {
        return contexts.run(() -> firing.listDue(config.batchSize()))
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(this::fireAlone)
                        .collect().asList()
                        .map(results -> new TimerFiring.Batch(0, (int) results.stream().filter(Boolean::booleanValue).count())));
    }

    private Uni<Boolean> fireAlone(ConversationTimer row) {
        return contexts.run(() -> firing.fireOne(row.conversationId, row.kind))
                .onFailure().recoverWithUni(failure -> {
                    Duration delay = config.retryDelay();
                    LOG.errorf("Timer %s of conversation %s failed to fire; next attempt in %s: %s", row.kind,
                            row.conversationId, delay, failure.toString());
                    return contexts.run(() -> firing.postpone(row.conversationId, row.kind, firing.now().plus(delay)))
                            .onFailure().recoverWithItem(0)
                            .replaceWith(false);
                });
    }
}
