package io.switchboard.conversation.api;

import java.time.Instant;
import java.util.UUID;

/**
 * The customer as operators see them in lists and events.
 *
 * @param id          customer id in conversation-service
 * @param displayName first and last name as given on Telegram (falls back to the username or id), or for a widget
 *                    customer their nickname or "Visitor <codename suffix>"; never blank
 * @param username    Telegram username without '@', or null
 * @param nickname    a nickname the customer chose (widget) or null
 * @param botBlockedAt when the customer blocked the Telegram bot (messages to them fail), or null when they did not
 */
public record CustomerSummary(UUID id, String displayName, String username, String nickname, Instant botBlockedAt) {

    /** A customer who has not blocked the bot ({@code botBlockedAt} null). */
    public CustomerSummary(UUID id, String displayName, String username, String nickname) {
        this(id, displayName, username, nickname, null);
    }
}
