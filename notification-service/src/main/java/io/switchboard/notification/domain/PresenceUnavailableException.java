package io.switchboard.notification.domain;

/** Presence cannot be read because its store (Redis) did not answer; maps to 503. */
public class PresenceUnavailableException extends RuntimeException {

    public PresenceUnavailableException(Throwable cause) {
        super("Presence store unavailable", cause);
    }
}
