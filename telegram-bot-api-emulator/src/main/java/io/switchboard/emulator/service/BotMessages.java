package io.switchboard.emulator.service;

import java.time.Instant;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.emulator.config.EmulatorConfig;
import io.switchboard.emulator.domain.BotApiError;
import io.switchboard.emulator.domain.BotParams;
import io.switchboard.emulator.domain.BotState;
import io.switchboard.emulator.domain.ForumTopic;

/**
 * What every message the bot sends has in common (sendMessage, sendPhoto, sendDocument, forum service messages):
 * the checks Telegram makes before sending (blocked chat, forum topic, flood control) and the Message object's
 * common fields, in Telegram's field order. Callers hold the bot's monitor.
 */
@ApplicationScoped
public class BotMessages {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final EmulatorConfig config;

    BotMessages(EmulatorConfig config) {
        this.config = config;
    }

    /** The bot's User object in its short form ({@code from} of its messages). */
    public ObjectNode botUser(BotState bot) {
        return JSON.objectNode()
                .put("id", bot.botId())
                .put("is_bot", true)
                .put("first_name", config.botFirstName())
                .put("username", config.botUsername());
    }

    /**
     * The checks before a send to {@code chatId}, in Telegram's order: 403 when the customer blocked the bot; in a
     * forum supergroup with {@code message_thread_id}, 400 {@code message thread not found} for a deleted or unknown
     * topic and 400 {@code TOPIC_CLOSED} for a closed one; 429 from flood control when {@code rateLimited}.
     *
     * @return the topic the message goes to, or null (no thread id, not a forum, or a private chat)
     */
    public ForumTopic admit(BotState bot, long chatId, Long threadId, boolean rateLimited) {
        if (bot.isBlocked(chatId)) {
            throw BotApiError.botBlocked();
        }
        ForumTopic topic = null;
        if (threadId != null && chatId < 0 && bot.isForum(chatId)) {
            topic = bot.topic(chatId, threadId);
            if (topic == null || topic.deleted()) {
                throw BotApiError.badRequest("message thread not found");
            }
            if (topic.closed()) {
                throw BotApiError.badRequest("TOPIC_CLOSED");
            }
        }
        if (rateLimited && config.rateLimits().enabled()) {
            OptionalLong retryAfter = bot.rateLimiter().tryAcquire(chatId);
            if (retryAfter.isPresent()) {
                throw BotApiError.tooManyRequests(retryAfter.getAsLong());
            }
        }
        return topic;
    }

    /**
     * A new message of the bot: {@code message_id} (next in the chat), {@code from}, {@code chat}, {@code date}, and
     * for a topic {@code message_thread_id} and {@code reply_to_message} (the topic's creation message); a thread id
     * in a group that is not a known forum is echoed as given.
     */
    public ObjectNode newMessage(BotState bot, long chatId, ForumTopic topic, Long threadId) {
        ObjectNode message = JSON.objectNode();
        message.put("message_id", bot.nextMessageId(chatId));
        message.set("from", botUser(bot));
        message.set("chat", bot.chat(chatId));
        message.put("date", Instant.now().getEpochSecond());
        if (topic != null) {
            message.put("message_thread_id", topic.messageThreadId());
            message.set("reply_to_message", BotState.botView(topic.creationMessage()));
        } else if (threadId != null && chatId < 0) {
            message.put("message_thread_id", threadId);
        }
        return message;
    }

    /**
     * Finishes and stores a sent message: inline {@code reply_markup} when given, {@code is_topic_message} in a topic,
     * the {@code disable_notification} annotation; appends it to the chat's history.
     *
     * @return the Message as the Bot API answers it
     */
    public ObjectNode store(BotState bot, long chatId, ObjectNode message, ForumTopic topic, BotParams params) {
        JsonNode markup = params.json("reply_markup");
        if (markup != null && markup.has("inline_keyboard")) {
            message.set("reply_markup", markup);
        }
        if (topic != null) {
            message.put("is_topic_message", true);
        }
        ObjectNode stored = message.deepCopy();
        stored.put("disable_notification", params.flag("disable_notification"));
        bot.appendHistory(chatId, stored);
        return message;
    }

    /** The {@code chat_id} parameter; 400 {@code chat not found} when missing, zero or not numeric. */
    public static long chatId(BotParams params) {
        Long chatId = params.integer("chat_id");
        if (chatId == null || chatId == 0) {
            throw BotApiError.badRequest("chat not found");
        }
        return chatId;
    }
}
