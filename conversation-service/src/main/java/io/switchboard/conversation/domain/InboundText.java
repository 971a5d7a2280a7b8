package io.switchboard.conversation.domain;

import java.util.Objects;

/**
 * A customer's text message as a channel delivered it, before it is stored.
 *
 * @param text              exactly as written
 * @param telegramChatId    the Telegram private chat, or null (widget)
 * @param telegramMessageId Telegram {@code message_id}, or null (widget)
 * @param clientMessageId   the widget's id for the message (unique per conversation), or null (Telegram)
 */
public record InboundText(String text, Long telegramChatId, Long telegramMessageId, String clientMessageId) {

    public InboundText {
        Objects.requireNonNull(text, "text");
    }

    /** A Telegram message. */
    public static InboundText telegram(long chatId, long messageId, String text) {
        return new InboundText(text, chatId, messageId, null);
    }

    /** A web-widget message. */
    public static InboundText widget(String clientMessageId, String text) {
        return new InboundText(text, null, null, Objects.requireNonNull(clientMessageId, "clientMessageId"));
    }
}
