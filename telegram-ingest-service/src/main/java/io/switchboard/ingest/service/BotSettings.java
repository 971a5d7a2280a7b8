package io.switchboard.ingest.service;

import io.switchboard.ingest.client.BotApiException;
import io.switchboard.ingest.client.BotApiMethods;
import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.config.TelegramMode;
import io.switchboard.ingest.domain.BotIdentity;
import io.switchboard.ingest.domain.BotToken;
import io.switchboard.ingest.domain.TokenCipher;
import io.switchboard.ingest.domain.TokenSource;
import io.switchboard.ingest.repository.BotSettingsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * An admin sets or removes the bot token: validated with getMe, stored encrypted, applied at once on this replica
 * (on the others within {@code telegram.settings-refresh-interval}), then the webhook is registered (public URL
 * configured) or long polling takes over. Blocking: call from worker threads.
 */
@ApplicationScoped
public class BotSettings {

    private static final Logger LOG = Logger.getLogger(BotSettings.class);

    private final BotSettingsRepository repository;
    private final TokenCipher cipher;
    private final BotApiMethods telegram;
    private final ActiveBot bot;
    private final WebhookRegistration webhook;
    private final TelegramConfig config;
    private final Clock clock = Clock.systemUTC();

    BotSettings(BotSettingsRepository repository, TokenCipher cipher, BotApiMethods telegram, ActiveBot bot,
                WebhookRegistration webhook, TelegramConfig config) {
        this.config = config;
        this.repository = repository;
        this.cipher = cipher;
        this.telegram = telegram;
        this.bot = bot;
        this.webhook = webhook;
    }

    /**
     * Validates and stores a token, then points Telegram's updates at this service.
     *
     * @throws BotManagementException 422 when it is not a token or Telegram refuses it (getMe 401/404), 502 when
     *                                Telegram cannot be reached or answers otherwise
     */
    public void setToken(String value) {
        if (!BotToken.isWellFormed(value == null ? null : value.trim())) {
            throw new BotManagementException(422, "This is not a bot token: it looks like 123456789:AAE…, as "
                    + "BotFather gives it");
        }
        BotToken token = new BotToken(value.trim());
        Optional<BotToken> before = bot.token();
        BotIdentity identity;
        try {
            identity = telegram.getMe(token);
        } catch (BotApiException e) {
            if (e.errorCode() == 401 || e.errorCode() == 404) {
                throw new BotManagementException(422, "Telegram refused this token");
            }
            throw new BotManagementException(502, "Telegram answered getMe with error " + e.errorCode());
        } catch (IOException e) {
            throw new BotManagementException(502, "Telegram could not be reached");
        }
        repository.saveToken(cipher.encrypt(token.value(), ActiveBot.TOKEN_PURPOSE), identity.botId(),
                identity.username(), identity.firstName(), token.hint(), clock.instant());
        bot.reload();
        LOG.infof("Bot token %s (@%s) set from the console", token.hint(), identity.username());
        pointUpdatesHere();
        retireWebhookOf(before);
    }

    /**
     * Removes the stored token; {@code TELEGRAM_BOT_TOKEN}, if set, applies again. When the console token was polled
     * (no public URL) and the environment token is the same bot, that bot's webhook is gone (polling deleted it) and
     * cannot be registered here: the environment token stays in polling mode ({@code polled_env_bot_id}) instead of
     * switching to a webhook nothing delivers to.
     */
    public void removeToken() {
        Long keepPolling = bot.current()
                .filter(current -> current.source() == TokenSource.CONSOLE && bot.mode() == TelegramMode.POLLING
                        && bot.publicWebhookUrl().isEmpty())
                .flatMap(current -> environmentToken().filter(env -> env.botId() == current.token().botId()))
                .map(BotToken::botId)
                .orElse(null);
        Optional<BotToken> before = bot.token();
        repository.clearToken(keepPolling, clock.instant());
        bot.reload();
        if (keepPolling != null) {
            LOG.infof("Bot %d keeps long polling with TELEGRAM_BOT_TOKEN: polling removed its webhook and no "
                    + "TELEGRAM_WEBHOOK_URL is set to register it again", keepPolling);
        }
        LOG.info("Stored bot token removed");
        pointUpdatesHere();
        retireWebhookOf(before);
    }

    private Optional<BotToken> environmentToken() {
        return config.botToken().map(String::trim).filter(BotToken::isWellFormed).map(BotToken::new);
    }

    /**
     * After a switch to another bot: removes the previous bot's webhook (per Bot API deleteWebhook, keeping its pending
     * updates) when it still points at this service's {@code TELEGRAM_WEBHOOK_URL}, so Telegram stops retrying
     * deliveries that this service now refuses (the old bot's secret was forgotten with the token). A webhook that
     * points elsewhere (someone else's deployment of that bot) is left alone. Best effort: a failure is logged.
     *
     * @param before the token in use before the change, if any
     */
    private void retireWebhookOf(Optional<BotToken> before) {
        if (before.isEmpty() || bot.token().map(now -> now.botId() == before.get().botId()).orElse(false)
                || bot.publicWebhookUrl().isEmpty()) {
            return; // same bot, no bot before, or no webhook of ours anywhere
        }
        BotToken old = before.get();
        try {
            if (!bot.publicWebhookUrl().get().equals(telegram.getWebhookInfo(old).url())) {
                return;
            }
            telegram.deleteWebhook(old);
            LOG.infof("Webhook of the previous bot %s removed: it pointed here and this service no longer accepts it",
                    old.hint());
        } catch (BotApiException e) {
            LOG.warnf("The previous bot %s still has its webhook pointing here (Telegram answered %d): Telegram will "
                    + "keep retrying its updates, which are refused; delete it with that bot's token", old.hint(),
                    e.errorCode());
        } catch (IOException e) {
            LOG.warnf("The previous bot %s still has its webhook pointing here (Telegram could not be reached): "
                    + "Telegram will keep retrying its updates, which are refused; delete it with that bot's token",
                    old.hint());
        }
    }

    /** Webhook mode with a public URL: register with a new secret (failures are logged: re-register later). */
    private void pointUpdatesHere() {
        if (bot.token().isEmpty() || bot.mode() != TelegramMode.WEBHOOK || bot.publicWebhookUrl().isEmpty()) {
            return; // polling: UpdatePoller follows BotChanged (deleteWebhook, then getUpdates)
        }
        try {
            webhook.register();
        } catch (BotManagementException e) {
            LOG.warnf("The webhook could not be registered for the new token (%s); retry with POST "
                    + "/api/admin/telegram/webhook/register", e.getMessage());
        }
    }
}
