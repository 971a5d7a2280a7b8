package io.switchboard.ingest.rest;

/** Kafka did not acknowledge an update in time; answered 503 with {@code Retry-After} so Telegram retries. */
public class UpdatesUnavailableException extends RuntimeException {

    public UpdatesUnavailableException(Throwable cause) {
        super("The update could not be stored; Telegram should retry", cause);
    }
}
