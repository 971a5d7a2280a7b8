package io.switchboard.emulator.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.emulator.domain.BotAnswer;
import io.switchboard.emulator.domain.BotApiError;
import io.switchboard.emulator.domain.BotMethod;
import io.switchboard.emulator.domain.BotParams;
import io.switchboard.emulator.domain.BotState;
import io.switchboard.emulator.domain.CallbackQuery;
import io.switchboard.emulator.domain.ForumTopic;
import io.switchboard.emulator.domain.QueuedUpdate;
import io.switchboard.emulator.domain.Webhook;

/**
 * The Bot API methods: getMe, getUpdates, setWebhook, deleteWebhook, getWebhookInfo, sendMessage, sendPhoto,
 * sendDocument, editMessageText, deleteMessage, pinChatMessage, sendChatAction, answerCallbackQuery, getFile and the
 * forum topic methods. Answers and errors use Telegram's shapes and wording; failures are {@link BotApiError}s.
 */
@ApplicationScoped
public class BotApi {

    /** Longest message text, in UTF-16 code units. */
    public static final int MAX_TEXT_LENGTH = 4096;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final UpdateFeed feed;
    private final WebhookDispatcher webhooks;
    private final BotMessages messages;
    private final ForumTopics topics;
    private final BotFiles files;

