package io.switchboard.ingest.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.ingest.client.BotApiException;
import io.switchboard.ingest.client.BotApiMethods;
import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.config.TelegramMode;
import io.switchboard.ingest.domain.BotToken;
import io.switchboard.ingest.domain.ConfiguredBot;
import io.switchboard.ingest.domain.TokenCipher;
import io.switchboard.ingest.domain.WebhookSecret;
import io.switchboard.ingest.domain.WebhookStatus;
import io.switchboard.ingest.repository.BotSettingsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Tells Telegram where to POST updates: {@code setWebhook(TELEGRAM_WEBHOOK_URL, secret_token, allowed_updates =
 * [message, edited_message, callback_query, my_chat_member, message_reaction])}.
 *
 * <ul>
 *   <li>At start-up (webhook mode with a public URL and a bot): with the stored generated secret, else
 *       {@code TELEGRAM_WEBHOOK_SECRET}, else a generated one; on a worker thread, retried with backoff up to
 *       {@code telegram.webhook-registration-retries} times; a failure is logged, never fatal.</li>
 *   <li>{@link #register()} (token change, {@code POST /api/admin/telegram/webhook/register}): always with a freshly
 *       generated secret, stored encrypted once Telegram accepted it; the webhook resource accepts it.</li>
 * </ul>
 */
@ApplicationScoped
public class WebhookRegistration {

    private static final Logger LOG = Logger.getLogger(WebhookRegistration.class);

    private final TelegramConfig config;
    private final ActiveBot bot;
    private final BotApiMethods telegram;
    private final BotSettingsRepository repository;
    private final TokenCipher cipher;
    private final Clock clock = Clock.systemUTC();

    WebhookRegistration(TelegramConfig config, ActiveBot bot, BotApiMethods telegram, BotSettingsRepository repository,
                        TokenCipher cipher) {
        this.config = config;
        this.bot = bot;
        this.telegram = telegram;
        this.repository = repository;
        this.cipher = cipher;
    }

    void registerAtStartUp(@Observes StartupEvent event) {
        int retries = Math.max(1, config.webhookRegistrationRetries());
        Uni.createFrom().item(this::registerKnownSecret)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().invoke(e -> LOG.warnf("setWebhook failed, will retry: %s", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(retries)
                .subscribe().with(
                        url -> url.ifPresent(u -> LOG.infof("Webhook registered with Telegram: %s", u)),
                        e -> LOG.errorf("Could not register the webhook after %d attempts (%s); use POST "
                                + "/api/admin/telegram/webhook/register or restart", retries + 1, e.getMessage()));
    }

    /**
     * Registers the webhook of the bot in use with a new generated secret and answers Telegram's view of it.
     *
     * @throws BotManagementException 409 when no public URL is configured (polling mode), 503 without a bot, 502 when
     *                                Telegram refuses or cannot be reached
     */
    public WebhookStatus register() {
        String url = bot.publicWebhookUrl().orElse(null);
        if (url == null || bot.mode() != TelegramMode.WEBHOOK) {
            throw new BotManagementException(409, "No public webhook URL is configured (TELEGRAM_WEBHOOK_URL): "
                    + "updates are fetched by long polling");
        }
        BotToken token = bot.token().orElseThrow(() -> new BotManagementException(503, "No bot token is configured"));
        String secret = WebhookSecret.generate();
        try {
            telegram.setWebhook(token, url, secret);
        } catch (BotApiException e) {
            throw new BotManagementException(502, "Telegram refused setWebhook: " + e.description());
        } catch (IOException e) {
            throw new BotManagementException(502, "Telegram could not be reached");
        }
        repository.saveWebhookSecret(cipher.encrypt(secret, ActiveBot.WEBHOOK_SECRET_PURPOSE), clock.instant());
        bot.reload();
        LOG.infof("Webhook of bot %s registered with a new secret: %s", token.hint(), url);
        return info();
    }

    /**
     * Telegram's view of the webhook of the bot in use (getWebhookInfo).
     *
     * @throws BotManagementException 503 without a bot, 502 when Telegram refuses or cannot be reached
     */
    public WebhookStatus info() {
        BotToken token = bot.token().orElseThrow(() -> new BotManagementException(503, "No bot token is configured"));
        try {
            return telegram.getWebhookInfo(token);
        } catch (BotApiException e) {
            throw new BotManagementException(502, "Telegram refused getWebhookInfo: " + e.description());
        } catch (IOException e) {
            throw new BotManagementException(502, "Telegram could not be reached");
        }
    }

    /** The start-up registration; empty when there is nothing to register. */
    private Optional<String> registerKnownSecret() {
        Optional<ConfiguredBot> current = bot.current();
        Optional<String> url = bot.publicWebhookUrl();
        if (current.isEmpty() || url.isEmpty() || bot.mode() != TelegramMode.WEBHOOK) {
            return Optional.empty();
        }
        Optional<String> secret = bot.generatedWebhookSecret()
                .or(() -> config.webhookSecret().filter(s -> !s.isBlank()));
        try {
            if (secret.isPresent()) {
                telegram.setWebhook(current.get().token(), url.get(), secret.get());
            } else {
                register();
            }
        } catch (BotApiException e) {
            throw new IllegalStateException("Telegram refused setWebhook: " + e.description());
        } catch (IOException e) {
            throw new IllegalStateException("Telegram could not be reached: " + e.getClass().getSimpleName());
        }
        return url;
    }
}
