package io.switchboard.emulator.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A topic of a forum supergroup, per Bot API createForumTopic/ForumTopic.
 *
 * @param chatId          the forum supergroup
 * @param messageThreadId the topic id: the message_id of its {@code forum_topic_created} service message
 * @param name            1-128 characters
 * @param iconColor       RGB colour of the topic icon (one of Telegram's six)
 * @param closed          closeForumTopic was called (sends answer 400 TOPIC_CLOSED until reopenForumTopic)
 * @param deleted         deleteForumTopic was called, or an admin deleted it (sends answer 400 message thread not found)
 * @param creationMessage the {@code forum_topic_created} service Message; every topic message replies to it
 */
public record ForumTopic(long chatId, long messageThreadId, String name, int iconColor, boolean closed,
        boolean deleted, ObjectNode creationMessage) {

    /** Icon colours createForumTopic accepts; the first is the default. */
    public static final int[] ICON_COLORS = {7322096, 16766590, 13338331, 9367192, 16749490, 16478047};

    /** Longest topic name in characters. */
    public static final int MAX_NAME_LENGTH = 128;

    /** The topic renamed. */
    public ForumTopic withName(String newName) {
        return new ForumTopic(chatId, messageThreadId, newName, iconColor, closed, deleted, creationMessage);
    }

    /** The topic closed or reopened. */
    public ForumTopic withClosed(boolean nowClosed) {
        return new ForumTopic(chatId, messageThreadId, name, iconColor, nowClosed, deleted, creationMessage);
    }

    /** The topic deleted. */
    public ForumTopic asDeleted() {
        return new ForumTopic(chatId, messageThreadId, name, iconColor, closed, true, creationMessage);
    }

    /** The Bot API ForumTopic object {@code {message_thread_id, name, icon_color}}. */
    public ObjectNode toBotApi() {
        return JsonNodeFactory.instance.objectNode()
                .put("message_thread_id", messageThreadId)
                .put("name", name)
                .put("icon_color", iconColor);
    }
}
