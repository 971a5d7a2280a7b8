package io.switchboard.ingest.service;

/**
 * Telegram refused a message part for good, or it could not be reached after the retries.
 *
 * @see io.switchboard.telegram.api.MessageDeliveryFailed
 */
class SendFailure extends Exception {

    private final int errorCode;
    private final String reason;

    /**
     * @param errorCode Telegram's {@code error_code}, or 0 when Telegram gave no answer
     * @param reason    Telegram's {@code description}, or what went wrong locally
     */
    SendFailure(int errorCode, String reason) {
        super(errorCode + ": " + reason);
        this.errorCode = errorCode;
        this.reason = reason;
    }

    int errorCode() {
        return errorCode;
    }

    String reason() {
        return reason;
    }
}
