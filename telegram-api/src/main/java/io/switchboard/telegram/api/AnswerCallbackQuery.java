package io.switchboard.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Answer a button press, per Bot API {@code answerCallbackQuery} (clients show a progress bar until it is
 * answered). Answered by {@link CommandCompleted} or {@link CommandFailed}.
 *
 * @param conversationId  the conversation the button acted on; null when none
 * @param chatId          chat of the message carrying the button (the Kafka key)
 * @param callbackQueryId {@code callback_query.id}
 * @param text            notification text, 0–200 characters; null for none
 * @param showAlert       show an alert dialog instead of a toast
 */
public record AnswerCallbackQuery(UUID commandId, int version, Instant occurredAt, UUID conversationId, long chatId,
                                  String callbackQueryId, String text, boolean showAlert) implements TelegramCommand {

    public static final String TYPE = "answer_callback_query";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public AnswerCallbackQuery {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(callbackQueryId, "callbackQueryId");
        if (version == 0) {
            version = 1;
        }
        if (occurredAt == null) {
            occurredAt = Instant.now();
        }
    }

    /** Creates a version-1 command with a fresh id, issued now. */
    public static AnswerCallbackQuery of(UUID conversationId, long chatId, String callbackQueryId, String text,
                                         boolean showAlert) {
        return new AnswerCallbackQuery(UUID.randomUUID(), 1, Instant.now(), conversationId, chatId, callbackQueryId,
                text, showAlert);
    }

    /** No stored message: always null. */
    @Override
    @JsonIgnore
    public UUID messageId() {
        return null;
    }
}
