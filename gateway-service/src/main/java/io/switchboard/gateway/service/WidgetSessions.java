package io.switchboard.gateway.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.config.WidgetConfig;
import io.switchboard.gateway.domain.RefreshSecret;
import io.switchboard.gateway.domain.WidgetSession;
import io.switchboard.gateway.repository.WidgetSessionRepository;
import io.switchboard.gateway.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh sessions of web-widget customers (table {@code widget_session}): a refresh token is usable once; using it
 * revokes it and issues a successor in the same chain together with a new customer token. Presenting a token that
 * was already exchanged revokes the whole chain (it has leaked) and answers 401 — unless it was exchanged less than
 * {@code switchboard.widget.refresh-reuse-grace} (10 s) ago and its chain is still alive: that is two tabs of one
 * customer refreshing at the same moment with the token they share, and the later one gets another new pair of
 * the same chain (so the chain then has one live token per tab). Refresh tokens live
 * {@code switchboard.widget.refresh-token-ttl} (30 days) from their issue.
 */
@ApplicationScoped
public class WidgetSessions {

    private static final Logger LOG = Logger.getLogger(WidgetSessions.class);
    private static final String BAD_REFRESH_TOKEN = "The refresh token is invalid, expired or revoked";

    private final WidgetSessionRepository sessions;
    private final CustomerTokens tokens;
    private final WidgetConfig config;
    private final Clock clock;

    public WidgetSessions(WidgetSessionRepository sessions, CustomerTokens tokens, WidgetConfig config, Clock clock) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Stores the first refresh token of a new chain for a conversation that conversation-service has just created,
     * in its own transaction.
     *
     * @param token the customer token already issued for the conversation (handed back unchanged)
     */
    public Uni<WidgetCredentials> start(UUID customerId, UUID conversationId, String token) {
        return Panache.withTransaction(() -> {
            Instant now = clock.instant();
            RefreshSecret secret = RefreshSecret.generate();
            UUID id = UUID.randomUUID();
            return persist(id, customerId, conversationId, id, secret, now)
                    .map(saved -> new WidgetCredentials(customerId, conversationId, token, tokens.lifetimeSeconds(),
                            secret.value()));
        });
    }

    /**
     * Exchanges a refresh token for a new customer token and a new refresh token.
     *
     * A token already exchanged less than {@code refresh-reuse-grace} ago, whose chain still has a usable token,
     * gets another new pair of that chain (two tabs refreshing at once).
     *
     * @throws ProblemException 401 when the token is unknown, expired, revoked or already used beyond the grace (the
     *                          last also revokes its whole chain, committed before the 401 is raised)
     */
    public Uni<WidgetCredentials> refresh(String presented) {
        String hash = new RefreshSecret(presented).hash();
        return Panache.<Optional<WidgetCredentials>>withTransaction(() -> sessions.findByHash(hash)
                        .flatMap(session -> session == null ? Uni.createFrom().item(Optional.empty()) : rotate(session)))
                .map(credentials -> credentials.orElseThrow(() -> ProblemException.unauthorized(BAD_REFRESH_TOKEN)));
    }

    private Uni<Optional<WidgetCredentials>> rotate(WidgetSession session) {
        Instant now = clock.instant();
        if (session.rotated()) {
            return presentedAgain(session, session.revokedAt, now);
        }
        if (!session.usableAt(now)) {
            return Uni.createFrom().item(Optional.empty());
        }
        RefreshSecret secret = RefreshSecret.generate();
        UUID successorId = UUID.randomUUID();
        return sessions.markReplaced(session.id, successorId, now).flatMap(won -> won == 0
                // a concurrent request exchanged (or revoked) it first: look at what it did
                ? sessions.exchangeOf(session.id).flatMap(exchange -> exchange != null && exchange.replacedBy() != null
                        ? presentedAgain(session, exchange.revokedAt(), now) : revokeChain(session, now))
                : issue(session, successorId, secret, now));
    }

    /**
     * A token that was already exchanged (at {@code exchangedAt}): within the grace after its exchange (and while its
     * chain lives) another successor of the same chain, otherwise the chain is revoked.
     */
    private Uni<Optional<WidgetCredentials>> presentedAgain(WidgetSession session, Instant exchangedAt, Instant now) {
        boolean withinGrace = exchangedAt != null && now.isBefore(exchangedAt.plus(config.refreshReuseGrace()))
                && session.expiresAt.isAfter(now);
        if (!withinGrace) {
            LOG.warnf("Widget refresh token %s of conversation %s was used again after rotation; revoking chain %s",
                    session.id, session.conversationId, session.chainId);
            return revokeChain(session, now);
        }
        return sessions.chainAlive(session.chainId, now).flatMap(alive -> {
            if (!alive) {
                return Uni.createFrom().item(Optional.<WidgetCredentials>empty());
            }
            LOG.infof("Widget refresh token %s of conversation %s presented again %d ms after its exchange (within "
                            + "the grace): another token pair of chain %s", session.id, session.conversationId,
                    Duration.between(exchangedAt, now).toMillis(), session.chainId);
            return issue(session, UUID.randomUUID(), RefreshSecret.generate(), now);
        });
    }

    /** Stores a successor of {@code session} in its chain and answers it with a new customer token. */
    private Uni<Optional<WidgetCredentials>> issue(WidgetSession session, UUID successorId, RefreshSecret secret,
                                                   Instant now) {
        return persist(successorId, session.customerId, session.conversationId, session.chainId, secret, now)
                .map(saved -> Optional.of(new WidgetCredentials(session.customerId, session.conversationId,
                        tokens.issue(session.customerId, session.conversationId, now),
                        tokens.lifetimeSeconds(), secret.value())));
    }

    private Uni<WidgetSession> persist(UUID id, UUID customerId, UUID conversationId, UUID chainId,
                                       RefreshSecret secret, Instant now) {
        WidgetSession session = new WidgetSession();
        session.id = id;
        session.customerId = customerId;
        session.conversationId = conversationId;
        session.chainId = chainId;
        session.tokenHash = secret.hash();
        session.createdAt = now;
        session.expiresAt = now.plus(config.refreshTokenTtl());
        return sessions.persist(session);
    }

    private Uni<Optional<WidgetCredentials>> revokeChain(WidgetSession session, Instant now) {
        return sessions.revokeChain(session.chainId, now).replaceWith(Optional.empty());
    }
}
