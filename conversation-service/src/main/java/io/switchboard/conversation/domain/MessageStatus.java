package io.switchboard.conversation.domain;

/**
 * Delivery state of a message. Inbound messages are {@link #RECEIVED}; outbound ones start {@link #PENDING} and end
 * {@link #SENT} or {@link #FAILED}, once, as Telegram answers.
 * {@link #BLOCKED} and {@link #RECORDED} are final from the start.
 */
public enum MessageStatus {
    RECEIVED,
    PENDING,
    SENT,
    FAILED,
    /** Customer input received while the conversation was BLOCKED: stored, never shown to operators. */
    BLOCKED,
    /** A system bubble kept in the transcript that went to no channel. */
    RECORDED
}
