package io.switchboard.conversation.api;

import java.util.UUID;

/**
 * The customer as operators see them in lists and events.
 *
 * @param id          customer id in conversation-service
 * @param displayName first and last name as given on Telegram (falls back to the username or id), or for a widget
 *                    customer their nickname or "Visitor <codename suffix>"; never blank
 * @param username    Telegram username without '@', or null
 * @param nickname    a nickname the customer chose (widget) or null
 */
public record CustomerSummary(UUID id, String displayName, String username, String nickname) {
}
