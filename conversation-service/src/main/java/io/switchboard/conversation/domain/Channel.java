package io.switchboard.conversation.domain;

/**
 * Where a customer writes from. A customer and their conversations belong to one channel.
 */
public enum Channel {
    /** A private chat with the Telegram bot: replies and customer-facing system messages go out as
     * {@code send_message} commands. */
    TELEGRAM,
    /** The web widget: the customer has no Telegram ids; replies and system bubbles are stored SENT at once and reach
     * the widget through its history and socket. */
    WIDGET
}
