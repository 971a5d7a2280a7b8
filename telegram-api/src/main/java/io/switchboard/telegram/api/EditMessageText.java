package io.switchboard.telegram.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Replace the text of a message the bot sent, per Bot API {@code editMessageText} (no parse_mode).
 * Answered by {@link CommandCompleted} or {@link CommandFailed} ({@link FailureKind#MESSAGE_GONE} when the message
 * no longer exists or can't be edited).
 *
 * @param messageId         id of the stored message in conversation-service; null when editing the copy of a message
 *                          in a forum topic (like the mirror that posted it: its results then carry none either)
 * @param telegramMessageId Telegram's {@code message_id} of the message to edit
 * @param text              new text, 1–4096 UTF-16 units
 */
public record EditMessageText(UUID commandId, int version, Instant occurredAt, UUID conversationId,
                              UUID messageId, long chatId, long telegramMessageId, String text)
        implements TelegramCommand {

    public static final String TYPE = "edit_message_text";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public EditMessageText {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(text, "text");
        if (version == 0) {
            version = 1;
        }
        if (occurredAt == null) {
            occurredAt = Instant.now();
        }
    }

    /** Creates a version-1 command with a fresh id, issued now. */
    public static EditMessageText of(UUID conversationId, UUID messageId, long chatId, long telegramMessageId,
                                     String text) {
        return new EditMessageText(UUID.randomUUID(), 1, Instant.now(), conversationId, messageId, chatId,
                telegramMessageId, text);
    }
}
