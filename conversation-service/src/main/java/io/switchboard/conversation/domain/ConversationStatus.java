package io.switchboard.conversation.domain;

/** Where a conversation stands, as the product defines it. */
public enum ConversationStatus {
    /** A customer wrote; no operator has claimed it yet. */
    OPEN_UNCLAIMED,
    /** An operator owns it. */
    OPEN_ASSIGNED,
    /** An operator answered and waits for the customer. */
    AWAITING_CUSTOMER,
    /** Done; the customer's next message opens a new conversation. */
    CLOSED,
    /** The customer is blocked; nothing can be sent. */
    BLOCKED;

    /** Whether operators may still reply (not {@link #CLOSED} or {@link #BLOCKED}). */
    public boolean isOpen() {
        return this != CLOSED && this != BLOCKED;
    }
}
