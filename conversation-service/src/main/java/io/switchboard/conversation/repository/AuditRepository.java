package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.AuditEntry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The {@code audit_entry} table. */
@ApplicationScoped
@WithSession
public class AuditRepository implements PanacheRepositoryBase<AuditEntry, UUID> {

    /**
     * One page of the audit log, newest first: ordered by (occurred_at, id) descending, starting after the position
     * {@code (beforeOccurredAt, beforeId)} when given.
     *
     * @param conversationId only entries about this conversation, or null for all
     * @param action         only this action (e.g. {@code tag.attached}), or null for all
     * @param actorId        only this operator's actions, or null for all
     * @param limit          at most this many rows
     */
    public Uni<List<AuditEntry>> page(UUID conversationId, String action, UUID actorId, Instant beforeOccurredAt,
                                      UUID beforeId, int limit) {
        StringBuilder sql = new StringBuilder("select a.* from audit_entry a where true");
        if (conversationId != null) {
            sql.append(" and a.conversation_id = :conversationId");
        }
        if (action != null) {
            sql.append(" and a.action = :action");
        }
        if (actorId != null) {
            sql.append(" and a.actor_id = :actorId");
        }
        if (beforeOccurredAt != null) {
            sql.append(" and (a.occurred_at, a.id) < (:beforeOccurredAt, :beforeId)");
        }
        sql.append(" order by a.occurred_at desc, a.id desc limit :limit");
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString(), AuditEntry.class).setParameter("limit", limit);
            if (conversationId != null) {
                query.setParameter("conversationId", conversationId);
            }
            if (action != null) {
                query.setParameter("action", action);
            }
            if (actorId != null) {
                query.setParameter("actorId", actorId);
            }
            if (beforeOccurredAt != null) {
                query.setParameter("beforeOccurredAt", beforeOccurredAt).setParameter("beforeId", beforeId);
            }
            return query.getResultList();
        });
    }
}
