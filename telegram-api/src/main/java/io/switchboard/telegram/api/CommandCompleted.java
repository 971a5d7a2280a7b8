package io.switchboard.telegram.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * Telegram accepted a command that has no dedicated result ({@link EditMessageText}, {@link DeleteMessage},
 * {@link EditForumTopic}, {@link CloseForumTopic}, {@link ReopenForumTopic}, {@link AnswerCallbackQuery}).
 *
 * @param conversationId  the command's conversation; null for an {@link AnswerCallbackQuery} without one
 * @param messageId       the stored message the command carried; null when none
 * @param commandType     the command's wire type, e.g. {@code "edit_message_text"}
 * @param messageThreadId the command's forum topic; null when none
 */
public record CommandCompleted(UUID eventId, int version, Instant occurredAt, UUID conversationId, UUID commandId,
                               UUID messageId, long chatId, String commandType, Integer messageThreadId)
        implements TelegramResult {

    public static final String TYPE = "command.completed";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public CommandCompleted {
        if (version == 0) {
            version = 1;
        }
    }

    /** The result for {@code command}, stamped now. */
    public static CommandCompleted of(TelegramCommand command, Integer messageThreadId) {
        return new CommandCompleted(UUID.randomUUID(), 1, Instant.now(), command.conversationId(),
                command.commandId(), command.messageId(), command.chatId(), command.type(), messageThreadId);
    }
}
