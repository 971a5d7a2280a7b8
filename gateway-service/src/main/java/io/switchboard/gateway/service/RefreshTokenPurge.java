package io.switchboard.gateway.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.repository.RefreshTokenRepository;
import io.switchboard.gateway.repository.WidgetSessionRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Removes refresh tokens that can never be exchanged again, the operators' ({@code refresh_token}) and the widget
 * customers' ({@code widget_session}): expired ones, and revoked ones whose chain has no usable token left (logout,
 * reuse detection, deactivation, new password). Revoked tokens of a live chain are kept until they expire, since
 * presenting one again is how a stolen token is detected. Run daily by
 * {@link io.switchboard.gateway.scheduler.RefreshTokenPurgeSchedule}.
 */
@ApplicationScoped
public class RefreshTokenPurge {

    private final RefreshTokenRepository refreshTokens;
    private final WidgetSessionRepository widgetSessions;

    public RefreshTokenPurge(RefreshTokenRepository refreshTokens, WidgetSessionRepository widgetSessions) {
        this.refreshTokens = refreshTokens;
        this.widgetSessions = widgetSessions;
    }

    /**
     * How many tokens one purge deleted.
     *
     * @param refreshTokens  operators' refresh tokens
     * @param widgetSessions widget customers' refresh tokens
     */
    public record Purged(long refreshTokens, long widgetSessions) {
    }

    /** Deletes the tokens unusable at {@code now}, both kinds, in one transaction. */
    @WithTransaction
    public Uni<Purged> purge(Instant now) {
        return refreshTokens.deleteUnusable(now).flatMap(operators -> widgetSessions.deleteUnusable(now)
                .map(widget -> new Purged(operators, widget)));
    }
}
