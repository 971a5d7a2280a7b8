package io.switchboard.conversation.domain;

/** What became of one consumed Telegram update. */
public enum UpdateOutcome {
    /** A customer's private-chat message (text, media, location, contact), stored as an INBOUND message. */
    STORED,
    /**
     * Changed state without storing a message (an edit, a block/unblock, a reaction, a deep link, a group command, a
     * callback), with a reason saying what it did.
     */
    APPLIED,
    /** Recorded but not handled (inline query, channel post, a spurious edit, ...), with a reason. */
    SKIPPED,
    /** Its update_id had been processed before: nothing was done. */
    DUPLICATE
}
