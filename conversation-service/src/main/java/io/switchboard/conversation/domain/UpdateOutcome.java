package io.switchboard.conversation.domain;

/** What became of one consumed Telegram update. */
public enum UpdateOutcome {
    /** A private-chat text message, stored as an INBOUND message. */
    STORED,
    /** Recorded but not handled (edited message, media, group chat, callback query, ...), with a reason. */
    SKIPPED,
    /** Its update_id had been processed before: nothing was done. */
    DUPLICATE
}
