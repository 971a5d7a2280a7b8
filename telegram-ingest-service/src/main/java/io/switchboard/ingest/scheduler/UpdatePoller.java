package io.switchboard.ingest.scheduler;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.ingest.client.BotApiUpdates;
import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.config.TelegramMode;
import io.switchboard.ingest.domain.BotToken;
import io.switchboard.ingest.domain.InboundUpdate;
import io.switchboard.ingest.messaging.UpdatePublisher;
import io.switchboard.ingest.repository.AdvisoryLocks;
import io.switchboard.ingest.service.ActiveBot;
import io.switchboard.ingest.service.BotChanged;
import io.switchboard.ingest.service.UpdatePollingLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * In polling mode ({@link ActiveBot#mode()}), runs {@link UpdatePollingLoop} for the bot in use on its own thread
 * ({@code telegram-poller}): started at start-up, restarted for the new token on {@link BotChanged} (deleteWebhook,
 * then getUpdates from offset 0), stopped when no bot is configured and at shutdown. Each batch is published with
 * the polled token's bot id in the {@code telegram-bot-id} header, so a poll still in flight at a switch keeps the
 * former bot's id.
 *
 * <p>Telegram answers a second getUpdates consumer of a bot with 409 Conflict, so one replica polls: the thread first
 * takes the Postgres session-level advisory lock {@link AdvisoryLocks#UPDATE_POLLER} on a dedicated connection and
 * holds it while polling; the other replicas try again every {@link #LOCK_RETRY} and take over when the poller's
 * replica stops or its connection dies (checked before each getUpdates).
 */
@ApplicationScoped
public class UpdatePoller {

    /** How often a replica that is not the poller tries to become it. */
    static final Duration LOCK_RETRY = Duration.ofSeconds(2);

    private static final Logger LOG = Logger.getLogger(UpdatePoller.class);

    private final TelegramConfig config;
    private final BotApiUpdates telegram;
    private final UpdatePublisher publisher;
    private final ActiveBot bot;
    private final AdvisoryLocks locks;
    private Worker worker;
    private Thread thread;
    private BotToken polled;

    UpdatePoller(TelegramConfig config, BotApiUpdates telegram, UpdatePublisher publisher, ActiveBot bot,
                 AdvisoryLocks locks) {
        this.config = config;
        this.telegram = telegram;
        this.publisher = publisher;
        this.bot = bot;
        this.locks = locks;
    }

    void start(@Observes StartupEvent event) {
        reconcile();
    }

    void follow(@Observes BotChanged change) {
        reconcile();
    }

    /** Polls for the bot in use when in polling mode, else nothing; restarts when the token changed. */
    synchronized void reconcile() {
        BotToken wanted = bot.mode() == TelegramMode.POLLING ? bot.token().orElse(null) : null;
        if (wanted != null && wanted.equals(polled) && worker != null && worker.running) {
            return;
        }
        stopLoop();
        if (wanted == null) {
            return;
        }
        Worker next = new Worker(wanted);
        worker = next;
        polled = wanted;
        thread = new Thread(next, "telegram-poller");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether this instance holds the poller lock (and so is the replica that polls). */
    synchronized boolean isPolling() {
        return worker != null && worker.polling;
    }

    void stop(@Observes ShutdownEvent event) {
        synchronized (this) {
            stopLoop();
        }
    }

    private void stopLoop() {
        if (worker == null) {
            return;
        }
        worker.stop();
        telegram.cancel();
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker = null;
        thread = null;
        polled = null;
    }

    /** Waits for the poller lock, then polls while it holds it; gives it back when stopped. */
    private final class Worker implements Runnable {
        private final BotToken token;
        private volatile boolean running = true;
        private volatile boolean polling;
        private volatile UpdatePollingLoop loop;

        Worker(BotToken token) {
            this.token = token;
        }

        void stop() {
            running = false;
            UpdatePollingLoop current = loop;
            if (current != null) {
                current.stop();
            }
        }

        @Override
        public void run() {
            boolean waitingLogged = false;
            while (running) {
                Optional<AdvisoryLocks.Lease> lease = locks.tryAcquire(AdvisoryLocks.UPDATE_POLLER);
                if (lease.isEmpty()) {
                    if (!waitingLogged) {
                        LOG.infof("Another replica long-polls (advisory lock %d held); trying again every %d s",
                                AdvisoryLocks.UPDATE_POLLER, LOCK_RETRY.toSeconds());
                        waitingLogged = true;
                    }
                    if (!pause()) {
                        return;
                    }
                    continue;
                }
                waitingLogged = false;
                try (AdvisoryLocks.Lease held = lease.get()) {
                    poll(held);
                } finally {
                    polling = false;
                }
            }
        }

        private void poll(AdvisoryLocks.Lease lease) {
            TelegramConfig.Polling settings = config.polling();
            UpdatePollingLoop next = new UpdatePollingLoop(new UpdatePollingLoop.UpdateSource() {
                @Override
                public void prepare() throws Exception {
                    telegram.deleteWebhook(token);
                }

                @Override
                public List<InboundUpdate> fetch(long offset) throws Exception {
                    if (!lease.held()) {
                        LOG.warn("Lost the poller lock (database connection gone); stopping long polling");
                        loop.stop();
                        return List.of();
                    }
                    return telegram.getUpdates(token, offset, settings.limit(), settings.timeout());
                }
            }, batch -> publisher.publishAll(batch, token.botId()), duration -> Thread.sleep(duration.toMillis()),
                    settings.backoff(), settings.maxBackoff());
            loop = next;
            if (!running) {
                return;
            }
            polling = true;
            LOG.infof("Long polling started for bot %s (timeout %d s, limit %d); this replica holds the poller lock",
                    token.hint(), settings.timeout().toSeconds(), settings.limit());
            next.run();
        }

        /** Sleeps {@link #LOCK_RETRY}; false when stopped meanwhile. */
        private boolean pause() {
            try {
                Thread.sleep(LOCK_RETRY.toMillis());
                return running;
            } catch (InterruptedException e) {
                return false;
            }
        }
    }
}
