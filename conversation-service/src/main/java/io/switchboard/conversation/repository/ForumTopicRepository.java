package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.ForumTopic;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** The {@code forum_topic} table: one row per conversation that has (or requested) a topic in the support group. */
@ApplicationScoped
@WithSession
public class ForumTopicRepository implements PanacheRepositoryBase<ForumTopic, UUID> {

    /** Lock modes of a row this transaction holds (WRITE: persisted by it). */
    private static final Set<LockMode> LOCKED = EnumSet.of(LockMode.WRITE, LockMode.PESSIMISTIC_WRITE,
            LockMode.PESSIMISTIC_FORCE_INCREMENT, LockMode.UPGRADE_NOWAIT, LockMode.UPGRADE_SKIPLOCKED);

    /** The topic with this thread in this group (ACTIVE or CLOSED), or null. */
    public Uni<ForumTopic> findByThread(long chatId, int messageThreadId) {
        return find("chatId = ?1 and messageThreadId = ?2", chatId, messageThreadId).firstResult();
    }

    /**
     * The conversation's topic locked {@code FOR UPDATE} for this transaction, with its state as committed when the
     * lock was granted, or null. Every change of a topic row goes through this (the row has no version column): a
     * topic read earlier in the session without the lock (e.g. by {@link #findByThread}) is re-read under the lock,
     * so a concurrent {@code forum_topic.created} or TOPIC_MISSING heal is never overwritten with stale data.
     */
    public Uni<ForumTopic> lock(UUID conversationId) {
        return getSession().chain(session -> session.find(ForumTopic.class, conversationId).chain(topic -> {
            if (topic == null) {
                return Uni.createFrom().nullItem();
            }
            if (LOCKED.contains(session.getLockMode(topic))) {
                return Uni.createFrom().item(topic); // locked (or created) earlier in this transaction: current
            }
            return session.refresh(topic, LockMode.PESSIMISTIC_WRITE).replaceWith(topic);
        }));
    }

}
