package io.switchboard.ingest.client;

import java.time.Duration;
import java.util.Optional;

/**
 * The Bot API answered {@code "ok": false} (or with a body that is not a Bot API answer).
 *
 * @see <a href="https://core.telegram.org/bots/api#making-requests">Bot API: making requests</a>
 */
public class BotApiException extends Exception {

    private final int errorCode;
    private final String description;
    private final Integer retryAfter;

    /**
     * @param errorCode   Telegram's {@code error_code} (or the HTTP status when the body was not a Bot API answer)
     * @param description Telegram's {@code description}
     * @param retryAfter  {@code parameters.retry_after} in seconds, or null
     */
    public BotApiException(int errorCode, String description, Integer retryAfter) {
        super("Bot API error " + errorCode + ": " + description);
        this.errorCode = errorCode;
        this.description = description;
        this.retryAfter = retryAfter;
    }

    /** Telegram's {@code error_code}, e.g. 409 when another getUpdates request or a webhook is active. */
    public int errorCode() {
        return errorCode;
    }

    /** Telegram's {@code description}. */
    public String description() {
        return description;
    }

    /** How long Telegram asked to wait ({@code parameters.retry_after}), if it did. */
    public Optional<Duration> retryAfter() {
        return retryAfter == null ? Optional.empty() : Optional.of(Duration.ofSeconds(retryAfter));
    }
}
