package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.ProcessedUpdate;
import io.switchboard.conversation.domain.UpdateOutcome;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** The {@code processed_update} table: which Telegram updates were consumed and what became of them. */
@ApplicationScoped
@WithSession
public class ProcessedUpdateRepository implements PanacheRepositoryBase<ProcessedUpdate, Long> {

    /**
     * Records an update unless its update_id is already there ({@code INSERT ... ON CONFLICT DO NOTHING}); a
     * concurrent transaction inserting the same id makes this one wait for it, then find it.
     *
     * @return true when this call recorded it, false when it had been processed before
     */
    public Uni<Boolean> recordIfNew(long updateId, String kind, UpdateOutcome outcome, String reason, Instant now) {
        return getSession().chain(session -> session.createNativeQuery("""
                        insert into processed_update (update_id, kind, outcome, reason, received_at)
                        values (:updateId, :kind, :outcome, :reason, :now)
                        on conflict (update_id) do nothing""")
                .setParameter("updateId", updateId)
                .setParameter("kind", kind)
                .setParameter("outcome", outcome.name())
                .setParameter("reason", reason)
                .setParameter("now", now)
                .executeUpdate())
                .map(rows -> rows == 1);
    }

    /** Sets the outcome and reason of an update recorded earlier in this transaction. */
    public Uni<Void> settle(long updateId, UpdateOutcome outcome, String reason) {
        return update("outcome = ?1, reason = ?2 where updateId = ?3", outcome, reason, updateId).replaceWithVoid();
    }
}
