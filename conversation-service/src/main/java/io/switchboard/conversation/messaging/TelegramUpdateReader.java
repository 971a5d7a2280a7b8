package io.switchboard.conversation.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conversation.domain.InboundMedia;
import io.switchboard.conversation.domain.InboundUpdate;
import io.switchboard.conversation.domain.InboundUpdate.BotMembership;
import io.switchboard.conversation.domain.InboundUpdate.CustomerEdit;
import io.switchboard.conversation.domain.InboundUpdate.CustomerReaction;
import io.switchboard.conversation.domain.InboundUpdate.CustomerText;
import io.switchboard.conversation.domain.InboundUpdate.DeepLinkStart;
import io.switchboard.conversation.domain.InboundUpdate.Skipped;
import io.switchboard.conversation.domain.InboundUpdate.Unreadable;
import io.switchboard.conversation.domain.TelegramSender;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a raw Telegram {@code Update} (the JSON body of the Bot API, as telegram-ingest put it on
 * {@code telegram.updates}) into an {@link InboundUpdate}. Never throws: anything unexpected becomes
 * {@link Skipped} with a specific reason (when the update_id is readable) or {@link Unreadable}.
 *
 * <p>Private chats are the customers' side and are read here ({@link #readPrivateMessage} and friends). Updates from
 * groups and supergroups (the operators' support group with its forum topics) and callback queries go through
 * {@link #readGroupMessage}, {@link #readGroupEdit}, {@link #readGroupMembership}, {@link #readGroupReaction} and
 * {@link #readCallbackQuery}, which today return {@link Skipped}: the topics console plugs in there.
 */
@ApplicationScoped
public class TelegramUpdateReader {

    /** Message content the intake does not store, to name it in skip reasons. */
    private static final List<String> UNSUPPORTED_CONTENT = List.of(
            "poll", "dice", "game", "invoice", "story", "paid_media", "successful_payment", "refunded_payment",
            "giveaway", "giveaway_winners", "new_chat_members", "left_chat_member", "new_chat_title",
            "new_chat_photo", "delete_chat_photo", "pinned_message", "migrate_to_chat_id", "migrate_from_chat_id",
            "forum_topic_created", "forum_topic_edited", "forum_topic_closed", "forum_topic_reopened",
            "general_forum_topic_hidden", "general_forum_topic_unhidden", "write_access_allowed", "users_shared",
            "chat_shared", "message_auto_delete_timer_changed", "video_chat_started", "video_chat_ended",
            "web_app_data", "boost_added", "chat_background_set", "proximity_alert_triggered", "connected_website");

    /** A widget deep link: {@code /start w<40 chars>} (payload ≤ 64 chars of A-Za-z0-9_-, per Bot API deep linking). */
    private static final Pattern DEEP_LINK = Pattern.compile("^/start(?:@\\w+)? (w[A-Za-z0-9]{40})$");

    /** Longest reply preview taken from the replied message when the customer did not quote. */
    static final int REPLY_PREVIEW_CHARS = 200;

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
        JsonNode body = payload.getValue();
        String chatType = body.path("chat").path("type").asText("");
        boolean privateChat = "private".equals(chatType);
        return switch (kind) {
            case "message" -> privateChat ? readPrivateMessage(updateId, body) : readGroupMessage(updateId, body);
            case "edited_message" -> privateChat ? readPrivateEdit(updateId, body) : readGroupEdit(updateId, body);
            case "my_chat_member" -> privateChat ? readPrivateMembership(updateId, body)
                    : readGroupMembership(updateId, body);
            case "message_reaction" -> privateChat ? readPrivateReaction(updateId, body)
                    : readGroupReaction(updateId, body);
            case "callback_query" -> readCallbackQuery(updateId, body);
            case "message_reaction_count" -> new Skipped(updateId, kind,
                    "anonymous reaction counts (channels, anonymous admins) are not tracked");
            case "inline_query", "chosen_inline_result" -> new Skipped(updateId, kind,
                    "inline queries are not used: the bot offers no inline mode");
            case "channel_post", "edited_channel_post" -> new Skipped(updateId, kind,
                    "channel posts are not support conversations");
            case "chat_member" -> new Skipped(updateId, kind,
                    "other members' status changes (chat_member) are not tracked");
            case "chat_join_request" -> new Skipped(updateId, kind, "join requests are not handled: the bot admits nobody");
            case "shipping_query", "pre_checkout_query", "purchased_paid_media" -> new Skipped(updateId, kind,
                    "payments are not used");
            case "poll", "poll_answer" -> new Skipped(updateId, kind, "the bot sends no polls");
            case "business_connection", "business_message", "edited_business_message", "deleted_business_messages" ->
                    new Skipped(updateId, kind, "Telegram Business chats are not connected");
            case "chat_boost", "removed_chat_boost" -> new Skipped(updateId, kind, "chat boosts are not tracked");
            default -> new Skipped(updateId, kind, kind + " updates are not handled");
        };
    }

    // --- private chats: the customers ----------------------------------------------------------------------------

    private InboundUpdate readPrivateMessage(long updateId, JsonNode message) {
        String kind = CustomerText.KIND;
        JsonNode chatId = message.path("chat").get("id");
        JsonNode messageId = message.get("message_id");
        JsonNode from = message.get("from");
        if (chatId == null || !chatId.isIntegralNumber() || !chatId.canConvertToLong()) {
            return new Skipped(updateId, kind, "message.chat.id missing");
        }
        if (messageId == null || !messageId.isIntegralNumber()) {
            return new Skipped(updateId, kind, "message.message_id missing");
        }
        if (messageId.longValue() == 0) {
            return new Skipped(updateId, kind, "message_id 0: a scheduled message that was not sent yet");
        }
        if (from == null || !from.isObject() || !from.path("id").isIntegralNumber()) {
            return new Skipped(updateId, kind, "message.from missing");
        }
        if (from.path("is_bot").asBoolean(false)) {
            return new Skipped(updateId, kind, "message from a bot");
        }
        JsonNode textNode = message.get("text");
        String text;
        InboundMedia media = null;
        if (textNode != null && !textNode.isNull()) {
            if (!textNode.isTextual()) {
                return new Skipped(updateId, kind, "message.text is not a string");
            }
            text = textNode.textValue();
        } else {
            media = media(message);
            if (media == null) {
                String content = firstPresent(message, UNSUPPORTED_CONTENT);
                return new Skipped(updateId, kind, content == null
                        ? "private message without text or supported content"
                        : "private message with unsupported content (" + content + ")");
            }
            text = textOrEmpty(message, "caption");
        }
        if (text.indexOf('\u0000') >= 0) {
            return new Skipped(updateId, kind, "message text contains NUL, which cannot be stored");
        }
        TelegramSender sender = new TelegramSender(from.get("id").longValue(), textOrNull(from, "first_name"),
                textOrNull(from, "last_name"), textOrNull(from, "username"), textOrNull(from, "language_code"));
        if (media == null) {
            Matcher link = DEEP_LINK.matcher(text);
            if (link.matches()) {
                return new DeepLinkStart(updateId, chatId.longValue(), messageId.longValue(), sender, link.group(1), text);
            }
        }
        Long replyTo = null;
        String replyText = null;
        JsonNode reply = message.get("reply_to_message");
        if (reply != null && reply.isObject() && reply.path("message_id").isIntegralNumber()) {
            replyTo = reply.get("message_id").longValue();
            String quote = message.path("quote").path("text").isTextual() ? message.path("quote").path("text").textValue() : null;
            if (quote != null && !quote.isEmpty()) {
                replyText = quote;
            } else {
                String replied = reply.path("text").isTextual() ? reply.path("text").textValue()
                        : textOrEmpty(reply, "caption");
                replyText = preview(replied);
            }
        }
        return new CustomerText(updateId, chatId.longValue(), messageId.longValue(), sender, text, media, replyTo,
                replyText);
    }

    private InboundUpdate readPrivateEdit(long updateId, JsonNode message) {
        String kind = CustomerEdit.KIND;
        JsonNode chatId = message.path("chat").get("id");
        JsonNode messageId = message.get("message_id");
        if (chatId == null || !chatId.isIntegralNumber() || messageId == null || !messageId.isIntegralNumber()) {
            return new Skipped(updateId, kind, "edited_message without chat.id or message_id");
        }
        if (message.path("from").path("is_bot").asBoolean(false)) {
            return new Skipped(updateId, kind, "edit by a bot");
        }
        String text = message.path("text").isTextual() ? message.path("text").textValue()
                : textOrEmpty(message, "caption");
        if (text.indexOf('\u0000') >= 0) {
            return new Skipped(updateId, kind, "edited text contains NUL, which cannot be stored");
        }
        InboundMedia location = message.path("location").isObject() ? location(message.get("location")) : null;
        Instant editedAt = message.path("edit_date").isIntegralNumber()
                ? Instant.ofEpochSecond(message.get("edit_date").longValue()) : null;
        return new CustomerEdit(updateId, chatId.longValue(), messageId.longValue(), text, location, editedAt);
    }

    private InboundUpdate readPrivateMembership(long updateId, JsonNode member) {
        String kind = BotMembership.KIND;
        JsonNode chatId = member.path("chat").get("id");
        JsonNode userId = member.path("from").get("id");
        if (chatId == null || !chatId.isIntegralNumber() || userId == null || !userId.isIntegralNumber()) {
            return new Skipped(updateId, kind, "my_chat_member without chat.id or from.id");
        }
        String status = member.path("new_chat_member").path("status").asText("");
        Instant at = member.path("date").isIntegralNumber() ? Instant.ofEpochSecond(member.get("date").longValue()) : null;
        return switch (status) {
            case "kicked" -> new BotMembership(updateId, chatId.longValue(), userId.longValue(), true, at);
            case "member" -> new BotMembership(updateId, chatId.longValue(), userId.longValue(), false, at);
            default -> new Skipped(updateId, kind, "bot status '" + status + "' in a private chat means nothing here");
        };
    }

    private InboundUpdate readPrivateReaction(long updateId, JsonNode reaction) {
        String kind = CustomerReaction.KIND;
        JsonNode chatId = reaction.path("chat").get("id");
        JsonNode messageId = reaction.get("message_id");
        if (chatId == null || !chatId.isIntegralNumber() || messageId == null || !messageId.isIntegralNumber()) {
            return new Skipped(updateId, kind, "message_reaction without chat.id or message_id");
        }
        JsonNode user = reaction.get("user");
        Long userId = user != null && user.path("id").isIntegralNumber() ? user.get("id").longValue() : null;
        if (user != null && user.path("is_bot").asBoolean(false)) {
            return new Skipped(updateId, kind, "reaction by a bot");
        }
        List<String> reactions = new ArrayList<>();
        for (JsonNode type : reaction.path("new_reaction")) {
            String emoji = switch (type.path("type").asText("")) {
                case "emoji" -> type.path("emoji").asText(null);
                case "custom_emoji" -> type.path("custom_emoji_id").asText(null);
                case "paid" -> "paid";
                default -> null;
            };
            if (emoji != null && !emoji.isEmpty() && !reactions.contains(emoji)) {
                reactions.add(emoji);
            }
        }
        Instant at = reaction.path("date").isIntegralNumber() ? Instant.ofEpochSecond(reaction.get("date").longValue()) : null;
        return new CustomerReaction(updateId, chatId.longValue(), messageId.longValue(), userId, reactions, at);
    }

    // --- groups, supergroups, callbacks: the topics console's side ----------------------------------------------

    /**
     * A {@code message} from a group, supergroup or channel-like chat. Support conversations happen in private
     * chats; the support group's forum topics are read by the topics console (hook: return its own variant here).
     */
    InboundUpdate readGroupMessage(long updateId, JsonNode message) {
        InboundUpdate forTopics = SupportGroupUpdateReader.message(updateId, message);
        if (forTopics != null) {
            return forTopics;
        }
        String chatType = message.path("chat").path("type").asText("");
        InboundMedia media = media(message);
        String content = message.has("text") ? "text"
                : media != null ? media.kind().toLowerCase(java.util.Locale.ROOT)
                : firstPresent(message, UNSUPPORTED_CONTENT);
        if (content == null) {
            content = "other content";
        }
        return new Skipped(updateId, CustomerText.KIND, "message in a " + chatTypeName(chatType)
                + " is not a support conversation (" + content + ")");
    }

    /**
     * An {@code edited_message} from a group or supergroup: a text edited in a forum topic is the topics console's
     * ({@link InboundUpdate.GroupEdit}); anything else is skipped.
     */
    InboundUpdate readGroupEdit(long updateId, JsonNode message) {
        InboundUpdate forTopics = SupportGroupUpdateReader.edit(updateId, message);
        if (forTopics != null) {
            return forTopics;
        }
        return new Skipped(updateId, CustomerEdit.KIND, "edit in a " + chatTypeName(message.path("chat").path("type").asText(""))
                + " is not a support conversation");
    }

    /** The bot's own membership in a group changed (topics console hook: the support group). */
    InboundUpdate readGroupMembership(long updateId, JsonNode member) {
        return new Skipped(updateId, BotMembership.KIND, "the bot's status in a "
                + chatTypeName(member.path("chat").path("type").asText("")) + " became '"
                + member.path("new_chat_member").path("status").asText("?") + "': group membership is not tracked");
    }

    /** A reaction in a group or supergroup (operators' side; customers react in their private chat). */
    InboundUpdate readGroupReaction(long updateId, JsonNode reaction) {
        return new Skipped(updateId, CustomerReaction.KIND, "reactions in a "
                + chatTypeName(reaction.path("chat").path("type").asText(""))
                + " are not tracked: only a customer's reactions in their private chat are");
    }

    /** A button press (topics console hook: Claim/Close buttons in the support group). */
    InboundUpdate readCallbackQuery(long updateId, JsonNode callback) {
        InboundUpdate forTopics = SupportGroupUpdateReader.callback(updateId, callback);
        if (forTopics != null) {
            return forTopics;
        }
        if (!callback.has("message")) {
            return new Skipped(updateId, "callback_query",
                    "callback from an inline message: the bot sends no inline messages");
        }
        return new Skipped(updateId, "callback_query",
                "callback for a button the bot does not handle (data " + callback.path("data").asText("none") + ")");
    }

    // --- content --------------------------------------------------------------------------------------------------

    /** The message's media, location or contact (the first found, in Bot API order), or null. */
    static InboundMedia media(JsonNode message) {
        JsonNode photo = message.get("photo");
        if (photo != null && photo.isArray() && !photo.isEmpty()) {
            JsonNode largest = null;
            long largestArea = -1;
            for (JsonNode size : photo) {
                long area = size.path("width").asLong(0) * size.path("height").asLong(0);
                if (area > largestArea || (area == largestArea && size.path("file_size").asLong(0)
                        > largest.path("file_size").asLong(0))) {
                    largest = size;
                    largestArea = area;
                }
            }
            return file("PHOTO", largest, "image/jpeg");
        }
        // animation before document: Telegram sends an animation with a document field too
        for (String[] field : new String[][] {{"animation", "ANIMATION"}, {"document", "DOCUMENT"}, {"voice", "VOICE"},
                {"audio", "AUDIO"}, {"video", "VIDEO"}, {"video_note", "VIDEO_NOTE"}, {"sticker", "STICKER"}}) {
            JsonNode node = message.get(field[0]);
            if (node != null && node.isObject()) {
                String fallbackMime = switch (field[1]) {
                    case "STICKER" -> node.path("is_animated").asBoolean(false) ? "application/x-tgsticker"
                            : node.path("is_video").asBoolean(false) ? "video/webm" : "image/webp";
                    case "VIDEO_NOTE" -> "video/mp4";
                    case "VOICE" -> "audio/ogg";
                    default -> null;
                };
                return file(field[1], node, fallbackMime);
            }
        }
        JsonNode location = message.get("location");
        if (location != null && location.isObject()) {
            return location(location);
        }
        JsonNode contact = message.get("contact");
        if (contact != null && contact.isObject()) {
            String name = ((textOrEmpty(contact, "first_name")) + " " + textOrEmpty(contact, "last_name")).trim();
            return new InboundMedia("CONTACT", null, null, null, null, null, null, null, null, null, null, null,
                    textOrNull(contact, "phone_number"), name.isEmpty() ? null : name);
        }
        return null;
    }

    private static InboundMedia file(String kind, JsonNode node, String fallbackMime) {
        String mime = textOrNull(node, "mime_type");
        return new InboundMedia(kind, textOrNull(node, "file_id"), textOrNull(node, "file_unique_id"),
                textOrNull(node, "file_name"), mime != null ? mime : fallbackMime,
                node.path("file_size").isIntegralNumber() ? node.get("file_size").longValue() : null,
                intOrNull(node, node.has("length") ? "length" : "width"), // a video note is a square of side length
                intOrNull(node, node.has("length") ? "length" : "height"), intOrNull(node, "duration"),
                textOrNull(node, "emoji"), null, null, null, null);
    }

    private static InboundMedia location(JsonNode location) {
        return new InboundMedia("LOCATION", null, null, null, null, null, null, null,
                intOrNull(location, "live_period"), null,
                location.path("latitude").isNumber() ? location.get("latitude").doubleValue() : null,
                location.path("longitude").isNumber() ? location.get("longitude").doubleValue() : null, null, null);
    }

    private static String preview(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() <= REPLY_PREVIEW_CHARS) {
            return text;
        }
        int end = REPLY_PREVIEW_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never cut a surrogate pair
        }
        return text.substring(0, end);
    }

    private static String chatTypeName(String chatType) {
        return chatType.isEmpty() ? "chat of unknown type" : chatType + " chat";
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

    private static String firstPresent(JsonNode message, List<String> fields) {
        for (String field : fields) {
            if (message.has(field)) {
                return field;
            }
        }
        return null;
    }

    private static Integer intOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isIntegralNumber() && value.canConvertToInt() ? value.intValue() : null;
    }

    private static String textOrEmpty(JsonNode node, String field) {
        String value = textOrNull(node, field);
        return value == null ? "" : value;
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
