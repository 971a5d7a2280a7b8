package io.switchboard.emulator.service;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.emulator.domain.BotState;
import io.switchboard.emulator.domain.CallbackQuery;
import io.switchboard.emulator.domain.QueuedUpdate;
import io.switchboard.emulator.domain.StoredFile;
import io.switchboard.emulator.domain.UploadedFile;

/**
 * What a customer (or a group member) does in the Telegram app besides typing text, turned into the Updates Telegram
 * would send: photos and documents, edits ({@code edited_message}), reactions ({@code message_reaction}), blocking
 * and unblocking the bot ({@code my_chat_member}), pressing an inline button ({@code callback_query}). Every Update
 * goes through the {@link UpdateFeed} like the customer's text messages.
 */
@ApplicationScoped
public class CustomerActions {

    /** Why an action was refused, for the control API's problem details. */
    public static final class Refused extends RuntimeException {

        private final int status;

        Refused(int status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }

        /** HTTP status for the control API: 404 (no such message) or 409/400 (not possible on it). */
        public int status() {
            return status;
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UpdateFeed feed;
    private final BotFiles files;
    private final BotMessages messages;

    CustomerActions(UpdateFeed feed, BotFiles files, BotMessages messages) {
        this.feed = feed;
        this.files = files;
        this.messages = messages;
    }

    /**
     * The customer sends a photo ({@code photo[]}, smallest size first) or a document ({@code document} with
     * file_name, mime_type, file_id, file_unique_id, file_size), with an optional caption (≤ 1024). The file is kept,
     * so getFile and the download route serve it.
     */
    public QueuedUpdate sendsMedia(BotState bot, long chatId, boolean photo, UploadedFile upload, String caption,
            String firstName) {
        if (caption != null && caption.length() > BotFiles.MAX_CAPTION_LENGTH) {
            throw new Refused(400, "caption is longer than 1024 characters.");
        }
        ObjectNode message = feed.customerMessageHead(bot, chatId, firstName, null, null, null);
        List<StoredFile> stored;
        synchronized (bot) {
            stored = photo ? files.storePhoto(bot, upload) : List.of(files.storeDocument(bot, upload));
        }
        BotFiles.putMedia(message, stored, photo, caption);
        return feed.enqueueMessage(bot, message);
    }

    /**
     * The customer edits their message {@code messageId}: an {@code edited_message} Update with the new text (the
     * caption for media) and {@code edit_date}; the chat's history shows the new text, marked {@code edited}.
     */
    public QueuedUpdate edits(BotState bot, long chatId, long messageId, String text) {
        ObjectNode edited;
        synchronized (bot) {
            ObjectNode stored = liveMessage(bot, chatId, messageId);
            if (stored.path("from").path("is_bot").asBoolean(false) || stored.path("from").path("id").asLong() != chatId) {
                throw new Refused(409, "Only the customer's own messages can be edited by the customer.");
            }
            String field = stored.has("text") ? "text" : "caption";
            stored.put(field, text);
            stored.remove(field.equals("text") ? "entities" : "caption_entities");
            stored.put("edit_date", Instant.now().getEpochSecond());
            stored.put("edited", true);
            edited = BotState.botView(stored);
        }
        return feed.enqueuePayload(bot, "edited_message", edited);
    }

    /**
     * The customer sets (or, with a null/empty emoji, removes) their reaction on message {@code messageId} of either
     * side: a {@code message_reaction} Update with {@code old_reaction} and {@code new_reaction}.
     */
    public QueuedUpdate reacts(BotState bot, long chatId, long messageId, String emoji) {
        ObjectNode reaction = JSON.objectNode();
        synchronized (bot) {
            liveMessage(bot, chatId, messageId);
            String old = bot.reaction(chatId, messageId);
            String now = emoji == null || emoji.isEmpty() ? null : emoji;
            bot.reaction(chatId, messageId, now);
            reaction.set("chat", bot.chat(chatId));
            reaction.put("message_id", messageId);
            reaction.set("user", user(bot, chatId, null));
            reaction.put("date", Instant.now().getEpochSecond());
            emojiList(reaction.putArray("old_reaction"), old);
            emojiList(reaction.putArray("new_reaction"), now);
        }
        return feed.enqueuePayload(bot, "message_reaction", reaction);
    }

    /**
     * The customer blocks ({@code blocked}) or unblocks the bot: sends answer 403 while blocked, and a
     * {@code my_chat_member} Update (status member → kicked, or kicked → member) is queued when the state changes.
     *
     * @return the queued Update, or null when nothing changed
     */
    public QueuedUpdate setsBlocked(BotState bot, long chatId, boolean blocked) {
        ObjectNode member = JSON.objectNode();
        synchronized (bot) {
            if (bot.isBlocked(chatId) == blocked) {
                return null;
            }
            bot.blocked(chatId, blocked);
            if (chatId <= 0) {
                return null;
            }
            ObjectNode chat = bot.chat(chatId);
            if (!chat.has("first_name")) {
                chat = JSON.objectNode().put("id", chatId).put("first_name", "Customer").put("type", "private");
            }
            member.set("chat", chat);
            member.set("from", user(bot, chatId, null));
            member.put("date", Instant.now().getEpochSecond());
            member.set("old_chat_member", JSON.objectNode().<ObjectNode>set("user", messages.botUser(bot))
                    .put("status", blocked ? "member" : "kicked"));
            ObjectNode next = JSON.objectNode().<ObjectNode>set("user", messages.botUser(bot))
                    .put("status", blocked ? "kicked" : "member");
            if (blocked) {
                next.put("until_date", 0);
            }
            member.set("new_chat_member", next);
        }
        return feed.enqueuePayload(bot, "my_chat_member", member);
    }

    /**
     * User {@code fromId} presses the inline button with {@code data} under the bot's message {@code messageId}: a
     * {@code callback_query} Update with a fresh id, the message and {@code chat_instance}.
     *
     * @throws Refused 404 when there is no such message, 400 when it is not the bot's or has no button with that
     *                 callback_data
     */
    public QueuedUpdate pressesButton(BotState bot, long chatId, long messageId, long fromId, String firstName,
            String data) {
        ObjectNode query = JSON.objectNode();
        synchronized (bot) {
            ObjectNode stored = liveMessage(bot, chatId, messageId);
            if (!stored.path("from").path("is_bot").asBoolean(false) || !hasButton(stored, data)) {
                throw new Refused(400, "Message " + messageId + " has no inline button with callback_data '" + data + "'.");
            }
            String id = Long.toUnsignedString(RANDOM.nextLong() >>> 1);
            bot.putCallback(new CallbackQuery(id, chatId, messageId, fromId, data, Instant.now(), null));
            query.put("id", id);
            query.set("from", user(bot, fromId, firstName));
            query.set("message", BotState.botView(stored));
            query.put("chat_instance", Long.toString(bot.botId() * 1_000_003L ^ chatId));
            query.put("data", data);
        }
        return feed.enqueuePayload(bot, "callback_query", query);
    }

    /** The callback query with {@code id}, or null. */
    public CallbackQuery callback(BotState bot, String id) {
        synchronized (bot) {
            return bot.callback(id);
        }
    }

    private static ObjectNode liveMessage(BotState bot, long chatId, long messageId) {
        ObjectNode stored = bot.message(chatId, messageId);
        if (stored == null || stored.path("deleted").asBoolean(false)) {
            throw new Refused(404, "Chat " + chatId + " has no message " + messageId + ".");
        }
        return stored;
    }

    private static boolean hasButton(ObjectNode message, String data) {
        for (JsonNode row : message.path("reply_markup").path("inline_keyboard")) {
            for (JsonNode button : row) {
                if (data != null && data.equals(button.path("callback_data").asText(null))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A User: the private chat's profile when {@code userId} is that chat, else a plain user. */
    private static ObjectNode user(BotState bot, long userId, String firstName) {
        ObjectNode known = bot.chat(userId);
        ObjectNode user = JSON.objectNode().put("id", userId).put("is_bot", false);
        String first = firstName != null && !firstName.isEmpty() ? firstName
                : known.path("first_name").asText("Customer");
        user.put("first_name", first);
        if (known.hasNonNull("last_name") && firstName == null) {
            user.put("last_name", known.get("last_name").asText());
        }
        if (known.hasNonNull("username") && firstName == null) {
            user.put("username", known.get("username").asText());
        }
        return user;
    }

    private static void emojiList(ArrayNode list, String emoji) {
        if (emoji != null) {
            list.addObject().put("type", "emoji").put("emoji", emoji);
        }
    }
}
