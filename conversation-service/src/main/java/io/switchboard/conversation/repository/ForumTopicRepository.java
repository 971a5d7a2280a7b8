package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.ForumTopic;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.UUID;

/** The {@code forum_topic} table: one row per conversation that has (or requested) a topic in the support group. */
@ApplicationScoped
@WithSession
public class ForumTopicRepository implements PanacheRepositoryBase<ForumTopic, UUID> {

    /** The topic with this thread in this group (ACTIVE or CLOSED), or null. */
    public Uni<ForumTopic> findByThread(long chatId, int messageThreadId) {
        return find("chatId = ?1 and messageThreadId = ?2", chatId, messageThreadId).firstResult();
    }

    /** The conversation's topic locked {@code FOR UPDATE} for this transaction, or null. */
    public Uni<ForumTopic> lock(UUID conversationId) {
        return findById(conversationId, LockModeType.PESSIMISTIC_WRITE);
    }
}
