package io.switchboard.conversation.domain;

/** Who wrote a message. */
public enum MessageDirection {
    /** From the customer, through Telegram. */
    INBOUND,
    /** From an operator, to the customer. */
    OUTBOUND
}
