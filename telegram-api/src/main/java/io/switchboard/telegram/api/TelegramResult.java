package io.switchboard.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.UUID;

/**
 * What Telegram answered to a {@link TelegramCommand}, published on {@link Topics#RESULTS} by
 * telegram-ingest-service and keyed by conversation id. {@code type} is dotted on the wire
 * (e.g. {@code "message.delivered"}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = MessageDelivered.class, name = MessageDelivered.TYPE),
        @JsonSubTypes.Type(value = MessageDeliveryFailed.class, name = MessageDeliveryFailed.TYPE),
        @JsonSubTypes.Type(value = ForumTopicCreated.class, name = ForumTopicCreated.TYPE),
        @JsonSubTypes.Type(value = CommandCompleted.class, name = CommandCompleted.TYPE),
        @JsonSubTypes.Type(value = CommandFailed.class, name = CommandFailed.TYPE)
})
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"type"}) // the wire name first, as producers always wrote it
public sealed interface TelegramResult permits MessageDelivered, MessageDeliveryFailed, ForumTopicCreated,
        CommandCompleted, CommandFailed {

    /** Unique id of this result. */
    UUID eventId();

    /** Wire name, e.g. {@code "message.delivered"}. */
    String type();

    /** Schema version, starting at 1. */
    int version();

    /** When Telegram answered. */
    Instant occurredAt();

    /** Conversation of the command (the Kafka key); null only for an {@link AnswerCallbackQuery} without one. */
    UUID conversationId();

    /** The command this result answers. */
    UUID commandId();

    /** The stored message the command carried, or null when it carried none. */
    UUID messageId();

    /** The Telegram chat the command targeted. */
    long chatId();
}
