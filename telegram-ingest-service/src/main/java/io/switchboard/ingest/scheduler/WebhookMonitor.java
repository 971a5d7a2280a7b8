package io.switchboard.ingest.scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.ingest.client.BotApiMethods;
import io.switchboard.ingest.config.TelegramMode;
import io.switchboard.ingest.domain.BotToken;
import io.switchboard.ingest.domain.WebhookStatus;
import io.switchboard.ingest.repository.AdvisoryLocks;
import io.switchboard.ingest.service.ActiveBot;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every {@code telegram.webhook.check-interval} (60 s) in webhook mode, asks Telegram for getWebhookInfo and
 * <ul>
 *   <li>publishes {@code pending_update_count} as the gauge {@code telegram_webhook_pending_updates};</li>
 *   <li>logs a WARN when the pending count grew since the previous check (deliveries are not keeping up or
 *       failing);</li>
 *   <li>counts a new {@code last_error_date} in {@code telegram_webhook_errors_total} and logs it at WARN with
 *       Telegram's {@code last_error_message}.</li>
 * </ul>
 * One replica checks at a time: each check first tries the Postgres advisory lock
 * {@link AdvisoryLocks#WEBHOOK_MONITOR} and releases it afterwards; a replica that does not get it skips that check.
 * In polling mode or without a bot the gauge is 0.
 */
@ApplicationScoped
public class WebhookMonitor {

    private static final Logger LOG = Logger.getLogger(WebhookMonitor.class);

    private final ActiveBot bot;
    private final BotApiMethods telegram;
    private final AdvisoryLocks locks;
    private final AtomicLong pending = new AtomicLong();
    private final Counter errors;
    private BotToken checked;
    private Integer lastPending;
    private Instant lastErrorDate;

    WebhookMonitor(ActiveBot bot, BotApiMethods telegram, MeterRegistry registry, AdvisoryLocks locks) {
        this.bot = bot;
        this.locks = locks;
        this.telegram = telegram;
        registry.gauge("telegram.webhook.pending.updates", pending);
        this.errors = Counter.builder("telegram.webhook.errors")
                .description("Webhook delivery errors Telegram reported (a new last_error_date)")
                .register(registry);
    }

    @Scheduled(every = "${telegram.webhook.check-interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledCheck() {
        check();
    }

    /**
     * One check, when this replica gets the monitor lock; in polling mode or without a bot it only resets the gauge.
     *
     * @return whether getWebhookInfo was asked (false: polling, no bot, or another replica is checking)
     */
    public synchronized boolean check() {
        BotToken token = bot.token().orElse(null);
        if (token == null || bot.mode() != TelegramMode.WEBHOOK) {
            pending.set(0);
            checked = null;
            lastPending = null;
            return false;
        }
        Optional<AdvisoryLocks.Lease> lease = locks.tryAcquire(AdvisoryLocks.WEBHOOK_MONITOR);
        if (lease.isEmpty()) {
            return false; // another replica checks now
        }
        try (AdvisoryLocks.Lease held = lease.get()) {
            check(token);
            return true;
        }
    }

    private void check(BotToken token) {
        WebhookStatus status;
        try {
            status = telegram.getWebhookInfo(token);
        } catch (Exception e) {
            LOG.warnf("getWebhookInfo failed: %s", e.getMessage());
            return;
        }
        if (!token.equals(checked)) {
            // another bot: its history starts now
            checked = token;
            lastPending = null;
            lastErrorDate = status.lastErrorDate();
        }
        pending.set(status.pendingUpdateCount());
        if (lastPending != null && status.pendingUpdateCount() > lastPending) {
            LOG.warnf("Telegram's webhook queue grew from %d to %d pending updates (url %s, last error: %s)",
                    lastPending, status.pendingUpdateCount(), status.url(),
                    Objects.requireNonNullElse(status.lastErrorMessage(), "none"));
        }
        lastPending = status.pendingUpdateCount();
        if (status.lastErrorDate() != null && !status.lastErrorDate().equals(lastErrorDate)) {
            errors.increment();
            LOG.warnf("Telegram reports a webhook delivery error at %s: %s (%d updates pending)",
                    status.lastErrorDate(), status.lastErrorMessage(), status.pendingUpdateCount());
        }
        lastErrorDate = status.lastErrorDate();
    }
}
