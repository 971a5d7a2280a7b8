package io.switchboard.emulator.service;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.emulator.domain.BotApiError;
import io.switchboard.emulator.domain.BotParams;
import io.switchboard.emulator.domain.BotState;
import io.switchboard.emulator.domain.ForumTopic;
import io.switchboard.emulator.domain.QueuedUpdate;

/**
 * Forum supergroups and their topics: the Bot API methods createForumTopic, editForumTopic, closeForumTopic,
 * reopenForumTopic and deleteForumTopic, and the control API's groups and topic messages.
 * <p>
 * As in Telegram, the topic id is the message_id of its {@code forum_topic_created} service message, and creating,
 * renaming, closing and reopening post service messages into the topic that reach the bot as Updates
 * (responses/04). A negative chat id the emulator has never seen becomes a forum supergroup on its first
 * createForumTopic, so tests need not register groups; a group registered with {@code isForum=false} answers
 * 400 {@code the chat is not a forum}.
 */
@ApplicationScoped
public class ForumTopics {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final BotMessages messages;
    private final UpdateFeed feed;

    ForumTopics(BotMessages messages, UpdateFeed feed) {
        this.messages = messages;
        this.feed = feed;
    }

    /**
     * createForumTopic(chat_id, name 1-128, icon_color?). Counts against flood control like a message to the group.
     *
     * @return the ForumTopic {@code {message_thread_id, name, icon_color}}
     */
    public ObjectNode create(BotState bot, BotParams params) {
        long chatId = BotMessages.chatId(params);
        String name = params.string("name");
        if (name == null || name.isEmpty() || name.length() > ForumTopic.MAX_NAME_LENGTH) {
            throw BotApiError.badRequest("TOPIC_NAME_INVALID");
        }
        Long color = params.integer("icon_color");
        if (params.string("icon_color") != null
                && (color == null || Arrays.stream(ForumTopic.ICON_COLORS).noneMatch(c -> c == color))) {
            throw BotApiError.badRequest("TOPIC_ICON_COLOR_INVALID");
        }
        ObjectNode creation;
        ForumTopic topic;
        synchronized (bot) {
            requireForum(bot, chatId, true);
            messages.admit(bot, chatId, null, true);
            creation = messages.newMessage(bot, chatId, null, null);
            long threadId = creation.get("message_id").asLong();
            creation.put("message_thread_id", threadId);
            creation.putObject("forum_topic_created").put("name", name)
                    .put("icon_color", color == null ? ForumTopic.ICON_COLORS[0] : color.intValue());
            creation.put("is_topic_message", true);
            topic = new ForumTopic(chatId, threadId, name, color == null ? ForumTopic.ICON_COLORS[0] : color.intValue(),
                    false, false, creation.deepCopy());
            bot.putTopic(topic);
        }
        queueMessage(bot, creation);
        return topic.toBotApi();
    }

    /** editForumTopic(chat_id, message_thread_id, name?): renames; 400 TOPIC_NOT_MODIFIED when nothing changes. */
    public BooleanNode edit(BotState bot, BotParams params) {
        long chatId = BotMessages.chatId(params);
        String name = params.string("name");
        if (name != null && name.length() > ForumTopic.MAX_NAME_LENGTH) {
            throw BotApiError.badRequest("TOPIC_NAME_INVALID");
        }
        ObjectNode service;
        synchronized (bot) {
            ForumTopic topic = existingTopic(bot, chatId, params);
            if (name == null || name.isEmpty() || name.equals(topic.name())) {
                throw BotApiError.badRequest("TOPIC_NOT_MODIFIED");
            }
            bot.putTopic(topic.withName(name));
            service = serviceMessage(bot, topic, "forum_topic_edited");
            ((ObjectNode) service.get("forum_topic_edited")).put("name", name);
        }
        queueMessage(bot, service);
        return BooleanNode.TRUE;
    }

    /** closeForumTopic / reopenForumTopic; 400 TOPIC_NOT_MODIFIED when already in that state. */
    public BooleanNode setClosed(BotState bot, BotParams params, boolean closed) {
        long chatId = BotMessages.chatId(params);
        ObjectNode service;
        synchronized (bot) {
            ForumTopic topic = existingTopic(bot, chatId, params);
            if (topic.closed() == closed) {
                throw BotApiError.badRequest("TOPIC_NOT_MODIFIED");
            }
            bot.putTopic(topic.withClosed(closed));
            service = serviceMessage(bot, topic, closed ? "forum_topic_closed" : "forum_topic_reopened");
        }
        queueMessage(bot, service);
        return BooleanNode.TRUE;
    }

    /** deleteForumTopic: the topic and all its messages are gone; later sends answer 400 message thread not found. */
    public BooleanNode delete(BotState bot, BotParams params) {
        long chatId = BotMessages.chatId(params);
        synchronized (bot) {
            markDeleted(bot, existingTopic(bot, chatId, params));
        }
        return BooleanNode.TRUE;
    }

