package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * Where the copy of one stored message is in its conversation's forum topic (a customer message or an operator's
 * web reply, mirrored by {@code ForumTopics}), so that an edit or a deletion of the message can be applied to the
 * copy. One row per mirrored message, written with the mirror's {@code send_message}; the Telegram ids arrive with
 * that command's {@code message.delivered}.
 */
@Entity
@Table(name = "topic_mirror")
public class TopicMirror extends PanacheEntityBase {

    /** The stored message. */
    @Id
    @Column(name = "message_id")
    public UUID messageId;

    @Column(name = "conversation_id", nullable = false)
    public UUID conversationId;

    /** The support group the copy was posted in. */
    @Column(name = "chat_id", nullable = false)
    public long chatId;

    /** The forum topic (thread) the copy was posted in. */
    @Column(name = "message_thread_id", nullable = false)
    public int messageThreadId;

    /** The mirror's {@code send_message} (mirror commands carry no message id: its result is matched by this). */
    @Column(name = "command_id", nullable = false)
    public UUID commandId;

    /**
     * Telegram's {@code message_id} of each part of the copy, in order, as a list text (e.g. {@code [21,22]}); null
     * until the mirror is delivered.
     */
    @Column(name = "telegram_message_ids")
    public String telegramMessageIds;

    /** The message was edited or deleted before the copy was delivered: the delivery brings the copy up to date. */
    @Column(name = "changed_while_pending", nullable = false)
    public boolean changedWhilePending;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Whether Telegram has reported the copy's message ids. */
    public boolean delivered() {
        return telegramMessageIds != null;
    }
}
