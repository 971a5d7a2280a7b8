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
        @JsonSubTypes.Type(value = SendMessage.class, name = SendMessage.TYPE),
        @JsonSubTypes.Type(value = SendMedia.class, name = SendMedia.TYPE),
        @JsonSubTypes.Type(value = EditMessageText.class, name = EditMessageText.TYPE),
        @JsonSubTypes.Type(value = DeleteMessage.class, name = DeleteMessage.TYPE),
        @JsonSubTypes.Type(value = CreateForumTopic.class, name = CreateForumTopic.TYPE),
        @JsonSubTypes.Type(value = EditForumTopic.class, name = EditForumTopic.TYPE),
        @JsonSubTypes.Type(value = CloseForumTopic.class, name = CloseForumTopic.TYPE),
        @JsonSubTypes.Type(value = ReopenForumTopic.class, name = ReopenForumTopic.TYPE),
        @JsonSubTypes.Type(value = AnswerCallbackQuery.class, name = AnswerCallbackQuery.TYPE),
        @JsonSubTypes.Type(value = SendChatAction.class, name = SendChatAction.TYPE)
})
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"type"}) // the wire name first, as producers always wrote it
public sealed interface TelegramCommand permits SendMessage, SendMedia, EditMessageText, DeleteMessage,
        CreateForumTopic, EditForumTopic, CloseForumTopic, ReopenForumTopic, AnswerCallbackQuery, SendChatAction {

    /** Unique id of this command; results echo it, executors use it to drop redeliveries. */
    UUID commandId();

    /** Wire name of the command, e.g. {@code "send_message"}. */
    String type();

    /** Schema version of this command's shape, starting at 1. */
    int version();

    /** When the command was issued. */
    Instant occurredAt();

    /** The conversation the command belongs to; null only for an {@link AnswerCallbackQuery} without one. */
    UUID conversationId();

    /** The stored message the command carries, or null for commands that carry none. */
    UUID messageId();

    /** Target Telegram chat id (int64; may exceed 32 bits). */
    long chatId();
}
