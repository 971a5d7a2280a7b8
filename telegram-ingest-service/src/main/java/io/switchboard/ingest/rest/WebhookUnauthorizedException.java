package io.switchboard.ingest.rest;

/** The webhook request lacks the right {@code X-Telegram-Bot-Api-Secret-Token}; answered 401. */
public class WebhookUnauthorizedException extends RuntimeException {

    public WebhookUnauthorizedException() {
        super("Missing or wrong X-Telegram-Bot-Api-Secret-Token");
    }
}
