package io.switchboard.ingest.service;

import io.github.bucket4j.TimeMeter;
import io.quarkus.runtime.ShutdownEvent;
import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.domain.OutboundSchedule;
import io.switchboard.ingest.domain.SendRateLimits;
import io.switchboard.telegram.api.TelegramCommand;
import io.switchboard.telegram.api.TelegramResult;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The bot's outbound queue on this replica: every {@link TelegramCommand} waits in its chat's FIFO lane
 * ({@link OutboundSchedule}) until Telegram's limits allow its next call, then one of
 * {@code telegram.send.workers} threads makes that call ({@link CommandExecutor}). A chat waiting for its bucket,
 * a {@code retry_after} or a backoff holds no thread and never delays another chat.
 *
 * <p>When a command is finished its {@link Completion} runs on the worker while the lane is still busy (so a chat's
 * results are published in order), then the lane's next command may go. At most {@code telegram.send.queue-capacity}
 * commands are held: {@link #submit} answers a stage that completes only when the command was admitted, which the
 * Kafka consumer waits for before taking the next record (back-pressure without blocking a thread).
 */
@ApplicationScoped
public class OutboundQueue {

    /** Called once per command when it is finished. */
    @FunctionalInterface
    public interface Completion {
        /**
         * @param result what to publish; null when nothing is (a {@code SendChatAction})
         */
        void finished(TelegramResult result);
    }

    private record Job(CommandExecution execution, Completion completion) {
    }

    private record Admission(Job job, CompletableFuture<Void> admitted) {
    }

    private static final Logger LOG = Logger.getLogger(OutboundQueue.class);
    /** How long shutdown waits for the calls in flight. */
    static final int SHUTDOWN_GRACE_SECONDS = 10;

    private final CommandExecutor executor;
    private final TelegramConfig.Send config;
    private final OutboundSchedule<Job> schedule;
    private final ArrayDeque<Admission> waiting = new ArrayDeque<>();
    private final Semaphore idleWorkers;
    private final ExecutorService workers;
    private final Thread dispatcher;
    private volatile boolean running = true;

    OutboundQueue(CommandExecutor executor, TelegramConfig config) {
        this.executor = executor;
        this.config = config.send();
        SendRateLimits limits = new SendRateLimits(new SendRateLimits.Limits(this.config.chatPerSecond(),
                this.config.chatBurst(), this.config.groupPerMinute(), this.config.botPerSecond(),
                this.config.topicCreationsPerMinute(), this.config.pacingMargin()));
        this.schedule = new OutboundSchedule<>(limits, TimeMeter.SYSTEM_NANOTIME, job -> job.execution().cost());
        this.idleWorkers = new Semaphore(this.config.workers());
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(this.config.workers(), r -> {
            Thread t = new Thread(r, "telegram-outbound-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.dispatcher = new Thread(this::dispatch, "telegram-outbound-dispatcher");
        this.dispatcher.setDaemon(true);
    }

    @PostConstruct
    void start() {
        dispatcher.start();
    }

    /**
     * Stops dispatching, lets the calls in flight finish (their results are still published) for up to
     * {@value #SHUTDOWN_GRACE_SECONDS} s, then interrupts the rest: an interrupted command is not acknowledged, so
     * Kafka redelivers it. Commands not started are simply left unacknowledged.
     */
    void stop(@Observes ShutdownEvent event) {
        running = false;
        dispatcher.interrupt();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Outbound calls still running after the shutdown grace period: interrupting them");
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Drops the commands that match {@code filter} and have made no Bot API call yet (held in the schedule or
     * waiting for admission); their completions never run. Used when their Kafka partition was revoked: the new
     * owner gets them again.
     *
     * @return the commands dropped
     */
    public List<TelegramCommand> drop(Predicate<TelegramCommand> filter) {
        Predicate<Job> notStarted = job -> !job.execution().started && filter.test(job.execution().command);
        List<TelegramCommand> dropped = new ArrayList<>();
        List<CompletableFuture<Void>> released = new ArrayList<>();
        synchronized (schedule) {
            for (Job job : schedule.removeIf(notStarted)) {
                dropped.add(job.execution().command);
            }
            for (Iterator<Admission> it = waiting.iterator(); it.hasNext(); ) {
                Admission admission = it.next();
                if (notStarted.test(admission.job())) {
                    it.remove();
                    dropped.add(admission.job().execution().command);
                    released.add(admission.admitted());
                }
            }
            released.addAll(admitWaiting());
            schedule.notifyAll();
        }
        released.forEach(f -> f.complete(null));
        return dropped;
    }

    /**
     * Queues {@code command}; {@code completion} runs when it is finished.
     *
     * @return completes when the command was admitted (at once unless {@code queue-capacity} commands are held)
     */
    public CompletionStage<Void> submit(TelegramCommand command, Completion completion) {
        Job job = new Job(CommandExecution.of(command), completion);
        synchronized (schedule) {
            if (schedule.size() < config.queueCapacity() && waiting.isEmpty()) {
                schedule.add(job.execution().lane(), job);
                schedule.notifyAll();
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> admitted = new CompletableFuture<>();
            waiting.add(new Admission(job, admitted));
            LOG.infof("Outbound queue full (%d commands): intake from telegram.commands pauses", schedule.size());
            return admitted;
        }
    }

    /** Commands held (waiting or in flight), for tests and metrics. */
    public int size() {
        synchronized (schedule) {
            return schedule.size();
        }
    }

    private void dispatch() {
        while (running) {
            try {
                idleWorkers.acquire();
                OutboundSchedule.Dispatch<Job> next = nextDispatch();
                if (!running) {
                    return; // shutting down: no new call (the command stays unacknowledged)
                }
                workers.execute(() -> {
                    try {
                        run(next);
                    } finally {
                        idleWorkers.release();
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                idleWorkers.release();
                if (running) {
                    LOG.error("Outbound dispatcher error", e);
                }
            }
        }
    }

    private OutboundSchedule.Dispatch<Job> nextDispatch() throws InterruptedException {
        synchronized (schedule) {
            while (true) {
                OutboundSchedule.Next<Job> next = schedule.poll();
                if (next instanceof OutboundSchedule.Dispatch<Job> dispatch) {
                    return dispatch;
                }
                long nanos = next instanceof OutboundSchedule.Wait<Job> wait ? wait.nanos() : TimeUnit.SECONDS.toNanos(1);
                TimeUnit.NANOSECONDS.timedWait(schedule, Math.max(1, Math.min(nanos, TimeUnit.SECONDS.toNanos(1))));
            }
        }
    }

    private void run(OutboundSchedule.Dispatch<Job> dispatch) {
        Job job = dispatch.item();
        long lane = dispatch.lane();
        CommandExecutor.Step step;
        try {
            step = executor.step(job.execution());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shutting down: never acknowledged, so redelivered
        } catch (RuntimeException e) {
            if (CommandExecutor.interrupted(e)) {
                return; // shutting down: never acknowledged, so redelivered
            }
            LOG.errorf(e, "Command %s (%s) could not be executed", job.execution().command.commandId(),
                    job.execution().command.type());
            step = new CommandExecutor.Finished(job.execution().failure(0,
                    "internal error: " + CommandExecutor.describe(e), io.switchboard.telegram.api.FailureKind.REJECTED));
        }
        if (step instanceof CommandExecutor.More) {
            release(() -> schedule.retryLater(lane, 0));
        } else if (step instanceof CommandExecutor.Later later) {
            release(() -> {
                if (later.botWide()) {
                    schedule.pauseBot(later.delay().toNanos());
                    schedule.retryLater(lane, 0);
                } else {
                    schedule.retryLater(lane, later.delay().toNanos());
                }
            });
        } else if (step instanceof CommandExecutor.Finished finished) {
            try {
                job.completion().finished(finished.result());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Completing command %s failed", job.execution().command.commandId());
            }
            List<CompletableFuture<Void>> admitted = new ArrayList<>();
            release(() -> {
                schedule.complete(lane);
                admitted.addAll(admitWaiting());
            });
            admitted.forEach(f -> f.complete(null)); // outside the lock: the consumer continues on this thread
        }
    }

    /** Moves waiting commands into the schedule while there is room; call holding the lock. */
    private List<CompletableFuture<Void>> admitWaiting() {
        List<CompletableFuture<Void>> admitted = new ArrayList<>();
        while (!waiting.isEmpty() && schedule.size() < config.queueCapacity()) {
            Admission admission = waiting.poll();
            schedule.add(admission.job().execution().lane(), admission.job());
            admitted.add(admission.admitted());
        }
        return admitted;
    }

    private void release(Runnable change) {
        synchronized (schedule) {
            change.run();
            schedule.notifyAll();
        }
    }
}
