package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** The {@code setting} table: run-time settings as JSON values by key. */
@ApplicationScoped
@WithSession
public class SettingRepository {

    /** The JSON text stored under {@code key}, or null. */
    public Uni<String> read(String key) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select cast(s.value as text) from setting s where s.key = :key", String.class)
                .setParameter("key", key)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : rows.get(0)));
    }

    /**
     * Stores {@code json} (a JSON object text) under {@code key}, by admin {@code updatedBy}. (Bound as text and cast
     * in SQL: the reactive driver would store a String bound straight to a jsonb parameter as a JSON string.)
     */
    public Uni<Void> write(String key, String json, UUID updatedBy, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into setting (key, value, updated_at, updated_by)
                        values (:key, cast(cast(:value as text) as jsonb), :now, :by)
                        on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at,
                                                        updated_by = excluded.updated_by""")
                .setParameter("key", key)
                .setParameter("value", json)
                .setParameter("now", now)
                .setParameter("by", updatedBy)
                .executeUpdate()
                .replaceWithVoid());
    }
}
