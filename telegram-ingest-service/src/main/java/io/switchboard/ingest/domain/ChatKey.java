package io.switchboard.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Kafka key of a Telegram {@code Update}: the chat it belongs to as a decimal string, so that one chat's updates
 * stay in order on one partition.
 *
 * <p>An update carries at most one payload field ({@code message}, {@code edited_message}, {@code channel_post},
 * {@code callback_query}, {@code my_chat_member}, {@code chat_member}, {@code chat_join_request},
 * {@code message_reaction}, {@code message_reaction_count}, {@code chat_boost}, {@code inline_query}, ...). The key
 * is the first of: the payload's {@code chat.id}; its {@code message.chat.id} (a callback query's message); its
 * {@code voter_chat.id} (anonymous poll answers); the sender's {@code from.id}; its {@code user.id}; else {@code "0"}.
 */
public final class ChatKey {

    /** Key of an update that names neither a chat nor a sender (e.g. {@code poll}). */
    public static final String NONE = "0";

    private static final List<List<String>> CHAT_PATHS = List.of(
            List.of("chat", "id"), List.of("message", "chat", "id"), List.of("voter_chat", "id"));
    private static final List<List<String>> SENDER_PATHS = List.of(List.of("from", "id"), List.of("user", "id"));

    private ChatKey() {
    }

    /** The key of {@code update} (an Update JSON object). */
    public static String of(JsonNode update) {
        String chat = first(update, CHAT_PATHS);
        if (chat != null) {
            return chat;
        }
        String sender = first(update, SENDER_PATHS);
        return sender != null ? sender : NONE;
    }

    private static String first(JsonNode update, List<List<String>> paths) {
        for (Iterator<Map.Entry<String, JsonNode>> it = update.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("update_id") || !field.getValue().isObject()) {
                continue;
            }
            for (List<String> path : paths) {
                JsonNode node = field.getValue();
                for (String step : path) {
                    node = node.path(step);
                }
                if (node.isIntegralNumber()) {
                    return node.bigIntegerValue().toString();
                }
            }
        }
        return null;
    }
}
