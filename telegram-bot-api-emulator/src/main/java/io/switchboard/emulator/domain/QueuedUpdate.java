package io.switchboard.emulator.domain;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An Update waiting to be fetched with getUpdates or POSTed to the webhook.
 *
 * @param updateId the Update's {@code update_id}
 * @param chatKey  the chat the Update belongs to (decimal chat id; sender id when there is no chat; {@code "0"} when
 *                 neither): webhook deliveries of one chat happen one after another in update_id order
 * @param body     the Update JSON exactly as queued
 */
public record QueuedUpdate(long updateId, String chatKey, ObjectNode body) {

    /** Queues {@code body}, whose {@code update_id} is already set to {@code updateId}. */
    public static QueuedUpdate of(long updateId, ObjectNode body) {
        return new QueuedUpdate(updateId, chatKeyOf(body), body);
    }

    /** The Update's payload: the first field other than {@code update_id} (an Update carries at most one). */
    public static JsonNode payloadOf(ObjectNode update) {
        for (Iterator<Map.Entry<String, JsonNode>> it = update.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("update_id") && field.getValue().isObject()) {
                return field.getValue();
            }
        }
        return null;
    }

    /** Chat id of the Update as a decimal string, the sender id when it has no chat, {@code "0"} when neither. */
    public static String chatKeyOf(ObjectNode update) {
        JsonNode payload = payloadOf(update);
        if (payload == null) {
            return "0";
        }
        for (String path : new String[] {"/chat/id", "/message/chat/id", "/from/id", "/user/id", "/actor_chat/id"}) {
            JsonNode id = payload.at(path);
            if (id.isIntegralNumber() || id.isTextual()) {
                return id.asText();
            }
        }
        return "0";
    }
}
