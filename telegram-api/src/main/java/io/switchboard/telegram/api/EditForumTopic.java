package io.switchboard.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Rename a forum topic, per Bot API {@code editForumTopic}. Answered by {@link CommandCompleted} or
 * {@link CommandFailed} ({@link FailureKind#TOPIC_MISSING} when the topic is gone).
 *
 * @param chatId          the support group (forum supergroup)
 * @param messageThreadId the topic's {@code message_thread_id}
 * @param name            new topic name, 1–128 characters
 */
public record EditForumTopic(UUID commandId, int version, Instant occurredAt, UUID conversationId, long chatId,
                             int messageThreadId, String name) implements TelegramCommand {

    public static final String TYPE = "edit_forum_topic";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public EditForumTopic {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(name, "name");
        if (version == 0) {
            version = 1;
        }
        if (occurredAt == null) {
            occurredAt = Instant.now();
        }
    }

    /** Creates a version-1 command with a fresh id, issued now. */
    public static EditForumTopic of(UUID conversationId, long chatId, int messageThreadId, String name) {
        return new EditForumTopic(UUID.randomUUID(), 1, Instant.now(), conversationId, chatId, messageThreadId, name);
    }

    /** No stored message: always null. */
    @Override
    @JsonIgnore
    public UUID messageId() {
        return null;
    }
}
