package io.switchboard.telegram.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Delete every Telegram message (all parts) of a stored message, per Bot API {@code deleteMessage} (one call per
 * id; only messages younger than 48 h). Answered by {@link CommandCompleted} or {@link CommandFailed}.
 *
 * @param messageId          id of the stored message in conversation-service; null when deleting the copy of a
 *                           message in a forum topic (like the mirror that posted it: its results then carry none)
 * @param telegramMessageIds Telegram's {@code message_id}s of all parts
 */
public record DeleteMessage(UUID commandId, int version, Instant occurredAt, UUID conversationId,
                            UUID messageId, long chatId, List<Long> telegramMessageIds) implements TelegramCommand {

    public static final String TYPE = "delete_message";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public DeleteMessage {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(conversationId, "conversationId");
        telegramMessageIds = telegramMessageIds == null ? List.of() : List.copyOf(telegramMessageIds);
        if (version == 0) {
            version = 1;
        }
        if (occurredAt == null) {
            occurredAt = Instant.now();
        }
    }

    /** Creates a version-1 command with a fresh id, issued now. */
    public static DeleteMessage of(UUID conversationId, UUID messageId, long chatId, List<Long> telegramMessageIds) {
        return new DeleteMessage(UUID.randomUUID(), 1, Instant.now(), conversationId, messageId, chatId,
                telegramMessageIds);
    }
}
