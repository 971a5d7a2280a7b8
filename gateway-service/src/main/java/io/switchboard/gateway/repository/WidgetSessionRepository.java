package io.switchboard.gateway.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.domain.WidgetSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** Widget customers' refresh tokens in table {@code widget_session}. Every method needs the caller's transaction. */
@ApplicationScoped
public class WidgetSessionRepository implements PanacheRepositoryBase<WidgetSession, UUID> {

    /** The token whose secret hashes to {@code tokenHash}, or {@code null}. */
    public Uni<WidgetSession> findByHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    /**
     * Marks {@code id} as used and replaced by {@code successor}, only if nobody did so first.
     *
     * @return 1 when this caller won, 0 when the token was already revoked (a concurrent or repeated use)
     */
    public Uni<Integer> markReplaced(UUID id, UUID successor, Instant now) {
        return update("revokedAt = ?2, replacedBy = ?3 where id = ?1 and revokedAt is null", id, now, successor);
    }

    /** When and into what a token was exchanged, as committed (both null while it is unused). */
    public record Exchange(Instant revokedAt, UUID replacedBy) {
    }

    /**
     * The committed {@code revokedAt} and {@code replacedBy} of token {@code id}, read from the database rather than
     * from the session's copy of the entity (which is stale after a conditional update that lost to a concurrent
     * request); null when the token is gone.
     */
    public Uni<Exchange> exchangeOf(UUID id) {
        return getSession().flatMap(session -> session.createSelectionQuery(
                        "select w.revokedAt, w.replacedBy from WidgetSession w where w.id = :id", Object[].class)
                .setParameter("id", id)
                .getSingleResultOrNull())
                .map(row -> row == null ? null : new Exchange((Instant) row[0], (UUID) row[1]));
    }

    /** Whether the chain still holds a token that may be exchanged at {@code now} (not revoked, not expired). */
    public Uni<Boolean> chainAlive(UUID chainId, Instant now) {
        return count("chainId = ?1 and revokedAt is null and expiresAt > ?2", chainId, now).map(live -> live > 0);
    }

    /** Revokes every still-valid token of a chain (reuse of a rotated token). */
    public Uni<Integer> revokeChain(UUID chainId, Instant now) {
        return update("revokedAt = ?2 where chainId = ?1 and revokedAt is null", chainId, now);
    }

    /**
     * Deletes the tokens that can never be exchanged again and whose keeping serves nothing: every token expired at
     * {@code now}, and every revoked token of a chain in which no token is usable any more. Revoked tokens of a live
     * chain stay until they expire, because presenting one of them again is how a stolen token is detected.
     *
     * @return tokens deleted
     */
    public Uni<Long> deleteUnusable(Instant now) {
        return delete("from WidgetSession token where token.expiresAt <= ?1 "
                        + "or (token.revokedAt is not null and not exists (select 1 from WidgetSession live "
                        + "where live.chainId = token.chainId and live.revokedAt is null and live.expiresAt > ?1))",
                now);
    }
}
