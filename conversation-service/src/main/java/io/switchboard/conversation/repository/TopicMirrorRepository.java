package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.TopicMirror;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.UUID;

/** The {@code topic_mirror} table: where each mirrored message's copy is in its forum topic. */
@ApplicationScoped
@WithSession
public class TopicMirrorRepository implements PanacheRepositoryBase<TopicMirror, UUID> {

    /** The copy of {@code messageId} locked {@code FOR UPDATE} for this transaction, or null when it was never mirrored. */
    public Uni<TopicMirror> lock(UUID messageId) {
        return findById(messageId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The copy posted by the mirror command {@code commandId}, locked {@code FOR UPDATE}, or null. */
    public Uni<TopicMirror> lockByCommand(UUID commandId) {
        return find("commandId", commandId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
