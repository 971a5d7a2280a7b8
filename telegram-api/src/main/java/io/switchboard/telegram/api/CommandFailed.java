package io.switchboard.telegram.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * Telegram refused a command that has no dedicated failure result (everything but {@link SendMessage},
 * {@link SendMedia} and {@link SendChatAction}), or could not be reached.
 *
 * @param commandType     the command's wire type, e.g. {@code "create_forum_topic"}
 * @param messageThreadId the command's forum topic; null when none
 * @param errorCode       Telegram's {@code error_code}, or 0 when no answer came
 * @param reason          Telegram's {@code description}, or what went wrong locally
 * @param failureKind     the classified cause; when absent on the wire, {@link FailureKind#classify}
 */
public record CommandFailed(UUID eventId, int version, Instant occurredAt, UUID conversationId, UUID commandId,
                            UUID messageId, long chatId, String commandType, Integer messageThreadId, int errorCode,
                            String reason, FailureKind failureKind) implements TelegramResult {

    public static final String TYPE = "command.failed";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public CommandFailed {
        if (version == 0) {
            version = 1;
        }
        if (failureKind == null) {
            failureKind = FailureKind.classify(errorCode, reason);
        }
    }

    /** The result for {@code command}, stamped now. */
    public static CommandFailed of(TelegramCommand command, Integer messageThreadId, int errorCode, String reason,
                                   FailureKind kind) {
        return new CommandFailed(UUID.randomUUID(), 1, Instant.now(), command.conversationId(), command.commandId(),
                command.messageId(), command.chatId(), command.type(), messageThreadId, errorCode, reason, kind);
    }
}
