package io.switchboard.telegram.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Telegram accepted every part of a {@link SendMessage} or {@link SendMedia}.
 *
 * @param messageId          the stored message the command carried; null for topic mirrors
 * @param telegramMessageIds Telegram's {@code message_id} of each part sent, in order (one unless the text was split)
 * @param messageThreadId    echo of the command's forum topic; null outside topics
 */
public record MessageDelivered(UUID eventId, int version, Instant occurredAt, UUID conversationId,
                               UUID commandId, UUID messageId, long chatId, List<Long> telegramMessageIds,
                               Integer messageThreadId)
        implements TelegramResult {

    public static final String TYPE = "message.delivered";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public MessageDelivered {
        if (version == 0) {
            version = 1;
        }
        telegramMessageIds = telegramMessageIds == null ? List.of() : List.copyOf(telegramMessageIds);
    }

    /** The version-1 shape (no thread). */
    public MessageDelivered(UUID eventId, int version, Instant occurredAt, UUID conversationId,
                            UUID commandId, UUID messageId, long chatId, List<Long> telegramMessageIds) {
        this(eventId, version, occurredAt, conversationId, commandId, messageId, chatId, telegramMessageIds, null);
    }

    /** The result for {@code command}, stamped now. */
    public static MessageDelivered of(SendMessage command, List<Long> telegramMessageIds) {
        return new MessageDelivered(UUID.randomUUID(), 1, Instant.now(), command.conversationId(),
                command.commandId(), command.messageId(), command.chatId(), telegramMessageIds,
                command.messageThreadId());
    }

    /** The result for {@code command}, stamped now. */
    public static MessageDelivered of(SendMedia command, List<Long> telegramMessageIds) {
        return new MessageDelivered(UUID.randomUUID(), 1, Instant.now(), command.conversationId(),
                command.commandId(), command.messageId(), command.chatId(), telegramMessageIds,
                command.messageThreadId());
    }
}
