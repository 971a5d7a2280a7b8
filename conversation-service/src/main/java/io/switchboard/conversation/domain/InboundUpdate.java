package io.switchboard.conversation.domain;

/**
 * What one record of {@code telegram.updates} means to conversation-service: a customer's text to store, an update
 * to record as skipped, or a value that is not a readable update at all.
 */
public sealed interface InboundUpdate permits InboundUpdate.CustomerText, InboundUpdate.Skipped, InboundUpdate.Unreadable {

    /**
     * A private-chat text message from a person.
     *
     * @param updateId  Telegram {@code update_id}
     * @param chatId    the private chat ({@code message.chat.id})
     * @param messageId Telegram {@code message.message_id}
     * @param sender    {@code message.from}
     * @param text      {@code message.text}, exactly as received
     */
    record CustomerText(long updateId, long chatId, long messageId, TelegramSender sender, String text)
            implements InboundUpdate {
        /** Kind recorded in processed_update. */
        public static final String KIND = "message";
    }

    /**
     * An update conversation-service does not handle (yet).
     *
     * @param updateId Telegram {@code update_id}
     * @param kind     the update's payload field, e.g. {@code edited_message}
     * @param reason   why it is skipped, for the log and processed_update
     */
    record Skipped(long updateId, String kind, String reason) implements InboundUpdate {
    }

    /**
     * A value without a readable {@code update_id} (not JSON, not an object, ...): logged, never recorded.
     *
     * @param reason what is wrong with it
     */
    record Unreadable(String reason) implements InboundUpdate {
    }
}
