package io.switchboard.emulator.domain;

import java.time.Instant;

/**
 * A press of an inline keyboard button, delivered to the bot as a {@code callback_query} Update, and the bot's
 * answerCallbackQuery once it comes.
 *
 * @param id        the callback query id (a fresh decimal string)
 * @param chatId    chat of the message carrying the button
 * @param messageId that message
 * @param fromId    the user who pressed
 * @param data      the button's {@code callback_data}
 * @param at        when it was pressed
 * @param answer    the answer, or null while unanswered
 */
public record CallbackQuery(String id, long chatId, long messageId, long fromId, String data, Instant at,
        Answer answer) {

    /** Longest answerCallbackQuery text in characters. */
    public static final int MAX_ANSWER_TEXT_LENGTH = 200;

    /**
     * The bot's answerCallbackQuery.
     *
     * @param callbackQueryId the query answered
     * @param text            notification text (0-200 characters), or null
     * @param showAlert       an alert rather than a toast
     * @param url             the url parameter, or null
     * @param cacheTime       cache_time in seconds, or null
     * @param at              when it was answered
     */
    public record Answer(String callbackQueryId, String text, boolean showAlert, String url, Long cacheTime,
            Instant at) {
    }

    /** This query with its answer. */
    public CallbackQuery answered(Answer newAnswer) {
        return new CallbackQuery(id, chatId, messageId, fromId, data, at, newAnswer);
    }
}
