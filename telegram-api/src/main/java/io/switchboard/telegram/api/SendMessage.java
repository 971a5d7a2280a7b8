package io.switchboard.telegram.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Send {@code text} to a Telegram chat, per Bot API {@code sendMessage}, with no {@code parse_mode}: the text
 * arrives exactly as written (emoji, {@code <}, {@code &}, RTL intact). Text longer than 4096 UTF-16 units is
 * split by the executor into several messages.
 *
 * @param commandId    unique id of this command
 * @param version      schema version, currently 1
 * @param occurredAt   when the operator's message was accepted
 * @param conversationId conversation the message belongs to
 * @param messageId    id of the stored OUTBOUND message in conversation-service
 * @param chatId       target Telegram chat id
 * @param text         message text, 1..n characters
 */
public record SendMessage(UUID commandId, int version, Instant occurredAt,
                          UUID conversationId, UUID messageId, long chatId, String text) implements TelegramCommand {

    public static final String TYPE = "send_message";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public SendMessage {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(text, "text");
        if (version == 0) {
            version = 1;
        }
        if (occurredAt == null) {
            occurredAt = Instant.now();
        }
    }

    /** Creates a version-1 command with a fresh id, issued now. */
    public static SendMessage of(UUID conversationId, UUID messageId, long chatId, String text) {
        return new SendMessage(UUID.randomUUID(), 1, Instant.now(), conversationId, messageId, chatId, text);
    }
}
