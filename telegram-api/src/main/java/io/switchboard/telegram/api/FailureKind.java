package io.switchboard.telegram.api;

import java.util.Locale;

/**
 * Why a command failed, derived from Telegram's answer (or its absence) in one place: {@link #classify}.
 * Carried by {@link MessageDeliveryFailed} and {@link CommandFailed}.
 */
public enum FailureKind {
    /** 403 "bot was blocked by the user" or "user is deactivated": the customer can't be reached. */
    BLOCKED_BY_USER,
    /** 400 "message thread not found", TOPIC_DELETED, TOPIC_CLOSED, TOPIC_ID_INVALID: the forum topic is gone. */
    TOPIC_MISSING,
    /** 400 "message to edit/delete not found", "message can't be edited/deleted". */
    MESSAGE_GONE,
    /** 429 whose {@code retry_after} exceeded {@code telegram.send.max-retry-after}. */
    RATE_LIMITED,
    /** The request was sent but no answer came (read timeout): not retried, so never sent twice. */
    UNCERTAIN,
    /** Network failure or 5xx after all retries. */
    UNAVAILABLE,
    /** Any other 4xx. */
    REJECTED,
    /** No bot token is configured. */
    NO_BOT;

    /**
     * Classifies a Bot API error answer.
     *
     * @param errorCode   Telegram's {@code error_code} (HTTP status); 0 when no answer came at all
     * @param description Telegram's {@code description}, may be null
     * @return the kind; {@link #UNAVAILABLE} for 0 and 5xx, {@link #RATE_LIMITED} for 429, {@link #REJECTED} for
     *         an unrecognised 4xx
     */
    public static FailureKind classify(int errorCode, String description) {
        String d = description == null ? "" : description.toLowerCase(Locale.ROOT);
        if (errorCode == 429) {
            return RATE_LIMITED;
        }
        if (errorCode == 0 || errorCode >= 500) {
            return UNAVAILABLE;
        }
        if (errorCode == 403 && (d.contains("bot was blocked by the user") || d.contains("user is deactivated"))) {
            return BLOCKED_BY_USER;
        }
        if (d.contains("message thread not found") || d.contains("topic_deleted") || d.contains("topic_closed")
                || d.contains("topic_id_invalid")) {
            return TOPIC_MISSING;
        }
        if (d.contains("message to edit not found") || d.contains("message to delete not found")
                || d.contains("message can't be edited") || d.contains("message can't be deleted")) {
            return MESSAGE_GONE;
        }
        return REJECTED;
    }
}
