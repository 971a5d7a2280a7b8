package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * The forum topic of one conversation in the support group (Telegram's own word: a thread of a forum supergroup,
 * identified by {@code message_thread_id} = the message id of its {@code forum_topic_created} service message, per
 * Bot API createForumTopic). One row per conversation, created when the topic is requested.
 */
@Entity
@Table(name = "forum_topic")
public class ForumTopic extends PanacheEntityBase {

    /** Where a topic stands. */
    public enum Status {
        /** createForumTopic was queued ({@link #commandId}); no thread id yet. */
        PENDING,
        /** The topic exists; mirrors and actions go to {@link #messageThreadId}. */
        ACTIVE,
        /** The conversation was closed and so was its topic. */
        CLOSED,
        /** Telegram said the thread is gone and no new topic could be requested. */
        LOST
    }

    @Id
    @Column(name = "conversation_id")
    public UUID conversationId;

    /** The support group (a negative int64 chat id). */
    @Column(name = "chat_id", nullable = false)
    public long chatId;

    /** Telegram's thread id; null while PENDING. */
    @Column(name = "message_thread_id")
    public Integer messageThreadId;

    /** The title as last requested (1–128 chars, see {@link TopicTitle}). */
    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** The pending createForumTopic's command id (matched against {@code forum_topic.created}). */
    @Column(name = "command_id")
    public UUID commandId;

    /** The thread that was lost before the current request, or null. */
    @Column(name = "lost_thread_id")
    public Integer lostThreadId;

    /** The mirror that failed when the thread was lost (shown in the new topic's summary), or null. */
    @Column(name = "lost_text")
    public String lostText;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Whether messages can be sent into the topic now (ACTIVE or CLOSED: a closed topic still takes bot messages). */
    public boolean hasThread() {
        return messageThreadId != null && (status == Status.ACTIVE || status == Status.CLOSED);
    }
}
