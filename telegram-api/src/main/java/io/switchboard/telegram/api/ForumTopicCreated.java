package io.switchboard.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * Telegram created the forum topic a {@link CreateForumTopic} asked for (Bot API {@code ForumTopic}).
 *
 * @param chatId          the support group
 * @param messageThreadId the new topic's {@code message_thread_id}
 * @param name            the topic name Telegram stored
 */
public record ForumTopicCreated(UUID eventId, int version, Instant occurredAt, UUID conversationId,
                                UUID commandId, long chatId, int messageThreadId, String name)
        implements TelegramResult {

    public static final String TYPE = "forum_topic.created";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public ForumTopicCreated {
        if (version == 0) {
            version = 1;
        }
    }

    /** The result for {@code command}, stamped now. */
    public static ForumTopicCreated of(CreateForumTopic command, int messageThreadId, String name) {
        return new ForumTopicCreated(UUID.randomUUID(), 1, Instant.now(), command.conversationId(),
                command.commandId(), command.chatId(), messageThreadId, name);
    }

    /** No stored message: always null. */
    @Override
    @JsonIgnore
    public UUID messageId() {
        return null;
    }
}
