package io.switchboard.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Create a forum topic for a conversation in the support group, per Bot API {@code createForumTopic} (the bot
 * needs {@code can_manage_topics}). Answered by {@link ForumTopicCreated} or {@link CommandFailed}.
 *
 * @param chatId    the support group (a forum supergroup, negative id)
 * @param name      topic name, 1–128 characters
 * @param iconColor one of Telegram's six RGB colours, or null for the default
 */
public record CreateForumTopic(UUID commandId, int version, Instant occurredAt, UUID conversationId, long chatId,
                               String name, Integer iconColor) implements TelegramCommand {

    public static final String TYPE = "create_forum_topic";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public CreateForumTopic {
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
    public static CreateForumTopic of(UUID conversationId, long chatId, String name, Integer iconColor) {
        return new CreateForumTopic(UUID.randomUUID(), 1, Instant.now(), conversationId, chatId, name, iconColor);
    }

    /** No stored message: always null. */
    @Override
    @JsonIgnore
    public UUID messageId() {
        return null;
    }
}
