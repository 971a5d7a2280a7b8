package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.ConversationTimer;
import io.switchboard.conversation.domain.TimerKind;
import io.switchboard.conversation.domain.TimerPlan;
import io.switchboard.conversation.domain.TimerSettings;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The {@code conversation_timer} table. Rows are written only with native statements (the entity is read-only), and
 * read ones are detached, so a transaction that re-plans one conversation several times always sees the database.
 */
@ApplicationScoped
@WithSession
public class TimerRepository implements PanacheRepositoryBase<ConversationTimer, ConversationTimer.Key> {

    /** The conversation's timer rows (detached). */
    public Uni<List<ConversationTimer>> listFor(UUID conversationId) {
        return getSession().chain(session -> session.createNativeQuery(
                        "select t.* from conversation_timer t where t.conversation_id = :id", ConversationTimer.class)
                .setParameter("id", conversationId)
                .getResultList()
                .invoke(rows -> rows.forEach(session::detach)));
    }

    /**
     * Inserts or updates the row of {@code planned}. An existing row keeps its {@code fired_at} while its anchor is
     * unchanged (same unclaimed period, same last message): a fired timer is not re-armed; a new anchor re-arms it.
     * Evaluated on the row as committed, so it is safe against a sweep that fires it at the same moment.
     */
    public Uni<Integer> upsert(UUID conversationId, TimerPlan.Planned planned) {
        String due = planned.dueAt() == null ? "null" : ":due";
        return getSession().chain(session -> session.flush().chain(() -> {
            var query = session.createNativeQuery("""
                            insert into conversation_timer (conversation_id, kind, due_at, fired_at, anchor_at, threshold)
                            values (:id, :kind, %s, null, :anchor, :threshold)
                            on conflict (conversation_id, kind) do update set
                                due_at = excluded.due_at,
                                anchor_at = excluded.anchor_at,
                                threshold = excluded.threshold,
                                fired_at = case when conversation_timer.anchor_at = excluded.anchor_at
                                                then conversation_timer.fired_at end
                            where conversation_timer.due_at is distinct from excluded.due_at
                               or conversation_timer.anchor_at is distinct from excluded.anchor_at
                               or conversation_timer.threshold is distinct from excluded.threshold""".formatted(due))
                    .setParameter("id", conversationId)
                    .setParameter("kind", planned.kind().name())
                    .setParameter("anchor", planned.anchorAt())
                    .setParameter("threshold", planned.threshold());
            if (planned.dueAt() != null) {
                query.setParameter("due", planned.dueAt());
            }
            return query.executeUpdate();
        }));
    }

    /** Deletes the conversation's rows whose kind is not in {@code keep} (all of them when it is empty). */
    public Uni<Integer> deleteOthers(UUID conversationId, Collection<TimerKind> keep) {
        if (keep.isEmpty()) {
            return getSession().chain(session -> session
                    .createNativeQuery("delete from conversation_timer where conversation_id = :id")
                    .setParameter("id", conversationId)
                    .executeUpdate());
        }
        return getSession().chain(session -> session
                .createNativeQuery("delete from conversation_timer where conversation_id = :id and kind not in (:kinds)")
                .setParameter("id", conversationId)
                .setParameter("kinds", keep.stream().map(Enum::name).toList())
                .executeUpdate());
    }

    /**
     * Claims due rows for this transaction: unfired, due at or before {@code now}, oldest first, locked
     * {@code FOR UPDATE SKIP LOCKED} (rows another replica holds are left to it). Detached.
     */
    public Uni<List<ConversationTimer>> lockDue(Instant now, int limit) {
        return getSession().chain(session -> session.createNativeQuery("""
                        select t.* from conversation_timer t
                        where t.fired_at is null and t.due_at <= :now
                        order by t.due_at limit :limit for update skip locked""", ConversationTimer.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList()
                .invoke(rows -> rows.forEach(session::detach)));
    }

    /** Claims one row if it is still unfired and due, {@code FOR UPDATE SKIP LOCKED}; null otherwise. Detached. */
    public Uni<ConversationTimer> lockDue(UUID conversationId, TimerKind kind, Instant now) {
        return getSession().chain(session -> session.createNativeQuery("""
                        select t.* from conversation_timer t
                        where t.conversation_id = :id and t.kind = :kind and t.fired_at is null and t.due_at <= :now
                        for update skip locked""", ConversationTimer.class)
                .setParameter("id", conversationId)
                .setParameter("kind", kind.name())
                .setParameter("now", now)
                .getResultList()
                .invoke(rows -> rows.forEach(session::detach))
                .map(rows -> rows.isEmpty() ? null : rows.get(0)));
    }

    /** Keys of due unfired rows, oldest first, without locking (for one-by-one retries). */
    public Uni<List<ConversationTimer>> listDue(Instant now, int limit) {
        return getSession().chain(session -> session.createNativeQuery("""
                        select t.* from conversation_timer t
                        where t.fired_at is null and t.due_at <= :now
                        order by t.due_at limit :limit""", ConversationTimer.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList()
                .invoke(rows -> rows.forEach(session::detach)));
    }

    /** Sets {@code fired_at} of a row that has not fired; returns 1 when it did, 0 when it is gone or fired. */
    public Uni<Integer> markFired(UUID conversationId, TimerKind kind, Instant now) {
        return getSession().chain(session -> session.flush().chain(() -> session.createNativeQuery("""
                        update conversation_timer set fired_at = :now
                        where conversation_id = :id and kind = :kind and fired_at is null""")
                .setParameter("now", now)
                .setParameter("id", conversationId)
                .setParameter("kind", kind.name())
                .executeUpdate()));
    }

    /** Moves an unfired row's due time (a retry after a failure). */
    public Uni<Integer> postpone(UUID conversationId, TimerKind kind, Instant dueAt) {
        return getSession().chain(session -> session.createNativeQuery("""
                        update conversation_timer set due_at = :due
                        where conversation_id = :id and kind = :kind and fired_at is null""")
                .setParameter("due", dueAt)
                .setParameter("id", conversationId)
                .setParameter("kind", kind.name())
                .executeUpdate());
    }

    /** Advisory lock key that serialises re-planning across replicas. */
    private static final long REPLAN_LOCK = 0x5357_4254_494d_4552L; // "SWBTIMER"

    /**
     * Re-plans every unfired row with the thresholds {@code settings}: due = anchor + the row's threshold, or null
     * (disabled) when it is 0. Rows already right are not written. Takes a transaction-scoped advisory lock first,
     * so two replicas re-planning at once take turns.
     *
     * @return rows changed
     */
    public Uni<Integer> replanAll(TimerSettings settings) {
        return getSession().chain(session -> session.createNativeQuery("select pg_advisory_xact_lock(:key)")
                        .setParameter("key", REPLAN_LOCK)
                        .getSingleResult())
                .chain(() -> Multi.createFrom().iterable(TimerSettings.NAMES)
                        .onItem().transformToUniAndConcatenate(name -> replan(name, settings.seconds(name)))
                        .collect().asList())
                .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
    }

    private Uni<Integer> replan(String threshold, int seconds) {
        String due = seconds > 0 ? "anchor_at + (:seconds * interval '1 second')" : "null";
        return getSession().chain(session -> {
            var query = session.createNativeQuery("update conversation_timer set due_at = " + due
                            + " where threshold = :threshold and fired_at is null and anchor_at is not null"
                            + " and due_at is distinct from " + due)
                    .setParameter("threshold", threshold);
            if (seconds > 0) {
                query.setParameter("seconds", seconds);
            }
            return query.executeUpdate();
        });
    }
}