    // ---- control API ---------------------------------------------------------------------------------------------

    /** Registers a supergroup (a forum when {@code isForum}) where the bot is an admin that can manage topics. */
    public ObjectNode createGroup(BotState bot, long chatId, String title, boolean isForum) {
        synchronized (bot) {
            return bot.registerGroup(chatId, title, isForum);
        }
    }

    /** The group's topics, deleted ones included, by thread id. */
    public List<ForumTopic> topics(BotState bot, long chatId) {
        synchronized (bot) {
            return bot.topics(chatId);
        }
    }

    /** The topic, or null. */
    public ForumTopic topic(BotState bot, long chatId, long threadId) {
        synchronized (bot) {
            return bot.topic(chatId, threadId);
        }
    }

    /** Messages of a topic in order (its creation message first), with the emulator's annotations. */
    public List<ObjectNode> topicMessages(BotState bot, long chatId, long threadId) {
        synchronized (bot) {
            return bot.history(chatId).stream()
                    .filter(m -> m.path("message_thread_id").asLong(Long.MIN_VALUE) == threadId)
                    .map(BotState::controlView)
                    .toList();
        }
    }

    /**
     * An admin deletes the topic in the Telegram app: no Update, later sends answer 400 message thread not found.
     *
     * @return false when there is no such live topic
     */
    public boolean adminDeletes(BotState bot, long chatId, long threadId) {
        synchronized (bot) {
            ForumTopic topic = bot.topic(chatId, threadId);
            if (topic == null || topic.deleted()) {
                return false;
            }
            markDeleted(bot, topic);
            return true;
        }
    }

    /**
     * A group member (an operator) writes {@code text} in the topic: a message Update with {@code is_topic_message},
     * {@code message_thread_id}, the forum chat and {@code reply_to_message} = the topic's creation message.
     *
     * @return the queued Update, or null when the topic does not exist or was deleted
     */
    public QueuedUpdate memberWrites(BotState bot, long chatId, long threadId, long fromId, String firstName,
            String username, String text) {
        ObjectNode message = JSON.objectNode();
        synchronized (bot) {
            ForumTopic topic = bot.topic(chatId, threadId);
            if (topic == null || topic.deleted()) {
                return null;
            }
            message.put("message_id", bot.nextMessageId(chatId));
            ObjectNode from = message.putObject("from").put("id", fromId).put("is_bot", false)
                    .put("first_name", firstName == null || firstName.isEmpty() ? "Operator" : firstName);
            if (username != null && !username.isEmpty()) {
                from.put("username", username);
            }
            message.set("chat", bot.chat(chatId));
            message.put("date", Instant.now().getEpochSecond());
            message.put("message_thread_id", threadId);
            message.set("reply_to_message", BotState.botView(topic.creationMessage()));
            message.put("text", text);
            if (text.startsWith("/")) {
                int end = text.indexOf(' ');
                message.putArray("entities").addObject().put("offset", 0)
                        .put("length", end < 0 ? text.length() : end).put("type", "bot_command");
            }
            message.put("is_topic_message", true);
        }
        return queueMessage(bot, message);
    }

    private void requireForum(BotState bot, long chatId, boolean adoptUnknown) {
        if (chatId > 0 || (bot.isKnownGroup(chatId) && !bot.isForum(chatId))) {
            throw BotApiError.badRequest("the chat is not a forum");
        }
        if (!bot.isKnownGroup(chatId) && adoptUnknown) {
            bot.registerGroup(chatId, "Emulated forum " + chatId, true);
        }
    }

    private ForumTopic existingTopic(BotState bot, long chatId, BotParams params) {
        if (chatId > 0 || !bot.isForum(chatId)) {
            throw BotApiError.badRequest("the chat is not a forum");
        }
        Long threadId = params.integer("message_thread_id");
        ForumTopic topic = threadId == null ? null : bot.topic(chatId, threadId);
        if (topic == null) {
            throw BotApiError.badRequest("TOPIC_ID_INVALID");
        }
        if (topic.deleted()) {
            throw BotApiError.badRequest("TOPIC_DELETED");
        }
        return topic;
    }

    private ObjectNode serviceMessage(BotState bot, ForumTopic topic, String field) {
        ObjectNode message = messages.newMessage(bot, topic.chatId(), topic, null);
        message.putObject(field);
        message.put("is_topic_message", true);
        return message;
    }

    private static void markDeleted(BotState bot, ForumTopic topic) {
        bot.putTopic(topic.asDeleted());
        bot.history(topic.chatId()).stream()
                .filter(m -> m.path("message_thread_id").asLong(Long.MIN_VALUE) == topic.messageThreadId())
                .forEach(m -> m.put("deleted", true));
    }

    /** Queues a group message as an Update (which also appends it to the chat's history). */
    private QueuedUpdate queueMessage(BotState bot, ObjectNode message) {
        ObjectNode update = JSON.objectNode();
        update.set("message", message.deepCopy());
        return feed.enqueue(bot, List.of(update)).get(0);
    }
}
