package io.switchboard.emulator.service;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.switchboard.emulator.config.EmulatorConfig;
import io.switchboard.emulator.domain.BotApiError;
import io.switchboard.emulator.domain.BotState;
import io.switchboard.emulator.domain.DeliveryAttempt;
import io.switchboard.emulator.domain.UpdatePoll;
import io.switchboard.emulator.domain.WebhookDelivery;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Delivers queued Updates to a bot's webhook the way Telegram does: a JSON POST per Update with the
 * {@code X-Telegram-Bot-Api-Secret-Token} header when a secret is set; one chat's Updates one after another in
 * update_id order, different chats in parallel up to max_connections; any non-2xx answer or connection error is
 * retried with exponential backoff until a 2xx answer or deleteWebhook, while that chat's later Updates wait.
 */
@ApplicationScoped
public class WebhookDispatcher {

    /** Header Telegram sends with the webhook's secret token. */
    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final Vertx vertx;
    /** Writes emoji as 4-byte UTF-8 rather than escaped surrogate pairs, like any UTF-8 JSON. */
    private final ObjectWriter writer;
    private final EmulatorConfig.Webhook settings;
    private final Deque<WebhookDelivery> deliveries = new ArrayDeque<>();
    private long deliverySeq;
    private WebClient client;

    WebhookDispatcher(Vertx vertx, ObjectMapper mapper, EmulatorConfig config) {
        this.vertx = vertx;
        this.writer = mapper.writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
        this.settings = config.webhook();
    }

    @PostConstruct
    void start() {
        client = WebClient.create(vertx, new WebClientOptions()
                .setMaxPoolSize(100)
                .setFollowRedirects(false)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.requestTimeout().toMillis())));
    }

    @PreDestroy
    void stop() {
        client.close();
    }

    /**
     * setWebhook: from now on Updates go to {@code url}; a waiting getUpdates is answered with 409.
     *
     * @param url            absolute http(s) URL
     * @param secretToken    1-256 characters of {@code A-Z a-z 0-9 _ -}, or null
     * @param maxConnections 1-100
     * @param dropPending    discard the queue first
     * @return false when the same webhook was already set ("Webhook is already set")
     * @throws BotApiError 400 for a bad URL or secret
     */
    public boolean setWebhook(BotState bot, String url, String secretToken, int maxConnections, boolean dropPending) {
        validateUrl(url);
        if (secretToken != null && !secretToken.matches("[A-Za-z0-9_-]{1,256}")) {
            throw BotApiError.badRequest("secret token contains unallowed characters");
        }
        boolean changed;
        UpdatePoll waiting;
        synchronized (bot) {
            if (dropPending) {
                bot.dropPending();
            }
            var current = bot.webhook();
            changed = current == null || !current.url().equals(url) || !Objects.equals(current.secretToken(), secretToken)
                    || current.maxConnections() != maxConnections;
            if (changed) {
                bot.setWebhook(url, secretToken, maxConnections, Instant.now());
            }
            waiting = bot.takePoll();
        }
        if (waiting != null) {
            waiting.answer().completeExceptionally(BotApiError.webhookActive());
        }
        pump(bot);
        return changed;
    }

    /**
     * deleteWebhook: stops deliveries (an attempt in flight finishes, but is not retried).
     *
     * @return whether a webhook was set
     */
    public boolean deleteWebhook(BotState bot, boolean dropPending) {
        synchronized (bot) {
            if (dropPending) {
                bot.dropPending();
            }
            return bot.deleteWebhook();
        }
    }

    /** Starts every delivery the bot's webhook, queue and limits allow now. */
    public void pump(BotState bot) {
        List<DeliveryAttempt> attempts;
        synchronized (bot) {
            attempts = bot.startDeliveries();
        }
        attempts.forEach(attempt -> post(bot, attempt));
    }

    /** Delivery attempts, oldest first; {@code token} null = every bot. */
    public synchronized List<WebhookDelivery> deliveries(String token) {
        return deliveries.stream().filter(d -> token == null || d.token().equals(token)).toList();
    }

    /** Forgets the delivery log. */
    public synchronized void clearLog() {
        deliveries.clear();
    }

    private void post(BotState bot, DeliveryAttempt attempt) {
        try {
            HttpRequest<Buffer> request = client.postAbs(attempt.webhook().url())
                    .timeout(settings.requestTimeout().toMillis())
                    .putHeader("Content-Type", "application/json");
            if (attempt.webhook().secretToken() != null) {
                request.putHeader(SECRET_HEADER, attempt.webhook().secretToken());
            }
            Buffer body = Buffer.buffer(writer.writeValueAsBytes(attempt.update().body()));
            request.sendBuffer(body).subscribe().with(
                    response -> {
                        if (response.statusCode() / 100 == 2) {
                            succeeded(bot, attempt, response.statusCode());
                        } else {
                            failed(bot, attempt, response.statusCode(), "Wrong response from the webhook: "
                                    + response.statusCode() + " " + Objects.toString(response.statusMessage(), ""));
                        }
                    },
                    failure -> failed(bot, attempt, null, describe(failure)));
        } catch (JsonProcessingException | RuntimeException e) {
            failed(bot, attempt, null, describe(e));
        }
    }

    private void succeeded(BotState bot, DeliveryAttempt attempt, int status) {
        synchronized (bot) {
            bot.deliverySucceeded(attempt);
        }
        log(bot, attempt, status, null);
        pump(bot);
    }

    private void failed(BotState bot, DeliveryAttempt attempt, Integer status, String error) {
        Duration delay;
        synchronized (bot) {
            delay = bot.deliveryFailed(attempt, error, Instant.now(), settings.initialBackoff(), settings.maxBackoff());
        }
        log(bot, attempt, status, error);
        LOG.debugf("webhook delivery of update %d (attempt %d) failed: %s", attempt.update().updateId(),
                attempt.attempt(), error);
        if (delay != null) {
            vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
                synchronized (bot) {
                    bot.retryDue(attempt);
                }
                pump(bot);
            });
        }
    }

    private synchronized void log(BotState bot, DeliveryAttempt attempt, Integer status, String error) {
        deliveries.addLast(new WebhookDelivery(++deliverySeq, bot.token(), bot.botId(), attempt.update().updateId(),
                attempt.update().chatKey(), attempt.webhook().url(), attempt.attempt(), status, error, Instant.now()));
        while (deliveries.size() > Math.max(1, settings.maxRecordedDeliveries())) {
            deliveries.removeFirst();
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    private static void validateUrl(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
                throw BotApiError.badRequest("bad webhook: An HTTP URL must be provided for webhook");
            }
        } catch (IllegalArgumentException e) {
            throw BotApiError.badRequest("bad webhook: An HTTP URL must be provided for webhook");
        }
    }
}
