package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.Note;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The {@code note} table. */
@ApplicationScoped
@WithSession
public class NoteRepository implements PanacheRepositoryBase<Note, UUID> {

    /**
     * One page of a conversation's notes, oldest first: ordered by (created_at, id), starting after the position
     * {@code (afterCreatedAt, afterId)} when given.
     */
    public Uni<List<Note>> page(UUID conversationId, Instant afterCreatedAt, UUID afterId, int limit) {
        String keyset = afterCreatedAt == null ? "" : " and (n.created_at, n.id) > (:afterCreatedAt, :afterId)";
        return getSession().chain(session -> {
            var query = session.createNativeQuery("select n.* from note n where n.conversation_id = :conversationId"
                            + keyset + " order by n.created_at, n.id limit :limit", Note.class)
                    .setParameter("conversationId", conversationId)
                    .setParameter("limit", limit);
            if (afterCreatedAt != null) {
                query.setParameter("afterCreatedAt", afterCreatedAt).setParameter("afterId", afterId);
            }
            return query.getResultList();
        });
    }
}