    BotApi(UpdateFeed feed, WebhookDispatcher webhooks, BotMessages messages,
            ForumTopics topics, BotFiles files) {
        this.feed = feed;
        this.webhooks = webhooks;
        this.messages = messages;
        this.topics = topics;
        this.files = files;
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
                case SEND_MESSAGE -> answer(sendMessage(bot, params));
                case SEND_PHOTO -> answer(files.sendPhoto(bot, params));
                case SEND_DOCUMENT -> answer(files.sendDocument(bot, params));
                case EDIT_MESSAGE_TEXT -> answer(editMessageText(bot, params));
                case DELETE_MESSAGE -> answer(deleteMessage(bot, params));
                case PIN_CHAT_MESSAGE -> answer(pinChatMessage(bot, params));
                case SEND_CHAT_ACTION -> Uni.createFrom().item(sendChatAction(bot, params));
                case ANSWER_CALLBACK_QUERY -> answer(answerCallbackQuery(bot, params));
                case GET_FILE -> answer(files.getFile(bot, params));
                case CREATE_FORUM_TOPIC -> answer(topics.create(bot, params));
                case EDIT_FORUM_TOPIC -> answer(topics.edit(bot, params));
                case CLOSE_FORUM_TOPIC -> answer(topics.setClosed(bot, params, true));
                case REOPEN_FORUM_TOPIC -> answer(topics.setClosed(bot, params, false));
                case DELETE_FORUM_TOPIC -> answer(topics.delete(bot, params));
            };
        } catch (BotApiError e) {
            return Uni.createFrom().failure(e);
        }
    }

    private static Uni<BotAnswer> answer(JsonNode result) {
        return Uni.createFrom().item(BotAnswer.of(result));
    }

    /** The bot's User object, as getMe returns it. */
    public ObjectNode getMe(BotState bot) {
        return messages.botUser(bot)
                .put("can_join_groups", true)
                .put("can_read_all_group_messages", false)
                .put("supports_inline_queries", false)
                .put("can_connect_to_business", false)
                .put("has_main_web_app", false);
    }

    private Uni<BotAnswer> getUpdates(BotState bot, BotParams params) {
        long offset = orDefault(params.integer("offset"), 0);
        int limit = (int) Math.max(1, Math.min(100, orDefault(params.integer("limit"), 100)));
        int timeout = (int) Math.max(0, Math.min(Integer.MAX_VALUE / 1000, orDefault(params.integer("timeout"), 0)));
        synchronized (bot) {
            bot.allowedUpdates(params.json("allowed_updates"));
        }
        return feed.getUpdates(bot, offset, limit, timeout).map(updates -> {
            ArrayNode result = JSON.arrayNode();
            updates.stream().map(QueuedUpdate::body).forEach(result::add);
            return BotAnswer.of(result);
        });
    }

    private BotAnswer setWebhook(BotState bot, BotParams params) {
        String url = params.string("url");
        boolean drop = params.flag("drop_pending_updates");
        JsonNode allowed = params.json("allowed_updates");
        if (params.string("allowed_updates") != null && (allowed == null || !allowed.isArray())) {
            throw BotApiError.badRequest("can't parse allowed updates JSON object");
        }
        if (url == null || url.isEmpty()) {
            boolean had = webhooks.deleteWebhook(bot, drop);
            return new BotAnswer(BooleanNode.TRUE, had ? "Webhook was deleted" : "Webhook is already deleted");
        }
        String secret = params.string("secret_token");
        int maxConnections = (int) Math.max(1, Math.min(100, orDefault(params.integer("max_connections"), 40)));
        boolean changed = webhooks.setWebhook(bot, url, secret == null || secret.isEmpty() ? null : secret,
                maxConnections, drop);
        synchronized (bot) {
            changed |= allowed != null && !allowed.equals(bot.allowedUpdates());
            bot.allowedUpdates(allowed);
        }
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
            if (bot.allowedUpdates() != null) {
                info.set("allowed_updates", bot.allowedUpdates().deepCopy());
            }
            return info;
        }
    }

    private ObjectNode sendMessage(BotState bot, BotParams params) {
        long chatId = BotMessages.chatId(params);
        String text = text(params);
        Long threadId = params.integer("message_thread_id");
        synchronized (bot) {
            ForumTopic topic = messages.admit(bot, chatId, threadId, true);
            ObjectNode message = messages.newMessage(bot, chatId, topic, threadId);
            message.put("text", text);
            JsonNode entities = params.json("entities");
            if (entities != null && entities.isArray() && !entities.isEmpty()) {
                message.set("entities", entities);
            }
            return messages.store(bot, chatId, message, topic, params);
        }
    }

    /**
     * editMessageText(chat_id, message_id, text, reply_markup?): only the bot's own live messages; 400 {@code message
     * to edit not found}, {@code message can't be edited} (someone else's), {@code message is not modified: ...}.
     */
    private ObjectNode editMessageText(BotState bot, BotParams params) {
        long chatId = BotMessages.chatId(params);
        String text = text(params);
        Long messageId = params.integer("message_id");
        synchronized (bot) {
            if (bot.isBlocked(chatId)) {
                throw BotApiError.botBlocked();
            }
            ObjectNode stored = messageId == null ? null : bot.message(chatId, messageId);
            if (stored == null || stored.path("deleted").asBoolean(false)) {
                throw BotApiError.badRequest("message to edit not found");
            }
            if (!stored.path("from").path("is_bot").asBoolean(false) || !stored.has("text")) {
                throw BotApiError.badRequest("message can't be edited");
            }
            JsonNode markup = params.json("reply_markup");
            boolean markupChanges = markup != null && markup.has("inline_keyboard")
                    && !markup.equals(stored.get("reply_markup"));
            if (text.equals(stored.path("text").asText()) && !markupChanges) {
                throw BotApiError.badRequest("message is not modified: specified new message content and reply markup "
                        + "are exactly the same as a current content and reply markup of the message");
            }
            stored.put("text", text);
            stored.remove("entities");
            JsonNode entities = params.json("entities");
            if (entities != null && entities.isArray() && !entities.isEmpty()) {
                stored.set("entities", entities);
            }
            if (markupChanges) {
                stored.set("reply_markup", markup);
            }
            stored.put("edit_date", Instant.now().getEpochSecond());
            stored.put("edited", true);
            return BotState.botView(stored);
        }
    }

    /** deleteMessage(chat_id, message_id): {@code true}; 400 {@code message to delete not found}. */
    private BooleanNode deleteMessage(BotState bot, BotParams params) {
        long chatId = BotMessages.chatId(params);
        Long messageId = params.integer("message_id");
        synchronized (bot) {
            ObjectNode stored = messageId == null ? null : bot.message(chatId, messageId);
            if (stored == null || stored.path("deleted").asBoolean(false)) {
                throw BotApiError.badRequest("message to delete not found");
            }
            if (stored.has("forum_topic_created")) {
                throw BotApiError.badRequest("message can't be deleted");
            }
            stored.put("deleted", true);
            return BooleanNode.TRUE;
        }
    }

    /**
     * pinChatMessage(chat_id, message_id, disable_notification): {@code true}; 400 {@code message to pin not found}.
     * There is no message_thread_id parameter (BOT_API_FACTS §5); one given is ignored, as Telegram ignores unknown
     * parameters.
     */
    private BooleanNode pinChatMessage(BotState bot, BotParams params) {
        long chatId = BotMessages.chatId(params);
        Long messageId = params.integer("message_id");
        synchronized (bot) {
            if (bot.isBlocked(chatId)) {
                throw BotApiError.botBlocked();
            }
            ObjectNode stored = messageId == null ? null : bot.message(chatId, messageId);
            if (stored == null || stored.path("deleted").asBoolean(false)) {
                throw BotApiError.badRequest("message to pin not found");
            }
            stored.put("pinned", true);
            return BooleanNode.TRUE;
        }
    }

    private BotAnswer sendChatAction(BotState bot, BotParams params) {
        long chatId = BotMessages.chatId(params);
        String action = params.string("action");
        if (action == null || action.isBlank()) {
            throw BotApiError.badRequest("wrong parameter action in request");
        }
        synchronized (bot) {
            messages.admit(bot, chatId, params.integer("message_thread_id"), false);
        }
        return BotAnswer.of(BooleanNode.TRUE);
    }

    /**
     * answerCallbackQuery(callback_query_id, text ≤ 200, show_alert, url, cache_time): {@code true}; 400 {@code query
     * is too old and response timeout expired or query ID is invalid} for an unknown or already answered id,
     * 400 {@code MESSAGE_TOO_LONG} for a longer text.
     */
    private BooleanNode answerCallbackQuery(BotState bot, BotParams params) {
        String id = params.string("callback_query_id");
        String text = params.string("text");
        if (text != null && text.length() > CallbackQuery.MAX_ANSWER_TEXT_LENGTH) {
            throw BotApiError.badRequest("MESSAGE_TOO_LONG");
        }
        synchronized (bot) {
            CallbackQuery query = bot.callback(id);
            if (query == null || query.answer() != null) {
                throw BotApiError.badRequest("query is too old and response timeout expired or query ID is invalid");
            }
            bot.putCallback(query.answered(new CallbackQuery.Answer(id, text, params.flag("show_alert"),
                    params.string("url"), params.integer("cache_time"), Instant.now())));
        }
        return BooleanNode.TRUE;
    }

    private static String text(BotParams params) {
        String text = params.string("text");
        if (text == null || text.isBlank()) {
            throw BotApiError.badRequest("message text is empty");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw BotApiError.badRequest("message is too long");
        }
        return text;
    }

    private static long orDefault(Long value, long fallback) {
        return value == null ? fallback : value;
    }
}
