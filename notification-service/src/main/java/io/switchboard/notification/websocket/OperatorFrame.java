package io.switchboard.notification.websocket;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/**
 * A server → client text frame on {@code /ws/operator}: {@code {"type":"message.received","conversationId":"…",
 * "payload":{…the ConversationEvent JSON…}}}.
 *
 * @param type           the event's dotted type, e.g. {@code message.received}
 * @param conversationId the conversation it concerns
 * @param payload        the whole event as JSON
 */
public record OperatorFrame(String type, UUID conversationId, JsonNode payload) {
}
