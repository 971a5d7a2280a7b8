package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.OutboxEntry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** The {@code outbox} table. */
@ApplicationScoped
@WithSession
public class OutboxRepository implements PanacheRepositoryBase<OutboxEntry, Long> {

    /** Advisory lock key held by the relay pass that publishes; other passes skip. */
    private static final long RELAY_LOCK = 0x5357_424f_5554_4258L; // "SWBOUTBX"

    /**
     * Takes the relay's transaction-scoped advisory lock if it is free ({@code pg_try_advisory_xact_lock}), so that
     * one relay pass at a time, across all replicas, publishes: that keeps each key's records in id order.
     *
     * @return true when this transaction now holds it (released at commit or rollback)
     */
    public Uni<Boolean> tryLockRelay() {
        return getSession().chain(session -> session
                .createNativeQuery("select pg_try_advisory_xact_lock(:key)", Boolean.class)
                .setParameter("key", RELAY_LOCK)
                .getSingleResult());
    }

    /** The oldest unpublished rows, in id order, locked {@code FOR UPDATE SKIP LOCKED}. */
    public Uni<List<OutboxEntry>> lockUnpublished(int limit) {
        return getSession().chain(session -> session.createNativeQuery("""
                        select o.* from outbox o where o.published_at is null
                        order by o.id limit :limit for update skip locked""", OutboxEntry.class)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** Marks these rows published at {@code now}. */
    public Uni<Integer> markPublished(List<Long> ids, Instant now) {
        return update("publishedAt = ?1 where id in ?2", now, ids);
    }

    /** Deletes rows published before {@code cutoff}; returns how many. */
    public Uni<Long> deletePublishedBefore(Instant cutoff) {
        return delete("publishedAt is not null and publishedAt < ?1", cutoff);
    }
}
