package io.switchboard.conversation.domain;

/** What a {@link ConversationTimer} does when it fires. */
public enum TimerKind {
    /** Post {@code unclaimed_reminder_5m} if the conversation is still OPEN_UNCLAIMED. */
    REMINDER_FIRST,
    /** Post {@code unclaimed_reminder_15m_pin} if the conversation is still OPEN_UNCLAIMED. */
    REMINDER_SECOND,
    /** Close the conversation after a silence (auto-close). */
    AUTO_CLOSE
}
