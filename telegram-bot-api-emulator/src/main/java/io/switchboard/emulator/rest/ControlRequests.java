package io.switchboard.emulator.rest;

/** Bodies and views of the control API endpoints added for forum topics, callbacks, customer actions and faults. */
public final class ControlRequests {

    private ControlRequests() {
    }

    /**
     * Body of {@code POST /emulator/groups}.
     *
     * @param chatId  the supergroup's id (negative, e.g. -1001971186208)
     * @param title   the group title (default "Support")
     * @param isForum whether topics are enabled (default true)
     */
    public record GroupRequest(Long chatId, String title, Boolean isForum) {
    }

    /**
     * One topic in {@code GET /emulator/groups/{chatId}/topics}.
     *
     * @param messageThreadId the topic id
     * @param name            its current name
     * @param closed          closed with closeForumTopic
     * @param deleted         deleted (deleteForumTopic or an admin)
     * @param iconColor       icon colour
     */
    public record TopicView(long messageThreadId, String name, boolean closed, boolean deleted, int iconColor) {
    }

    /**
     * Body of {@code POST /emulator/groups/{chatId}/topics/{threadId}/messages}: a group member writes in a topic.
     *
     * @param fromId    the member's Telegram user id (required, positive)
     * @param firstName the member's first name (default "Operator")
     * @param username  the member's username without '@', optional
     * @param text      the message text (required)
     */
    public record TopicMessageRequest(Long fromId, String firstName, String username, String text) {
    }

    /**
     * Body of {@code POST /emulator/callbacks}: someone presses an inline button of a bot message.
     *
     * @param chatId    chat of the message
     * @param messageId the bot's message carrying the inline keyboard
     * @param fromId    who presses (default: chatId for private chats)
     * @param firstName their first name (default: the chat's profile)
     * @param data      the button's callback_data (must be one of the message's buttons)
     */
    public record CallbackRequest(Long chatId, Long messageId, Long fromId, String firstName, String data) {
    }

    /**
     * Body of {@code POST /emulator/customers/{chatId}/messages/{messageId}/edit}.
     *
     * @param text the new text (the caption for media messages)
     */
    public record EditRequest(String text) {
    }

    /**
     * Body of {@code POST /emulator/customers/{chatId}/messages/{messageId}/reactions}.
     *
     * @param emoji the reaction emoji; null or empty removes the customer's reaction
     */
    public record ReactionRequest(String emoji) {
    }

    /**
     * Body of {@code POST /emulator/faults}.
     *
     * @param method      Bot API method, any letter case (required)
     * @param times       how many calls are affected (default 1)
     * @param errorCode   error_code/HTTP status to answer; null to only delay
     * @param description Telegram's description of the error (default "Too Many Requests: retry after N" for 429,
     *                    else "Error")
     * @param retryAfter  parameters.retry_after in seconds (default for 429: 1)
     * @param delayMs     hold the answer this long; without errorCode the method still runs first
     */
    public record FaultRequest(String method, Integer times, Integer errorCode, String description, Long retryAfter,
            Long delayMs) {
    }
}
