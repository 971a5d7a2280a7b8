package io.switchboard.telegram.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * Telegram refused a {@link SendMessage} or {@link SendMedia}, or it could not be reached in time.
 *
 * @param messageId       the stored message the command carried; null for topic mirrors
 * @param errorCode       Telegram's {@code error_code} (e.g. 403 when the bot was blocked), or 0 when no answer came
 * @param reason          Telegram's {@code description}, or what went wrong locally; safe to show to operators
 * @param messageThreadId echo of the command's forum topic; null outside topics
 * @param failureKind     the classified cause; when absent on the wire, {@link FailureKind#classify} of
 *                        {@code errorCode}/{@code reason}
 */
public record MessageDeliveryFailed(UUID eventId, int version, Instant occurredAt, UUID conversationId,
                                    UUID commandId, UUID messageId, long chatId, int errorCode, String reason,
                                    Integer messageThreadId, FailureKind failureKind)
        implements TelegramResult {

    public static final String TYPE = "message.delivery_failed";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public MessageDeliveryFailed {
        if (version == 0) {
            version = 1;
        }
        if (failureKind == null) {
            failureKind = FailureKind.classify(errorCode, reason);
        }
    }

    /** The version-1 shape (no thread; kind classified from the error). */
    public MessageDeliveryFailed(UUID eventId, int version, Instant occurredAt, UUID conversationId,
                                 UUID commandId, UUID messageId, long chatId, int errorCode, String reason) {
        this(eventId, version, occurredAt, conversationId, commandId, messageId, chatId, errorCode, reason, null, null);
    }

    /** The result for {@code command}, stamped now; the kind is classified from the error. */
    public static MessageDeliveryFailed of(SendMessage command, int errorCode, String reason) {
        return of(command, errorCode, reason, FailureKind.classify(errorCode, reason));
    }

    /** The result for {@code command}, stamped now. */
    public static MessageDeliveryFailed of(SendMessage command, int errorCode, String reason, FailureKind kind) {
        return new MessageDeliveryFailed(UUID.randomUUID(), 1, Instant.now(), command.conversationId(),
                command.commandId(), command.messageId(), command.chatId(), errorCode, reason,
                command.messageThreadId(), kind);
    }

    /** The result for {@code command}, stamped now. */
    public static MessageDeliveryFailed of(SendMedia command, int errorCode, String reason, FailureKind kind) {
        return new MessageDeliveryFailed(UUID.randomUUID(), 1, Instant.now(), command.conversationId(),
                command.commandId(), command.messageId(), command.chatId(), errorCode, reason,
                command.messageThreadId(), kind);
    }
}
