package io.switchboard.telegram.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
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
 * @param telegramMessageIds Telegram message ids of the parts this attempt delivered before the failure, in order
 *                        (part 1..k-1 of a split text, or the photo/document before a caption follow-up failed);
 *                        empty when nothing went out (also when absent on the wire). Resend only the rest with
 *                        {@link SendMessage#skipParts()}
 */
public record MessageDeliveryFailed(UUID eventId, int version, Instant occurredAt, UUID conversationId,
                                    UUID commandId, UUID messageId, long chatId, int errorCode, String reason,
                                    Integer messageThreadId, FailureKind failureKind,
                                    List<Long> telegramMessageIds)
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
        telegramMessageIds = telegramMessageIds == null ? List.of() : List.copyOf(telegramMessageIds);
    }

    /** Nothing was delivered before the failure. */
    public MessageDeliveryFailed(UUID eventId, int version, Instant occurredAt, UUID conversationId,
                                 UUID commandId, UUID messageId, long chatId, int errorCode, String reason,
                                 Integer messageThreadId, FailureKind failureKind) {
        this(eventId, version, occurredAt, conversationId, commandId, messageId, chatId, errorCode, reason,
                messageThreadId, failureKind, List.of());
    }

    /** The version-1 shape (no thread; kind classified from the error). */
    public MessageDeliveryFailed(UUID eventId, int version, Instant occurredAt, UUID conversationId,
                                 UUID commandId, UUID messageId, long chatId, int errorCode, String reason) {
        this(eventId, version, occurredAt, conversationId, commandId, messageId, chatId, errorCode, reason, null, null,
                List.of());
    }

    /** The result for {@code command}, stamped now; the kind is classified from the error. */
    public static MessageDeliveryFailed of(SendMessage command, int errorCode, String reason) {
        return of(command, errorCode, reason, FailureKind.classify(errorCode, reason));
    }

    /** The result for {@code command}, stamped now. */
    public static MessageDeliveryFailed of(SendMessage command, int errorCode, String reason, FailureKind kind) {
        return of(command, errorCode, reason, kind, List.of());
    }

    /** The result for {@code command}, stamped now. */
    public static MessageDeliveryFailed of(SendMedia command, int errorCode, String reason, FailureKind kind) {
        return of(command, errorCode, reason, kind, List.of());
    }

    /** The result for {@code command}, stamped now, after {@code delivered} parts went out. */
    public static MessageDeliveryFailed of(SendMessage command, int errorCode, String reason, FailureKind kind,
                                           List<Long> delivered) {
        return new MessageDeliveryFailed(UUID.randomUUID(), 1, Instant.now(), command.conversationId(),
                command.commandId(), command.messageId(), command.chatId(), errorCode, reason,
                command.messageThreadId(), kind, delivered);
    }

    /** The result for {@code command}, stamped now, after {@code delivered} (the media, caption parts) went out. */
    public static MessageDeliveryFailed of(SendMedia command, int errorCode, String reason, FailureKind kind,
                                           List<Long> delivered) {
        return new MessageDeliveryFailed(UUID.randomUUID(), 1, Instant.now(), command.conversationId(),
                command.commandId(), command.messageId(), command.chatId(), errorCode, reason,
                command.messageThreadId(), kind, delivered);
    }
}
