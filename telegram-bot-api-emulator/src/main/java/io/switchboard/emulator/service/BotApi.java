package io.switchboard.emulator.service;

import java.time.Instant;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.emulator.config.EmulatorConfig;
import io.switchboard.emulator.domain.BotAnswer;
import io.switchboard.emulator.domain.BotApiError;
import io.switchboard.emulator.domain.BotMethod;
import io.switchboard.emulator.domain.BotParams;
import io.switchboard.emulator.domain.BotState;
import io.switchboard.emulator.domain.QueuedUpdate;
import io.switchboard.emulator.domain.Webhook;

/**
 * The Bot API methods: getMe, getUpdates, setWebhook, deleteWebhook, getWebhookInfo, sendMessage, sendChatAction.
 * Answers and errors use Telegram's shapes and wording; failures are {@link BotApiError}s.
 */
@ApplicationScoped
public class BotApi {

    /** Longest message text, in UTF-16 code units. */
    public static final int MAX_TEXT_LENGTH = 4096;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final EmulatorConfig config;
    private final UpdateFeed feed;
    private final WebhookDispatcher webhooks;

    BotApi(EmulatorConfig config, UpdateFeed feed, WebhookDispatcher webhooks) {
        this.config = config;
        this.feed = feed;
        this.webhooks = webhooks;
    }

    /** Runs {@code method} for {@code bot}; the Uni fails with a {@link BotApiError} for every Telegram error. */
    public Uni<BotAnswer> invoke(BotState bot, BotMethod method, BotParams params) {
        try {
            return switch (method) {
                case GET_ME -> Uni.createFrom().item(BotAnswer.of(getMe(bot)));
                case GET_UPDATES -> getUpdates(bot, params);
                case SET_WEBHOOK -> Uni.createFrom().item(setWebhook(bot, params));
                case DELETE_WEBHOOK -> Uni.createFrom().item(deleteWebhook(bot, params));
                case GET_WEBHOOK_INFO -> Uni.createFrom().item(BotAnswer.of(webhookInfo(bot)));
                case SEND_MESSAGE -> Uni.createFrom().item(BotAnswer.of(sendMessage(bot, params)));
                case SEND_CHAT_ACTION -> Uni.createFrom().item(sendChatAction(bot, params));
            };
        } catch (BotApiError e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** The bot's User object, as getMe returns it and as the {@code from} of its messages (short form). */
    public ObjectNode getMe(BotState bot) {
        return botUser(bot)
                .put("can_join_groups", true)
                .put("can_read_all_group_messages", false)
                .put("supports_inline_queries", false)
                .put("can_connect_to_business", false)
                .put("has_main_web_app", false);
    }

    private ObjectNode botUser(BotState bot) {
        return JSON.objectNode()
                .put("id", bot.botId())
                .put("is_bot", true)
                .put("first_name", config.botFirstName())
                .put("username", config.botUsername());
    }

    private Uni<BotAnswer> getUpdates(BotState bot, BotParams params) {
        long offset = orDefault(params.integer("offset"), 0);
        int limit = (int) Math.max(1, Math.min(100, orDefault(params.integer("limit"), 100)));
        int timeout = (int) Math.max(0, Math.min(Integer.MAX_VALUE / 1000, orDefault(params.integer("timeout"), 0)));
        return feed.getUpdates(bot, offset, limit, timeout).map(updates -> {
            ArrayNode result = JSON.arrayNode();
            updates.stream().map(QueuedUpdate::body).forEach(result::add);
            return BotAnswer.of(result);
        });
    }

    private BotAnswer setWebhook(BotState bot, BotParams params) {
        String url = params.string("url");
        boolean drop = params.flag("drop_pending_updates");
        if (url == null || url.isEmpty()) {
            boolean had = webhooks.deleteWebhook(bot, drop);
            return new BotAnswer(BooleanNode.TRUE, had ? "Webhook was deleted" : "Webhook is already deleted");
        }
        String secret = params.string("secret_token");
        int maxConnections = (int) Math.max(1, Math.min(100, orDefault(params.integer("max_connections"), 40)));
        boolean changed = webhooks.setWebhook(bot, url, secret == null || secret.isEmpty() ? null : secret,
                maxConnections, drop);
        return new BotAnswer(BooleanNode.TRUE, changed ? "Webhook was set" : "Webhook is already set");
    }

    private BotAnswer deleteWebhook(BotState bot, BotParams params) {
        boolean had = webhooks.deleteWebhook(bot, params.flag("drop_pending_updates"));
        return new BotAnswer(BooleanNode.TRUE, had ? "Webhook was deleted" : "Webhook is already deleted");
    }

    private ObjectNode webhookInfo(BotState bot) {
        synchronized (bot) {
            Webhook webhook = bot.webhook();
            ObjectNode info = JSON.objectNode()
                    .put("url", webhook == null ? "" : webhook.url())
                    .put("has_custom_certificate", false)
                    .put("pending_update_count", bot.pendingCount());
            if (bot.lastErrorDate() != null) {
                info.put("last_error_date", bot.lastErrorDate().getEpochSecond());
                info.put("last_error_message", bot.lastErrorMessage());
            }
            if (webhook != null) {
                info.put("max_connections", webhook.maxConnections());
            }
            return info;
        }
    }

    private ObjectNode sendMessage(BotState bot, BotParams params) {
        long chatId = chatId(params);
        String text = params.string("text");
        if (text == null || text.isBlank()) {
            throw BotApiError.badRequest("message text is empty");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw BotApiError.badRequest("message is too long");
        }
        synchronized (bot) {
            if (bot.isBlocked(chatId)) {
                throw BotApiError.botBlocked();
            }
            if (config.rateLimits().enabled()) {
                OptionalLong retryAfter = bot.rateLimiter().tryAcquire(chatId);
                if (retryAfter.isPresent()) {
                    throw BotApiError.tooManyRequests(retryAfter.getAsLong());
                }
            }
            ObjectNode message = JSON.objectNode();
            message.put("message_id", bot.nextMessageId(chatId));
            message.set("from", botUser(bot));
            message.set("chat", bot.chat(chatId));
            message.put("date", Instant.now().getEpochSecond());
            Long threadId = params.integer("message_thread_id");
            if (threadId != null && chatId < 0) {
                message.put("message_thread_id", threadId);
            }
            message.put("text", text);
            JsonNode entities = params.json("entities");
            if (entities != null && entities.isArray() && !entities.isEmpty()) {
                message.set("entities", entities);
            }
            JsonNode markup = params.json("reply_markup");
            if (markup != null && markup.has("inline_keyboard")) {
                message.set("reply_markup", markup);
            }
            bot.appendHistory(chatId, message);
            return message.deepCopy();
        }
    }

    private BotAnswer sendChatAction(BotState bot, BotParams params) {
        long chatId = chatId(params);
        String action = params.string("action");
        if (action == null || action.isBlank()) {
            throw BotApiError.badRequest("wrong parameter action in request");
        }
        synchronized (bot) {
            if (bot.isBlocked(chatId)) {
                throw BotApiError.botBlocked();
            }
        }
        return BotAnswer.of(BooleanNode.TRUE);
    }

    private static long chatId(BotParams params) {
        Long chatId = params.integer("chat_id");
        if (chatId == null || chatId == 0) {
            throw BotApiError.badRequest("chat not found");
        }
        return chatId;
    }

    private static long orDefault(Long value, long fallback) {
        return value == null ? fallback : value;
    }
}
