package io.switchboard.conversation.domain;

import java.time.Instant;
import java.util.List;

/**
 * What one record of {@code telegram.updates} means to conversation-service: a customer's message to store, a change
 * to apply (an edit, a block, a reaction, a deep link), an update to record as skipped, or a value that is not a
 * readable update at all. Private chats are the customers' side; group updates belong to the topics console.
 */
public sealed interface InboundUpdate permits InboundUpdate.CustomerText, InboundUpdate.CustomerEdit,
        InboundUpdate.BotMembership, InboundUpdate.CustomerReaction, InboundUpdate.DeepLinkStart,
        InboundUpdate.GroupMessage, InboundUpdate.GroupEdit, InboundUpdate.CallbackQuery, InboundUpdate.Skipped,
        InboundUpdate.Unreadable {

    /** Telegram {@code update_id}; -1 for {@link Unreadable}. */
    long updateId();

    /** The update's payload field as recorded in processed_update, e.g. {@code message}, {@code edited_message}. */
    String kind();

    /**
     * A private-chat message from a person: text, or media/location/contact with its caption.
     *
     * @param updateId  Telegram {@code update_id}
     * @param chatId    the private chat ({@code message.chat.id})
     * @param messageId Telegram {@code message.message_id}
     * @param sender    {@code message.from}
     * @param text      {@code message.text}, or the media's {@code caption}, exactly as received; "" when none
     * @param media     the attachment, or null for a text message
     * @param replyToTelegramMessageId {@code reply_to_message.message_id}, or null
     * @param replyToText {@code quote.text} when the customer quoted, else the start (≤ 200 chars) of the replied
     *                  message's text or caption as Telegram included it; null when not a reply
     */
    record CustomerText(long updateId, long chatId, long messageId, TelegramSender sender, String text,
                        InboundMedia media, Long replyToTelegramMessageId, String replyToText)
            implements InboundUpdate {
        /** Kind recorded in processed_update. */
        public static final String KIND = "message";

        /** A plain text message, no media, not a reply. */
        public CustomerText(long updateId, long chatId, long messageId, TelegramSender sender, String text) {
            this(updateId, chatId, messageId, sender, text, null, null, null);
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * The customer edited a private-chat message ({@code edited_message}): its text, its caption, or a live
     * location's coordinates.
     *
     * @param text     the new {@code text} or {@code caption} ("" when the caption was removed)
     * @param location the new coordinates of a (live) location, else null
     * @param editedAt Telegram's {@code edit_date}
     */
    record CustomerEdit(long updateId, long chatId, long messageId, String text, InboundMedia location,
                        Instant editedAt) implements InboundUpdate {
        public static final String KIND = "edited_message";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * The customer blocked ({@code kicked}) or unblocked ({@code member}) the bot in their private chat
     * ({@code my_chat_member}).
     *
     * @param userId  the customer's Telegram user id ({@code from.id})
     * @param blocked true when the bot's new status is {@code kicked}
     * @param at      Telegram's {@code date}
     */
    record BotMembership(long updateId, long chatId, long userId, boolean blocked, Instant at)
            implements InboundUpdate {
        public static final String KIND = "my_chat_member";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * Someone changed their reactions on a message of a private chat ({@code message_reaction}).
     *
     * @param userId      the reacting user, or null when an anonymous chat ({@code actor_chat}) reacted
     * @param newReaction the actor's reactions now: emoji, a custom emoji's id, or "paid"
     */
    record CustomerReaction(long updateId, long chatId, long messageId, Long userId, List<String> newReaction,
                            Instant at) implements InboundUpdate {
        public static final String KIND = "message_reaction";

        public CustomerReaction {
            newReaction = List.copyOf(newReaction);
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * A private {@code /start <payload>} whose payload looks like a widget deep link ({@code w} + 40 chars): the
     * customer continues a widget conversation in Telegram.
     *
     * @param payload the start parameter
     * @param text    the message text as received (stored as an ordinary message when the payload is not valid)
     */
    record DeepLinkStart(long updateId, long chatId, long messageId, TelegramSender sender, String payload, String text)
            implements InboundUpdate {
        public static final String KIND = "message";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * A text message from a person in a supergroup (the support group's side: commands and operators' replies in
     * forum topics).
     *
     * @param chatId          the supergroup ({@code message.chat.id}, negative)
     * @param messageThreadId the forum topic ({@code message_thread_id}) only when {@code is_topic_message} is true;
     *                        null in the General topic and in non-forum groups, where {@code message_thread_id} names a
     *                        reply thread, not a topic
     * @param messageId       Telegram {@code message.message_id}
     * @param sender          {@code message.from}
     * @param text            {@code message.text}, exactly as received; null for {@code content} other than text
     * @param content         null for a text message; otherwise what the person sent instead ({@code photo},
     *                        {@code document}, {@code sticker}, …: not forwarded from a topic, the author is told so)
     */
    record GroupMessage(long updateId, long chatId, Integer messageThreadId, long messageId, TelegramSender sender,
                        String text, String content) implements InboundUpdate {
        public static final String KIND = "message";

        /** A text message. */
        public GroupMessage(long updateId, long chatId, Integer messageThreadId, long messageId, TelegramSender sender,
                            String text) {
            this(updateId, chatId, messageThreadId, messageId, sender, text, null);
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * A person edited a text message in a forum topic of a supergroup ({@code edited_message} with
     * {@code is_topic_message}): an operator correcting a reply written in a conversation's topic.
     *
     * @param chatId          the supergroup ({@code message.chat.id}, negative)
     * @param messageThreadId the forum topic ({@code message_thread_id})
     * @param messageId       Telegram {@code message.message_id} of the edited message
     * @param sender          {@code message.from}
     * @param text            the new {@code message.text}, exactly as received
     */
    record GroupEdit(long updateId, long chatId, int messageThreadId, long messageId, TelegramSender sender,
                     String text) implements InboundUpdate {
        public static final String KIND = "edited_message";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * A button press on a message the bot sent ({@code callback_query} with {@code message} and {@code data}).
     *
     * @param callbackQueryId {@code callback_query.id}, for answerCallbackQuery
     * @param sender          {@code callback_query.from}
     * @param chatId          {@code message.chat.id}: the chat of the button's message
     * @param messageId       {@code message.message_id}
     * @param data            {@code callback_query.data}, e.g. {@code claim:<conversationId>}
     * @param messageThreadId the forum topic of the button's message ({@code message.message_thread_id} when
     *                        {@code message.is_topic_message}), or null
     */
    record CallbackQuery(long updateId, String callbackQueryId, TelegramSender sender, long chatId, long messageId,
                         String data, Integer messageThreadId) implements InboundUpdate {
        public static final String KIND = "callback_query";

        /** A press on a message outside forum topics. */
        public CallbackQuery(long updateId, String callbackQueryId, TelegramSender sender, long chatId, long messageId,
                             String data) {
            this(updateId, callbackQueryId, sender, chatId, messageId, data, null);
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * An update conversation-service does not handle, with the reason.
     *
     * @param updateId Telegram {@code update_id}
     * @param kind     the update's payload field, e.g. {@code inline_query}
     * @param reason   why it is skipped, for the log and processed_update; never blank
     */
    record Skipped(long updateId, String kind, String reason) implements InboundUpdate {
    }

    /**
     * A value without a readable {@code update_id} (not JSON, not an object, ...): logged, never recorded.
     *
     * @param reason what is wrong with it
     */
    record Unreadable(String reason) implements InboundUpdate {
        @Override
        public long updateId() {
            return -1;
        }

        @Override
        public String kind() {
            return "unreadable";
        }
    }
}
