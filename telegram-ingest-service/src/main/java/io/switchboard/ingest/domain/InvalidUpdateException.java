package io.switchboard.ingest.domain;

/** A webhook body that is not a Telegram {@code Update}: not JSON, not an object, or no integer {@code update_id}. */
public class InvalidUpdateException extends RuntimeException {

    public InvalidUpdateException(String message) {
        super(message);
    }
}
