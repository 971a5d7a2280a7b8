package io.switchboard.telegram.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * Telegram refused a {@link SendMessage}, or it could not be reached in time.
 *
 * @param errorCode Telegram's {@code error_code} (e.g. 403 when the bot was blocked), or 0 when no answer came
 * @param reason    Telegram's {@code description}, or what went wrong locally; safe to show to operators
 */
public record MessageDeliveryFailed(UUID eventId, int version, Instant occurredAt, UUID conversationId,
                                    UUID commandId, UUID messageId, long chatId, int errorCode, String reason)
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
    }

    /** The result for {@code command}, stamped now. */
    public static MessageDeliveryFailed of(SendMessage command, int errorCode, String reason) {
        return new MessageDeliveryFailed(UUID.randomUUID(), 1, Instant.now(), command.conversationId(),
                command.commandId(), command.messageId(), command.chatId(), errorCode, reason);
    }
}
