package io.switchboard.emulator.domain;

/**
 * A fault injected with {@code POST /emulator/faults}: the next {@code remaining} calls of {@code method} answer the
 * error (when {@code errorCode} is set) without doing anything, and/or are answered only after {@code delayMs}. A
 * delay without an error runs the method first and then holds the answer, so a client that times out has still
 * sent the message (a read timeout after the request was written).
 *
 * @param id          id of the fault, from 1
 * @param method      canonical Bot API method name ({@code sendMessage})
 * @param remaining   calls still affected (at least 1 while the fault is active)
 * @param errorCode   HTTP status and error_code to answer, or null to answer normally
 * @param description Telegram's description for the error (e.g. {@code "Bad Request: message thread not found"})
 * @param retryAfter  {@code parameters.retry_after} of the error in seconds, or null
 * @param delayMs     how long to hold the answer in milliseconds, or null/0 for no delay
 */
public record Fault(long id, String method, int remaining, Integer errorCode, String description, Long retryAfter,
        Long delayMs) {

    /** The fault after one more affected call. */
    public Fault consumedOnce() {
        return new Fault(id, method, remaining - 1, errorCode, description, retryAfter, delayMs);
    }

    /** The error to answer, or null when the fault only delays. */
    public BotApiError error() {
        return errorCode == null ? null : BotApiError.of(errorCode, description, retryAfter);
    }
}
