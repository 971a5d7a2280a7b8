package io.switchboard.ingest.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.config.TelegramMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.time.Duration;

/**
 * In webhook mode with {@code TELEGRAM_WEBHOOK_URL} set, tells Telegram at start-up where to POST updates:
 * {@code setWebhook(url, secret_token = TELEGRAM_WEBHOOK_SECRET)}. Runs on a worker thread after start-up,
 * retrying with backoff up to {@code telegram.webhook-registration-retries} times; a failure is logged, never fatal.
 */
@ApplicationScoped
public class WebhookRegistration {

    private static final Logger LOG = Logger.getLogger(WebhookRegistration.class);

    private final TelegramConfig config;
    private final TelegramClient telegram;

    WebhookRegistration(TelegramConfig config, TelegramClient telegram) {
        this.config = config;
        this.telegram = telegram;
    }

    void register(@Observes StartupEvent event) {
        if (config.mode() != TelegramMode.WEBHOOK || config.webhookUrl().map(String::isBlank).orElse(true)) {
            return;
        }
        String url = config.webhookUrl().get().trim();
        SetWebhook request = SetWebhook.builder()
                .url(url)
                .secretToken(config.webhookSecret().orElseThrow())
                .build();
        int retries = Math.max(1, config.webhookRegistrationRetries());
        Uni.createFrom().item(() -> execute(request))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().invoke(e -> LOG.warnf("setWebhook failed, will retry: %s", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(retries)
                .subscribe().with(
                        ok -> LOG.infof("Webhook registered with Telegram: %s", url),
                        e -> LOG.errorf("Could not register the webhook %s after %d attempts (%s); set it by hand "
                                + "with setWebhook or restart", url, retries + 1, e.getMessage()));
    }

    private Boolean execute(SetWebhook request) {
        try {
            Boolean ok = telegram.execute(request);
            if (!Boolean.TRUE.equals(ok)) {
                throw new IllegalStateException("setWebhook answered " + ok);
            }
            return ok;
        } catch (org.telegram.telegrambots.meta.exceptions.TelegramApiException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
