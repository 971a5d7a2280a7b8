package io.switchboard.emulator.domain;

/**
 * A failed Bot API call, answered as {@code {"ok":false,"error_code":N,"description":"...","parameters":{...}}}
 * with HTTP status N. The descriptions are Telegram's own wording.
 */
public final class BotApiError extends RuntimeException {

    private final int errorCode;
    private final Long retryAfter;

    private BotApiError(int errorCode, String description, Long retryAfter) {
        super(description, null, false, false);
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
    }

    /**
     * Any error, as given (injected faults).
     *
     * @param errorCode   HTTP status and error_code
     * @param description Telegram's description; "Error" when null
     * @param retryAfter  parameters.retry_after in seconds, or null
     */
    public static BotApiError of(int errorCode, String description, Long retryAfter) {
        return new BotApiError(errorCode, description == null ? "Error" : description, retryAfter);
    }

    /** 400 with a description such as {@code "Bad Request: chat not found"}. */
    public static BotApiError badRequest(String reason) {
        return new BotApiError(400, "Bad Request: " + reason, null);
    }

    /** 401 for a token that is not {@code <digits>:<secret>}. */
    public static BotApiError unauthorized() {
        return new BotApiError(401, "Unauthorized", null);
    }

    /** 403 {@code "Forbidden: bot was blocked by the user"}. */
    public static BotApiError botBlocked() {
        return new BotApiError(403, "Forbidden: bot was blocked by the user", null);
    }

    /** 404 for a method the emulator does not know. */
    public static BotApiError notFound() {
        return new BotApiError(404, "Not Found", null);
    }

    /** 409 getUpdates while a webhook is set. */
    public static BotApiError webhookActive() {
        return new BotApiError(409,
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
                null);
    }

    /** 409 answered to the older of two concurrent getUpdates requests. */
    public static BotApiError terminatedByOtherGetUpdates() {
        return new BotApiError(409,
                "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
                null);
    }

    /** 429 flood control; {@code retryAfter} in whole seconds (at least 1), also sent as parameters.retry_after. */
    public static BotApiError tooManyRequests(long retryAfter) {
        long seconds = Math.max(1, retryAfter);
        return new BotApiError(429, "Too Many Requests: retry after " + seconds, seconds);
    }

    /** 500 for a failure of the emulator itself (never a stack trace on the wire). */
    public static BotApiError internal() {
        return new BotApiError(500, "Internal Server Error", null);
    }

    /** HTTP status and {@code error_code}. */
    public int errorCode() {
        return errorCode;
    }

    /** Telegram's {@code description}. */
    public String description() {
        return getMessage();
    }

    /** {@code parameters.retry_after} in seconds, or null when the error has no parameters. */
    public Long retryAfter() {
        return retryAfter;
    }
}
