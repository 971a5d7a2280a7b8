package io.switchboard.ingest.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import io.switchboard.ingest.client.BotApiMethods;
import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.config.TelegramMode;
import io.switchboard.ingest.domain.BotIdentity;
import io.switchboard.ingest.domain.BotToken;
import io.switchboard.ingest.domain.ConfiguredBot;
import io.switchboard.ingest.domain.TokenCipher;
import io.switchboard.ingest.domain.TokenSource;
import io.switchboard.ingest.repository.BotSettingsRepository;
import io.switchboard.ingest.repository.BotSettingsRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The bot this replica speaks as: the token stored by an admin ({@code bot_settings}, decrypted with
 * {@code TELEGRAM_TOKEN_KEY}) or else {@code TELEGRAM_BOT_TOKEN}, plus the generated webhook secret. Re-read every
 * {@code telegram.settings-refresh-interval} (and at once by {@link #reload()} after a change made here); a change
 * fires {@link BotChanged}. Reads are blocking (JDBC): call from worker threads.
 */
@ApplicationScoped
public class ActiveBot {

    /** Associated data of the stored token's ciphertext. */
    public static final String TOKEN_PURPOSE = "bot-token";
    /** Associated data of the stored webhook secret's ciphertext. */
    public static final String WEBHOOK_SECRET_PURPOSE = "webhook-secret";

    /** How long the generated secret replaced by a rotation is still accepted by the webhook. */
    public static final Duration WEBHOOK_SECRET_GRACE = Duration.ofSeconds(60);

    private static final Logger LOG = Logger.getLogger(ActiveBot.class);

    private final TelegramConfig config;
    private final BotSettingsRepository repository;
    private final TokenCipher cipher;
    private final BotApiMethods telegram;
    private final Event<BotChanged> changes;

    private volatile State state;

    /** What was read last; equal states mean nothing changed. */
    private record State(ConfiguredBot bot, String webhookSecret, byte[] tokenCiphertext, String previousWebhookSecret,
                         Instant webhookSecretRotatedAt, Long polledEnvBotId) {
        boolean sameBot(State other) {
            return other != null && Objects.equals(token(bot), token(other.bot))
                    && Arrays.equals(tokenCiphertext, other.tokenCiphertext);
        }

        private static String token(ConfiguredBot bot) {
            return bot == null ? null : bot.token().value();
        }
    }

    ActiveBot(TelegramConfig config, BotSettingsRepository repository, TokenCipher cipher, BotApiMethods telegram,
              Event<BotChanged> changes) {
        this.config = config;
        this.repository = repository;
        this.cipher = cipher;
        this.telegram = telegram;
        this.changes = changes;
    }

    /** The bot in use, or empty when no token is configured anywhere. */
    public Optional<ConfiguredBot> current() {
        return Optional.ofNullable(state().bot());
    }

    /** The current token, or empty. */
    public Optional<BotToken> token() {
        return current().map(ConfiguredBot::token);
    }

    /** The generated webhook secret stored for the current bot, if one was generated. */
    public Optional<String> generatedWebhookSecret() {
        return Optional.ofNullable(state().webhookSecret());
    }

    /**
     * The generated secret that the last rotation replaced, while it is still accepted: for
     * {@link #WEBHOOK_SECRET_GRACE} after the rotation (Telegram keeps using it until setWebhook with the new one went
     * through).
     */
    public Optional<String> previousWebhookSecret(Instant now) {
        State seen = state();
        if (seen.previousWebhookSecret() == null || seen.webhookSecretRotatedAt() == null
                || now.isAfter(seen.webhookSecretRotatedAt().plus(WEBHOOK_SECRET_GRACE))) {
            return Optional.empty();
        }
        return Optional.of(seen.previousWebhookSecret());
    }

    /**
     * How updates arrive for the current bot: {@code POLLING} when {@code TELEGRAM_MODE=polling}; when the token came
     * from the console and no {@code TELEGRAM_WEBHOOK_URL} is configured (nobody could register a webhook); or when
     * it is {@code TELEGRAM_BOT_TOKEN} of the same bot as a console token that was polled and then removed (polling
     * deleted that bot's webhook, so nothing would deliver it; {@code polled_env_bot_id}); else {@code WEBHOOK}.
     */
    public TelegramMode mode() {
        if (config.mode() == TelegramMode.POLLING) {
            return TelegramMode.POLLING;
        }
        if (publicWebhookUrl().isPresent()) {
            return TelegramMode.WEBHOOK;
        }
        State seen = state();
        ConfiguredBot current = seen.bot();
        if (current == null) {
            return TelegramMode.WEBHOOK;
        }
        if (current.source() == TokenSource.CONSOLE) {
            return TelegramMode.POLLING;
        }
        return seen.polledEnvBotId() != null && seen.polledEnvBotId() == current.token().botId()
                ? TelegramMode.POLLING : TelegramMode.WEBHOOK;
    }

    /** {@code TELEGRAM_WEBHOOK_URL} when set and not blank. */
    public Optional<String> publicWebhookUrl() {
        return config.webhookUrl().map(String::trim).filter(url -> !url.isEmpty());
    }

    /**
     * The bot's identity; for an environment token asked from Telegram (getMe) on first use and kept.
     *
     * @return empty when no bot is configured or getMe failed (logged)
     */
    public Optional<BotIdentity> identity() {
        State seen = state();
        ConfiguredBot bot = seen.bot();
        if (bot == null) {
            return Optional.empty();
        }
        if (bot.identity() != null) {
            return Optional.of(bot.identity());
        }
        try {
            BotIdentity identity = telegram.getMe(bot.token());
            synchronized (this) {
                if (state == seen) {
                    state = new State(new ConfiguredBot(bot.token(), bot.source(), identity, bot.updatedAt()),
                            seen.webhookSecret(), seen.tokenCiphertext(), seen.previousWebhookSecret(),
                            seen.webhookSecretRotatedAt(), seen.polledEnvBotId());
                }
            }
            return Optional.of(identity);
        } catch (Exception e) {
            LOG.warnf("getMe for bot %s failed: %s", bot.token().hint(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Re-reads the stored settings now; fires {@link BotChanged} when the bot changed. The read happens under the
     * lock, so a scheduled refresh that read before a change was committed can never overwrite the state read by the
     * reload that follows the change (the last reload to take the lock read the newest row).
     */
    public void reload() {
        State fresh;
        State previous;
        synchronized (this) {
            previous = state;
            fresh = read();
            state = fresh;
        }
        if (previous != null && !fresh.sameBot(previous)) {
            LOG.infof("Bot changed: now %s", describe(fresh.bot()));
            changes.fire(new BotChanged(fresh.bot()));
        }
    }

    /** Reads the settings once at start-up (on the main thread), so that event-loop callers never hit the database. */
    void load(@Observes @Priority(10) StartupEvent event) {
        state();
    }

    @Scheduled(every = "${telegram.settings-refresh-interval}", delayed = "${telegram.settings-refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warnf("Re-reading bot_settings failed, keeping the bot in use: %s", e.getMessage());
        }
    }

    private State state() {
        State seen = state;
        if (seen == null) {
            synchronized (this) {
                if (state == null) {
                    state = read();
                    LOG.infof("Bot in use: %s", describe(state.bot()));
                }
                seen = state;
            }
        }
        return seen;
    }

    private State read() {
        Optional<BotSettingsRow> row = repository.find();
        String webhookSecret = row.map(BotSettingsRow::webhookSecretCiphertext)
                .map(secret -> decrypt(secret, WEBHOOK_SECRET_PURPOSE)).orElse(null);
        String previousSecret = row.map(BotSettingsRow::previousWebhookSecretCiphertext)
                .map(secret -> decrypt(secret, WEBHOOK_SECRET_PURPOSE)).orElse(null);
        Instant rotatedAt = row.map(BotSettingsRow::webhookSecretRotatedAt).orElse(null);
        Long polledEnvBotId = row.map(BotSettingsRow::polledEnvBotId).orElse(null);
        if (row.isPresent() && row.get().tokenCiphertext() != null) {
            BotSettingsRow stored = row.get();
            String token = decrypt(stored.tokenCiphertext(), TOKEN_PURPOSE);
            if (token != null && BotToken.isWellFormed(token)) {
                BotIdentity identity = stored.botId() == null ? null
                        : new BotIdentity(stored.botId(), stored.username(), stored.firstName());
                return new State(new ConfiguredBot(new BotToken(token), TokenSource.CONSOLE, identity,
                        stored.updatedAt()), webhookSecret, stored.tokenCiphertext(), previousSecret, rotatedAt, null);
            }
        }
        Optional<String> fromEnvironment = config.botToken().map(String::trim).filter(t -> !t.isEmpty());
        if (fromEnvironment.isPresent() && BotToken.isWellFormed(fromEnvironment.get())) {
            State current = state;
            // keep an identity learnt earlier for the same environment token
            BotIdentity known = current != null && current.bot() != null
                    && current.bot().source() == TokenSource.ENVIRONMENT
                    && current.bot().token().value().equals(fromEnvironment.get()) ? current.bot().identity() : null;
            return new State(new ConfiguredBot(new BotToken(fromEnvironment.get()), TokenSource.ENVIRONMENT, known,
                    null), webhookSecret, null, previousSecret, rotatedAt, polledEnvBotId);
        }
        if (fromEnvironment.isPresent()) {
            LOG.error("TELEGRAM_BOT_TOKEN does not look like a bot token (123456789:AAE…); ignoring it");
        }
        return new State(null, webhookSecret, null, previousSecret, rotatedAt, null);
    }

    private String decrypt(byte[] ciphertext, String purpose) {
        try {
            return cipher.decrypt(ciphertext, purpose);
        } catch (IllegalArgumentException e) {
            LOG.errorf("The stored %s cannot be used: %s", purpose, e.getMessage());
            return null;
        }
    }

    private static String describe(ConfiguredBot bot) {
        return bot == null ? "none (set one with PUT /api/admin/telegram/bot or TELEGRAM_BOT_TOKEN)"
                : bot.token().hint() + " from " + bot.source().name().toLowerCase();
    }
}
