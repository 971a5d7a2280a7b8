package io.switchboard.ingest.service;

import io.switchboard.ingest.client.BotApiException;
import io.switchboard.ingest.domain.InboundUpdate;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Long polling: {@code deleteWebhook} once, then {@code getUpdates(offset)} forever, publishing each batch and
 * advancing the offset (last {@code update_id} + 1) only after every update of the batch was acknowledged by Kafka.
 * When publishing fails the same offset is polled again, so Telegram re-sends the batch (updates that did reach
 * Kafka are then published twice; consumers de-duplicate by bot id and {@code update_id}).
 *
 * <p>Errors are backed off exponentially between {@code backoff} and {@code maxBackoff}; a {@code retry_after} from
 * Telegram is obeyed; a 409 Conflict (another poller, or a webhook is set) is logged as such. Telegram allows one
 * getUpdates consumer per bot token: run exactly one replica in polling mode.
 *
 * <p>Plain Java, run on its own thread by {@code UpdatePoller}; {@link #stop()} ends it.
 */
public final class UpdatePollingLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(UpdatePollingLoop.class);

    /** The Bot API side. */
    public interface UpdateSource {
        /** Removes any webhook so that getUpdates works. */
        void prepare() throws Exception;

        /** One getUpdates call from {@code offset}. */
        List<InboundUpdate> fetch(long offset) throws Exception;
    }

    /** The Kafka side: returns only once every update is acknowledged, throws otherwise. */
    public interface UpdateSink {
        void publishAll(List<InboundUpdate> batch) throws Exception;
    }

    /** How the loop waits; tests replace it. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final UpdateSource source;
    private final UpdateSink sink;
    private final Sleeper sleeper;
    private final Duration backoff;
    private final Duration maxBackoff;
    private volatile boolean running = true;
    private volatile long offset;
    private int failures;

    public UpdatePollingLoop(UpdateSource source, UpdateSink sink, Sleeper sleeper, Duration backoff,
                             Duration maxBackoff) {
        this.source = source;
        this.sink = sink;
        this.sleeper = sleeper;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public void run() {
        try {
            prepare();
            while (running) {
                pollOnce();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Long polling stopped");
    }

    /** Asks the loop to end after the current step. */
    public void stop() {
        running = false;
    }

    /** Whether {@link #stop()} was called. */
    public boolean isRunning() {
        return running;
    }

    /** The next offset to poll: the last published update_id + 1, or 0 before the first batch. */
    public long offset() {
        return offset;
    }

    private void prepare() throws InterruptedException {
        while (running) {
            try {
                source.prepare();
                failures = 0;
                LOG.info("Webhook removed; long polling getUpdates");
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("deleteWebhook failed: %s", describe(e));
                waitAfterFailure(e);
            }
        }
    }

    private void pollOnce() throws InterruptedException {
        List<InboundUpdate> batch;
        try {
            batch = source.fetch(offset);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            if (!running) {
                return;
            }
            if (e instanceof BotApiException api && api.errorCode() == 409) {
                LOG.errorf("getUpdates refused with 409 Conflict (%s): another replica or process polls this bot, "
                        + "or a webhook is set. Run exactly one poller per bot token.", api.description());
                if (api.description().toLowerCase().contains("webhook")) {
                    waitAfterFailure(e);
                    prepare();
                    return;
                }
            } else {
                LOG.warnf("getUpdates failed: %s", describe(e));
            }
            waitAfterFailure(e);
            return;
        }
        if (batch.isEmpty()) {
            failures = 0;
            return;
        }
        try {
            sink.publishAll(batch);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOG.warnf("Publishing %d updates to Kafka failed, polling offset %d again: %s", batch.size(), offset,
                    describe(e));
            waitAfterFailure(e);
            return;
        }
        long last = batch.stream().mapToLong(InboundUpdate::updateId).max().orElseThrow();
        offset = Math.max(offset, last + 1);
        failures = 0;
    }

    private void waitAfterFailure(Exception e) throws InterruptedException {
        failures++;
        Duration wait = backoff.multipliedBy(1L << Math.min(failures - 1, 20));
        if (wait.compareTo(maxBackoff) > 0) {
            wait = maxBackoff;
        }
        if (e instanceof BotApiException api && api.retryAfter().isPresent()
                && api.retryAfter().get().compareTo(wait) > 0) {
            wait = api.retryAfter().get();
        }
        if (running) {
            sleeper.sleep(wait);
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
