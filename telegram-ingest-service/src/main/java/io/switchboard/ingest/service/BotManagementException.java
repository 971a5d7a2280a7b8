package io.switchboard.ingest.service;

/**
 * A bot-management request that cannot be done, answered as a problem with {@link #status()}: 409 (no public webhook
 * URL), 413 (file over 20 MB), 404 (file gone), 422 (Telegram refused the token), 502 (Telegram unreachable or
 * failing), 503 (no bot configured). The detail never contains the token.
 */
public class BotManagementException extends RuntimeException {

    private final int status;

    public BotManagementException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    /** The HTTP status to answer. */
    public int status() {
        return status;
    }
}
