package io.switchboard.emulator.domain;

/**
 * One POST of a queued Update to a webhook that is about to start.
 *
 * @param update  the Update to deliver
 * @param webhook the webhook as it was when the attempt started
 * @param attempt 1 for the first try of this update, then 2, 3, ...
 */
public record DeliveryAttempt(QueuedUpdate update, Webhook webhook, int attempt) {
}
