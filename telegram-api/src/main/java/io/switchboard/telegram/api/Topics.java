package io.switchboard.telegram.api;

/**
 * Kafka topics owned by telegram-ingest-service.
 *
 * <ul>
 *   <li>{@link #UPDATES}: every raw Telegram {@code Update} as received (JSON, exactly the Bot API body),
 *       keyed by the chat id as a decimal string (the sender's user id when the update has no chat,
 *       {@code "0"} when it has neither). Every record carries the header {@link #BOT_ID_HEADER}
 *       ({@value #BOT_ID_HEADER}): the numeric id of the bot that received the update, as a decimal UTF-8 string
 *       (the id {@code getMe} returns, equal to the bot token's prefix before {@code ':'}). Telegram numbers
 *       {@code update_id}s per bot, so an update is identified by (bot id, {@code update_id}), never by its
 *       {@code update_id} alone: after the bot token is switched to another bot, the new bot's ids may repeat the
 *       old bot's. Records published before the header existed have none.</li>
 *   <li>{@link #COMMANDS}: {@link TelegramCommand}s for the bot to execute, keyed by chat id.</li>
 *   <li>{@link #RESULTS}: {@link TelegramResult}s reporting what Telegram answered, keyed by conversation id.</li>
 * </ul>
 */
public final class Topics {
    /** Raw Telegram updates, published by telegram-ingest-service with acks=all. */
    public static final String UPDATES = "telegram.updates";
    /**
     * Header of every {@link #UPDATES} record: the receiving bot's numeric id as a decimal UTF-8 string, e.g.
     * {@code "4242424242"}. Consumers de-duplicate by (this id, {@code update_id}).
     */
    public static final String BOT_ID_HEADER = "telegram-bot-id";
    /** Commands for the bot (send a message, ...), consumed by telegram-ingest-service. */
    public static final String COMMANDS = "telegram.commands";
    /** Outcomes of commands, published by telegram-ingest-service. */
    public static final String RESULTS = "telegram.results";

    private Topics() {
    }
}
