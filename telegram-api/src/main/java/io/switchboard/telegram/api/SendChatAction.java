package io.switchboard.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Show a chat action ("typing…") for up to 5 s, per Bot API {@code sendChatAction}. Fire and forget: no result
 * is published.
 *
 * @param action          {@code "typing"}, {@code "upload_photo"} or {@code "upload_document"}
 * @param messageThreadId forum topic; null outside forum topics
 */
public record SendChatAction(UUID commandId, int version, Instant occurredAt, UUID conversationId, long chatId,
                             String action, Integer messageThreadId) implements TelegramCommand {

    public static final String TYPE = "send_chat_action";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public SendChatAction {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(conversationId, "conversationId");
        if (action == null || action.isBlank()) {
            action = "typing";
        }
        if (version == 0) {
            version = 1;
        }
        if (occurredAt == null) {
            occurredAt = Instant.now();
        }
    }

    /** Creates a version-1 command with a fresh id, issued now. */
    public static SendChatAction of(UUID conversationId, long chatId, String action, Integer messageThreadId) {
        return new SendChatAction(UUID.randomUUID(), 1, Instant.now(), conversationId, chatId, action,
                messageThreadId);
    }

    /** No stored message: always null. */
    @Override
    @JsonIgnore
    public UUID messageId() {
        return null;
    }
}
