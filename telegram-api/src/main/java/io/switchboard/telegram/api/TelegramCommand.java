package io.switchboard.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.UUID;

/**
 * A command for the Telegram bot, published on {@link Topics#COMMANDS} and executed by telegram-ingest-service.
 * On the wire each command is a JSON object whose {@code type} property names the command
 * (e.g. {@code "send_message"}); the Kafka key is the target chat id.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SendMessage.class, name = SendMessage.TYPE)
})
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"type"}) // the wire name first, as producers always wrote it
public sealed interface TelegramCommand permits SendMessage {

    /** Unique id of this command; results echo it, executors use it to drop redeliveries. */
    UUID commandId();

    /** Wire name of the command, e.g. {@code "send_message"}. */
    String type();

    /** Schema version of this command's shape, starting at 1. */
    int version();

    /** When the command was issued. */
    Instant occurredAt();

    /** The conversation the command belongs to. */
    UUID conversationId();

    /** Target Telegram chat id (int64; may exceed 32 bits). */
    long chatId();
}
