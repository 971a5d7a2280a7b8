package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.SystemMessageTemplate;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** The {@code system_message_template} and {@code system_message_emission} tables. */
@ApplicationScoped
@WithSession
public class SystemMessageTemplateRepository implements PanacheRepositoryBase<SystemMessageTemplate, String> {

    /**
     * Records that {@code key} is emitted into the conversation at {@code now}, unless it was emitted less than
     * {@code rateLimitSeconds} ago (0 = no limit). Atomic per (conversation, key): of two concurrent emissions
     * within the limit exactly one passes.
     *
     * @return true when the emission may go ahead (and is now recorded)
     */
    public Uni<Boolean> tryEmit(UUID conversationId, String key, int rateLimitSeconds, Instant now) {
        String limit = rateLimitSeconds > 0 ? " where system_message_emission.emitted_at <= :cutoff" : "";
        return getSession().chain(session -> session.flush().chain(() -> {
            var query = session.createNativeQuery("""
                            insert into system_message_emission (conversation_id, key, emitted_at)
                            values (:id, :key, :now)
                            on conflict (conversation_id, key) do update set emitted_at = excluded.emitted_at""" + limit)
                    .setParameter("id", conversationId)
                    .setParameter("key", key)
                    .setParameter("now", now);
            if (rateLimitSeconds > 0) {
                query.setParameter("cutoff", now.minusSeconds(rateLimitSeconds));
            }
            return query.executeUpdate().map(rows -> rows > 0);
        }));
    }
}
