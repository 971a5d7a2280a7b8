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
import io.switchboard.ingest.repository.BotSettingsRow;
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
 * <p>Replicas agree on the generated secret through the database: a new secret is stored first, with a
 * compare-and-set ({@link BotSettingsRepository#replaceWebhookSecret}: only if the stored one is still what was
 * read); a replica that loses the race uses the winner's. Only then is setWebhook called, always with the stored
 * secret, so Telegram and {@code bot_settings} never disagree. The replaced secret stays accepted by the webhook for
 * {@link ActiveBot#WEBHOOK_SECRET_GRACE} (Telegram uses it until setWebhook went through; other replicas re-read
 * within {@code telegram.settings-refresh-interval}). When Telegram refuses the new secret it is put back.
 *
 * <ul>
 *   <li>At start-up (webhook mode with a public URL and a bot), on a worker thread, retried with backoff up to
 *       {@code telegram.webhook-registration-retries} times, a failure logged, never fatal: with a stored generated
 *       secret, nothing is called when getWebhookInfo already shows this URL (another replica or an earlier start
 *       registered it), else setWebhook with it; without one, with {@code TELEGRAM_WEBHOOK_SECRET} (the same on every
 *       replica); without either, a generated one stored as above (never replacing one another replica stored).</li>
 *   <li>{@link #register()} (token change, {@code POST /api/admin/telegram/webhook/register}): a freshly generated
 *       secret (or the one a concurrent registration stored first).</li>
 * </ul>
 * {@link #lastRegistration()} remembers this replica's last outcome (for {@code BotView.webhookRegistered}).
 */
@ApplicationScoped
public class WebhookRegistration {

    private static final Logger LOG = Logger.getLogger(WebhookRegistration.class);

    /**
     * The last registration attempted on this replica.
     *
     * @param token      the bot it was for
     * @param registered whether Telegram accepted setWebhook (or already had this URL)
     * @param error      why not, or null
     */
    public record Registration(BotToken token, boolean registered, String error) {
    }

    /** A generated secret as stored; {@code stored} when this call stored it (so it may put {@code replaced} back). */
    private record StoredSecret(String secret, byte[] ciphertext, boolean stored, byte[] replaced) {
    }

    private final TelegramConfig config;
    private final ActiveBot bot;
    private final BotApiMethods telegram;
    private final BotSettingsRepository repository;
    private final TokenCipher cipher;
    private final Clock clock = Clock.systemUTC();
    private volatile Registration last;

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

    /** This replica's last registration attempt, if any. */
    public Optional<Registration> lastRegistration() {
        return Optional.ofNullable(last);
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
        StoredSecret secret = storeSecret(true);
        try {
            setWebhook(token, url, secret);
        } catch (BotApiException e) {
            last = new Registration(token, false, "Telegram refused setWebhook: " + e.description());
            throw new BotManagementException(502, last.error());
        } catch (IOException e) {
            last = new Registration(token, false, "Telegram could not be reached");
            throw new BotManagementException(502, last.error());
        }
        last = new Registration(token, true, null);
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
        BotToken token = current.get().token();
        try {
            Optional<String> generated = bot.generatedWebhookSecret();
            Optional<String> fromEnvironment = config.webhookSecret().filter(s -> !s.isBlank());
            if (generated.isPresent()) {
                if (url.get().equals(telegram.getWebhookInfo(token).url())) {
                    LOG.infof("Webhook of bot %s already registered at %s with the stored secret", token.hint(),
                            url.get());
                    last = new Registration(token, true, null);
                    return Optional.empty();
                }
                telegram.setWebhook(token, url.get(), generated.get());
            } else if (fromEnvironment.isPresent()) {
                telegram.setWebhook(token, url.get(), fromEnvironment.get());
            } else {
                setWebhook(token, url.get(), storeSecret(false));
            }
            last = new Registration(token, true, null);
        } catch (BotApiException e) {
            last = new Registration(token, false, "Telegram refused setWebhook: " + e.description());
            throw new IllegalStateException(last.error());
        } catch (IOException e) {
            last = new Registration(token, false, "Telegram could not be reached");
            throw new IllegalStateException("Telegram could not be reached: " + e.getClass().getSimpleName());
        }
        return url;
    }

    /**
     * The generated secret every replica will use, stored before Telegram hears of it.
     *
     * @param rotate true: replace the stored one with a new one; false: keep a stored one, generate only when none
     */
    private StoredSecret storeSecret(boolean rotate) {
        for (int attempt = 0; attempt < 5; attempt++) {
            byte[] expected = repository.find().map(BotSettingsRow::webhookSecretCiphertext).orElse(null);
            if (expected != null && !rotate) {
                bot.reload();
                return new StoredSecret(cipher.decrypt(expected, ActiveBot.WEBHOOK_SECRET_PURPOSE), expected, false,
                        null);
            }
            String secret = WebhookSecret.generate();
            byte[] ciphertext = cipher.encrypt(secret, ActiveBot.WEBHOOK_SECRET_PURPOSE);
            if (repository.replaceWebhookSecret(expected, ciphertext, clock.instant())) {
                bot.reload(); // accept it here before Telegram starts using it
                return new StoredSecret(secret, ciphertext, true, expected);
            }
            // another replica stored a secret first: use theirs (unless a token change just cleared it)
            byte[] theirs = repository.find().map(BotSettingsRow::webhookSecretCiphertext).orElse(null);
            if (theirs != null) {
                LOG.info("Another replica stored a new webhook secret first; registering that one");
                bot.reload();
                return new StoredSecret(cipher.decrypt(theirs, ActiveBot.WEBHOOK_SECRET_PURPOSE), theirs, false, null);
            }
        }
        throw new BotManagementException(503, "The webhook secret kept changing; try again");
    }

    /**
     * setWebhook with the stored secret; a secret this call stored is put back when Telegram refuses it (not after a
     * network error: Telegram may have taken it, and the next attempt registers the stored one again).
     */
    private void setWebhook(BotToken token, String url, StoredSecret secret) throws IOException, BotApiException {
        try {
            telegram.setWebhook(token, url, secret.secret());
        } catch (BotApiException e) {
            if (secret.stored()) {
                repository.restoreWebhookSecret(secret.ciphertext(), secret.replaced(), clock.instant());
                bot.reload();
            }
            throw e;
        }
        // a concurrent rotation on another replica may have stored a newer secret while our call was under way (its
        // setWebhook could even reach Telegram before ours): set the stored one until what we set is what is stored
        byte[] registered = secret.ciphertext();
        for (int attempt = 0; attempt < 3; attempt++) {
            byte[] stored = repository.find().map(BotSettingsRow::webhookSecretCiphertext).orElse(null);
            if (stored == null || java.util.Arrays.equals(stored, registered)) {
                return;
            }
            LOG.info("The webhook secret changed during registration; registering the stored one");
            bot.reload();
            telegram.setWebhook(token, url, cipher.decrypt(stored, ActiveBot.WEBHOOK_SECRET_PURPOSE));
            registered = stored;
        }
    }
}
