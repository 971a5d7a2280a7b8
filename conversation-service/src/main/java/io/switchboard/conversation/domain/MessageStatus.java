package io.switchboard.conversation.domain;

/**
 * Delivery state of a message. Inbound messages are {@link #RECEIVED}; outbound ones start {@link #PENDING} and end
 * {@link #SENT} or {@link #FAILED}, once, as Telegram answers.
 */
public enum MessageStatus {
    RECEIVED,
    PENDING,
    SENT,
    FAILED
}
