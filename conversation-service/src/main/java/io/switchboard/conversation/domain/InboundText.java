package io.switchboard.conversation.domain;

import java.util.Objects;

/**
 * A customer's text message as a channel delivered it, before it is stored.
 *
 * @param text              exactly as written
 * @param telegramChatId    the Telegram private chat, or null (widget)
 * @param telegramMessageId Telegram {@code message_id}, or null (widget)
 * @param clientMessageId   the widget's id for the message (unique per conversation), or null (Telegram)
 * @param media             a Telegram message's media, location or contact (text is then its caption, maybe ""), or null
 * @param replyToTelegramMessageId the Telegram message this one replies to, or null
 * @param replyToText       the quoted text or the replied message's start, or null
 */
public record InboundText(String text, Long telegramChatId, Long telegramMessageId, String clientMessageId,
                          InboundMedia media, Long replyToTelegramMessageId, String replyToText) {

    public InboundText {
        Objects.requireNonNull(text, "text");
    }

    /** A message without media and not a reply. */
    public InboundText(String text, Long telegramChatId, Long telegramMessageId, String clientMessageId) {
        this(text, telegramChatId, telegramMessageId, clientMessageId, null, null, null);
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
