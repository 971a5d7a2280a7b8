package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.ProcessedUpdate;
import io.switchboard.conversation.domain.UpdateOutcome;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * The {@code processed_update} table: which Telegram updates were consumed and what became of them, keyed by
 * (bot id, update_id) since Telegram numbers update_ids per bot.
 */
@ApplicationScoped
@WithSession
public class ProcessedUpdateRepository implements PanacheRepositoryBase<ProcessedUpdate, ProcessedUpdate.Key> {

    /**
     * Records an update unless the same bot's update_id is already there ({@code INSERT ... ON CONFLICT DO
     * NOTHING}); a concurrent transaction inserting the same key makes this one wait for it, then find it.
     *
     * @param botId    the receiving bot's id; 0 when unknown (a record without the {@code telegram-bot-id} header)
     * @param updateId Telegram {@code update_id}
     * @return true when this call recorded it, false when it had been processed before
     */
    public Uni<Boolean> recordIfNew(long botId, long updateId, String kind, UpdateOutcome outcome, String reason,
                                    Instant now) {
        return getSession().chain(session -> session.createNativeQuery("""
                        insert into processed_update (bot_id, update_id, kind, outcome, reason, received_at)
                        values (:botId, :updateId, :kind, :outcome, :reason, :now)
                        on conflict (bot_id, update_id) do nothing""")
                .setParameter("botId", botId)
                .setParameter("updateId", updateId)
                .setParameter("kind", kind)
                .setParameter("outcome", outcome.name())
                .setParameter("reason", reason)
                .setParameter("now", now)
                .executeUpdate())
                .map(rows -> rows == 1);
    }

    /** Sets the outcome and reason of an update (of bot {@code botId}) recorded earlier in this transaction. */
    public Uni<Void> settle(long botId, long updateId, UpdateOutcome outcome, String reason) {
        return update("outcome = ?1, reason = ?2 where botId = ?3 and updateId = ?4", outcome, reason, botId, updateId)
                .replaceWithVoid();
    }
}
