package io.switchboard.conversation.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conversation.domain.InboundUpdate;
import io.switchboard.conversation.domain.InboundUpdate.CustomerText;
import io.switchboard.conversation.domain.InboundUpdate.Skipped;
import io.switchboard.conversation.domain.InboundUpdate.Unreadable;
import io.switchboard.conversation.domain.TelegramSender;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a raw Telegram {@code Update} (the JSON body of the Bot API, as telegram-ingest put it on
 * {@code telegram.updates}) into an {@link InboundUpdate}. Never throws: anything unexpected becomes
 * {@link Skipped} (when the update_id is readable) or {@link Unreadable}.
 */
@ApplicationScoped
public class TelegramUpdateReader {

    /** Content fields of a Telegram Message that carry no text, to name them in skip reasons. */
    private static final List<String> NON_TEXT_CONTENT = List.of(
            "photo", "video", "animation", "audio", "document", "sticker", "voice", "video_note", "contact",
            "location", "venue", "poll", "dice", "game", "invoice", "story", "paid_media", "successful_payment",
            "new_chat_members", "left_chat_member", "new_chat_title", "new_chat_photo", "pinned_message",
            "migrate_to_chat_id", "migrate_from_chat_id", "forum_topic_created", "forum_topic_edited",
            "forum_topic_closed", "forum_topic_reopened", "general_forum_topic_hidden",
            "general_forum_topic_unhidden", "write_access_allowed", "users_shared", "chat_shared");

    private final ObjectMapper mapper;

    public TelegramUpdateReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Classifies {@code json}; null or blank values are {@link Unreadable}. */
    public InboundUpdate read(String json) {
        if (json == null || json.isBlank()) {
            return new Unreadable("empty record value");
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return new Unreadable("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return new Unreadable("not a JSON object");
        }
        JsonNode id = root.get("update_id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
            return new Unreadable("no integer update_id");
        }
        long updateId = id.longValue();
        Map.Entry<String, JsonNode> payload = payloadOf(root);
        if (payload == null) {
            return new Skipped(updateId, "unknown", "update carries no payload object");
        }
        String kind = payload.getKey();
        if (!CustomerText.KIND.equals(kind)) {
            return new Skipped(updateId, kind, kind + " updates are not handled");
        }
        return readMessage(updateId, payload.getValue());
    }

    private InboundUpdate readMessage(long updateId, JsonNode message) {
        String kind = CustomerText.KIND;
        JsonNode chat = message.path("chat");
        String chatType = chat.path("type").asText("");
        if (!"private".equals(chatType)) {
            return new Skipped(updateId, kind, "message in a " + (chatType.isEmpty() ? "chat of unknown type" : chatType + " chat") + " is not handled");
        }
        JsonNode text = message.get("text");
        if (text == null || text.isNull()) {
            String content = contentOf(message);
            return new Skipped(updateId, kind, "private message without text" + (content == null ? "" : " (" + content + ")"));
        }
        if (!text.isTextual()) {
            return new Skipped(updateId, kind, "message.text is not a string");
        }
        if (text.textValue().indexOf('\u0000') >= 0) {
            return new Skipped(updateId, kind, "message.text contains NUL, which cannot be stored");
        }
        JsonNode chatId = chat.get("id");
        JsonNode messageId = message.get("message_id");
        JsonNode from = message.get("from");
        if (chatId == null || !chatId.canConvertToLong() || !chatId.isIntegralNumber()) {
            return new Skipped(updateId, kind, "message.chat.id missing");
        }
        if (messageId == null || !messageId.isIntegralNumber()) {
            return new Skipped(updateId, kind, "message.message_id missing");
        }
        if (from == null || !from.isObject() || !from.path("id").isIntegralNumber()) {
            return new Skipped(updateId, kind, "message.from missing");
        }
        if (from.path("is_bot").asBoolean(false)) {
            return new Skipped(updateId, kind, "message from a bot");
        }
        TelegramSender sender = new TelegramSender(from.get("id").longValue(), textOrNull(from, "first_name"),
                textOrNull(from, "last_name"), textOrNull(from, "username"), textOrNull(from, "language_code"));
        return new CustomerText(updateId, chatId.longValue(), messageId.longValue(), sender, text.textValue());
    }

    private static Map.Entry<String, JsonNode> payloadOf(JsonNode root) {
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!"update_id".equals(field.getKey()) && field.getValue().isObject()) {
                return field;
            }
        }
        return null;
    }

    private static String contentOf(JsonNode message) {
        for (String field : NON_TEXT_CONTENT) {
            if (message.has(field)) {
                return field;
            }
        }
        return null;
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
