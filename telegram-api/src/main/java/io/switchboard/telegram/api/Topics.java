package io.switchboard.telegram.api;

/**
 * Kafka topics owned by telegram-ingest-service.
 *
 * <ul>
 *   <li>{@link #UPDATES}: every raw Telegram {@code Update} as received (JSON, exactly the Bot API body),
 *       keyed by the chat id as a decimal string (the sender's user id when the update has no chat,
 *       {@code "0"} when it has neither).</li>
 *   <li>{@link #COMMANDS}: {@link TelegramCommand}s for the bot to execute, keyed by chat id.</li>
 *   <li>{@link #RESULTS}: {@link TelegramResult}s reporting what Telegram answered, keyed by conversation id.</li>
 * </ul>
 */
public final class Topics {
    /** Raw Telegram updates, published by telegram-ingest-service with acks=all. */
    public static final String UPDATES = "telegram.updates";
    /** Commands for the bot (send a message, ...), consumed by telegram-ingest-service. */
    public static final String COMMANDS = "telegram.commands";
    /** Outcomes of commands, published by telegram-ingest-service. */
    public static final String RESULTS = "telegram.results";

    private Topics() {
    }
}
