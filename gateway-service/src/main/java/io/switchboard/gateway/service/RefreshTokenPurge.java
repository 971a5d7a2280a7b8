package io.switchboard.gateway.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.repository.RefreshTokenRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Removes refresh tokens that can never be exchanged again: expired ones, and revoked ones whose chain has no usable
 * token left (logout, reuse detection, deactivation, new password). Revoked tokens of a live chain are kept until
 * they expire, since presenting one again is how a stolen token is detected. Run daily by
 * {@link io.switchboard.gateway.scheduler.RefreshTokenPurgeSchedule}.
 */
@ApplicationScoped
public class RefreshTokenPurge {

    private final RefreshTokenRepository refreshTokens;

    public RefreshTokenPurge(RefreshTokenRepository refreshTokens) {
        this.refreshTokens = refreshTokens;
    }

    /**
     * Deletes the tokens unusable at {@code now}, in one transaction.
     *
     * @return tokens deleted
     */
    @WithTransaction
    public Uni<Long> purge(Instant now) {
        return refreshTokens.deleteUnusable(now);
    }
}
