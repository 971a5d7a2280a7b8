package io.switchboard.ingest.scheduler;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.ingest.client.BotApiUpdates;
import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.config.TelegramMode;
import io.switchboard.ingest.domain.InboundUpdate;
import io.switchboard.ingest.messaging.UpdatePublisher;
import io.switchboard.ingest.service.UpdatePollingLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * In {@code TELEGRAM_MODE=polling}, runs {@link UpdatePollingLoop} on its own thread ({@code telegram-poller}) from
 * start-up to shutdown. Only one replica per bot token may run in this mode: Telegram answers a second poller with
 * 409 Conflict.
 */
@ApplicationScoped
public class UpdatePoller {

    private static final Logger LOG = Logger.getLogger(UpdatePoller.class);

    private final TelegramConfig config;
    private final BotApiUpdates telegram;
    private final UpdatePublisher publisher;
    private UpdatePollingLoop loop;
    private Thread thread;

    UpdatePoller(TelegramConfig config, BotApiUpdates telegram, UpdatePublisher publisher) {
        this.config = config;
        this.telegram = telegram;
        this.publisher = publisher;
    }

    void start(@Observes StartupEvent event) {
        if (config.mode() != TelegramMode.POLLING) {
            return;
        }
        TelegramConfig.Polling polling = config.polling();
        loop = new UpdatePollingLoop(new UpdatePollingLoop.UpdateSource() {
            @Override
            public void prepare() throws Exception {
                telegram.deleteWebhook();
            }

            @Override
            public List<InboundUpdate> fetch(long offset) throws Exception {
                return telegram.getUpdates(offset, polling.limit(), polling.timeout());
            }
        }, publisher::publishAll, duration -> Thread.sleep(duration.toMillis()), polling.backoff(),
                polling.maxBackoff());
        thread = new Thread(loop, "telegram-poller");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("Long polling started (timeout %d s, limit %d); run only one replica in polling mode",
                polling.timeout().toSeconds(), polling.limit());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop == null) {
            return;
        }
        loop.stop();
        telegram.cancel();
        thread.interrupt();
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}
