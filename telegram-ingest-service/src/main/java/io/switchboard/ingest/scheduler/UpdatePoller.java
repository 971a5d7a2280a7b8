package io.switchboard.ingest.scheduler;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.ingest.client.BotApiUpdates;
import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.config.TelegramMode;
import io.switchboard.ingest.domain.BotToken;
import io.switchboard.ingest.domain.InboundUpdate;
import io.switchboard.ingest.messaging.UpdatePublisher;
import io.switchboard.ingest.service.ActiveBot;
import io.switchboard.ingest.service.BotChanged;
import io.switchboard.ingest.service.UpdatePollingLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * In polling mode ({@link ActiveBot#mode()}), runs {@link UpdatePollingLoop} for the bot in use on its own thread
 * ({@code telegram-poller}): started at start-up, restarted for the new token on {@link BotChanged} (deleteWebhook,
 * then getUpdates from offset 0), stopped when no bot is configured and at shutdown. Only one replica per bot token
 * may poll: Telegram answers a second poller with 409 Conflict.
 */
@ApplicationScoped
public class UpdatePoller {

    private static final Logger LOG = Logger.getLogger(UpdatePoller.class);

    private final TelegramConfig config;
    private final BotApiUpdates telegram;
    private final UpdatePublisher publisher;
    private final ActiveBot bot;
    private UpdatePollingLoop loop;
    private Thread thread;
    private BotToken polled;

    UpdatePoller(TelegramConfig config, BotApiUpdates telegram, UpdatePublisher publisher, ActiveBot bot) {
        this.config = config;
        this.telegram = telegram;
        this.publisher = publisher;
        this.bot = bot;
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
        if (wanted != null && wanted.equals(polled) && loop != null && loop.isRunning()) {
            return;
        }
        stopLoop();
        if (wanted == null) {
            return;
        }
        TelegramConfig.Polling polling = config.polling();
        UpdatePollingLoop next = new UpdatePollingLoop(new UpdatePollingLoop.UpdateSource() {
            @Override
            public void prepare() throws Exception {
                telegram.deleteWebhook(wanted);
            }

            @Override
            public List<InboundUpdate> fetch(long offset) throws Exception {
                return telegram.getUpdates(wanted, offset, polling.limit(), polling.timeout());
            }
        }, publisher::publishAll, duration -> Thread.sleep(duration.toMillis()), polling.backoff(),
                polling.maxBackoff());
        loop = next;
        polled = wanted;
        thread = new Thread(next, "telegram-poller");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("Long polling started for bot %s (timeout %d s, limit %d); run only one replica in polling mode",
                wanted.hint(), polling.timeout().toSeconds(), polling.limit());
    }

    void stop(@Observes ShutdownEvent event) {
        synchronized (this) {
            stopLoop();
        }
    }

    private void stopLoop() {
        if (loop == null) {
            return;
        }
        loop.stop();
        telegram.cancel();
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop = null;
        thread = null;
        polled = null;
    }
}
