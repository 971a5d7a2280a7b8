package io.switchboard.conversation.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.conversation.domain.InboundUpdate;
import io.switchboard.conversation.domain.InboundUpdate.CallbackQuery;
import io.switchboard.conversation.domain.InboundUpdate.GroupEdit;
import io.switchboard.conversation.domain.InboundUpdate.GroupMessage;
import io.switchboard.conversation.domain.TelegramSender;

import java.util.List;

/**
 * Reads the topics console's updates out of raw Bot API JSON, for {@link TelegramUpdateReader}: text messages of
 * people in supergroups and button presses on the bot's messages. Returns null for anything else (the caller then
 * records it as skipped with its own reason).
 *
 * <p>Topics are recognised by {@code is_topic_message} (per Bot API Message), never by the mere presence of
 * {@code message_thread_id}: in non-forum supergroups replies carry a reply thread's id too, and messages in a
 * forum's General topic carry none.
 */
final class SupportGroupUpdateReader {

    private SupportGroupUpdateReader() {
    }

    /**
     * What a person may send instead of text (per Bot API Message); service messages (topic created, members joined,
     * pins, …) are none of these and stay unread.
     */
    private static final List<String> CONTENT = List.of("photo", "video", "animation", "document", "audio", "voice",
            "video_note", "sticker", "contact", "location", "venue", "poll", "dice");

    /**
     * A supergroup message from a person as a {@link GroupMessage}: text, or one of {@link #CONTENT} (text null,
     * {@code content} naming it: only text is forwarded from a topic, the author is told so); null for anything else.
     */
    static InboundUpdate message(long updateId, JsonNode message) {
        if (!"supergroup".equals(message.path("chat").path("type").asText(""))) {
            return null;
        }
        JsonNode text = message.get("text");
        String content = null;
        if (text == null) {
            content = CONTENT.stream().filter(message::has).findFirst().orElse(null);
            if (content == null) {
                return null;
            }
        }
        JsonNode chatId = message.path("chat").get("id");
        JsonNode messageId = message.get("message_id");
        JsonNode from = message.get("from");
        if (content == null && (!text.isTextual() || text.textValue().indexOf('\u0000') >= 0)
                || chatId == null || !chatId.isIntegralNumber() || !chatId.canConvertToLong()
                || messageId == null || !messageId.isIntegralNumber()
                || from == null || !from.path("id").isIntegralNumber() || from.path("is_bot").asBoolean(false)) {
            return null;
        }
        Integer thread = null;
        if (message.path("is_topic_message").asBoolean(false) && message.path("message_thread_id").isIntegralNumber()) {
            thread = message.get("message_thread_id").intValue();
        }
        return new GroupMessage(updateId, chatId.longValue(), thread, messageId.longValue(), sender(from),
                content == null ? text.textValue() : null, content);
    }

    /**
     * A person's edit of a text message in a forum topic of a supergroup as a {@link GroupEdit}; null for anything
     * else (General topic, non-forum groups, media captions, bots).
     */
    static InboundUpdate edit(long updateId, JsonNode message) {
        InboundUpdate read = message(updateId, message);
        if (read instanceof GroupMessage text && text.text() != null && text.messageThreadId() != null) {
            return new GroupEdit(updateId, text.chatId(), text.messageThreadId(), text.messageId(), text.sender(),
                    text.text());
        }
        return null;
    }

    /** A button press on a message of a chat (not an inline message) as a {@link CallbackQuery}, or null. */
    static InboundUpdate callback(long updateId, JsonNode callback) {
        JsonNode id = callback.get("id");
        JsonNode data = callback.get("data");
        JsonNode from = callback.get("from");
        JsonNode message = callback.get("message");
        if (id == null || !id.isTextual() || data == null || !data.isTextual() || message == null || !message.isObject()
                || from == null || !from.path("id").isIntegralNumber()
                || !message.path("chat").path("id").isIntegralNumber()) {
            return null;
        }
        Integer thread = message.path("is_topic_message").asBoolean(false)
                && message.path("message_thread_id").isIntegralNumber() ? message.get("message_thread_id").intValue() : null;
        return new CallbackQuery(updateId, id.textValue(), sender(from), message.path("chat").path("id").longValue(),
                message.path("message_id").asLong(0), data.textValue(), thread);
    }

    private static TelegramSender sender(JsonNode from) {
        return new TelegramSender(from.get("id").longValue(), text(from, "first_name"), text(from, "last_name"),
                text(from, "username"), text(from, "language_code"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
