package io.switchboard.gateway.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.config.IdentityConfig;
import io.switchboard.gateway.domain.Operator;
import io.switchboard.gateway.domain.RefreshSecret;
import io.switchboard.gateway.domain.RefreshToken;
import io.switchboard.gateway.repository.OperatorRepository;
import io.switchboard.gateway.repository.RefreshTokenRepository;
import io.switchboard.gateway.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-in, token refresh and sign-out of operators.
 *
 * <ul>
 *   <li>Wrong username and wrong password fail alike (401, same detail, a bcrypt check either way).</li>
 *   <li>{@code lockout.max-failures} wrong passwords in a row lock the account for {@code lockout.duration}; while
 *       locked every login answers 429 with {@code Retry-After}.</li>
 *   <li>A refresh token is usable once: using it revokes it and issues a successor in the same chain. Presenting a
 *       token that was already exchanged revokes the whole chain (the token has leaked) and answers 401.</li>
 * </ul>
 * Failures are decided inside the transaction but raised after it has committed, so that counters and revocations
 * are kept. A deactivated operator, or one whose password an admin changed, gets no new tokens: both are checked
 * under a lock on the operator row when tokens are issued.
 */
@ApplicationScoped
public class OperatorSessions {

    private static final Logger LOG = Logger.getLogger(OperatorSessions.class);
    private static final String BAD_CREDENTIALS = "Wrong username or password";
    private static final String BAD_REFRESH_TOKEN = "The refresh token is invalid, expired or revoked";

    private final OperatorRepository operators;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher passwords;
    private final AccessTokens accessTokens;
    private final IdentityConfig config;
    private final Clock clock;

    public OperatorSessions(OperatorRepository operators, RefreshTokenRepository refreshTokens,
                            PasswordHasher passwords, AccessTokens accessTokens, IdentityConfig config, Clock clock) {
        this.operators = operators;
        this.refreshTokens = refreshTokens;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Signs an operator in.
     *
     * @throws ProblemException 401 for an unknown user, a wrong password or an inactive account; 429 with
     *                          {@code Retry-After} while the account is locked
     */
    public Uni<SignedInSession> login(String username, String password) {
        return operators.findByUsername(username).flatMap(operator -> {
            Instant now = clock.instant();
            if (operator != null && operator.lockedAt(now)) {
                return Uni.createFrom().failure(ProblemException.tooManyRequests(
                        "Too many failed logins; this account is locked for a while", operator.lockRemaining(now)));
            }
            return passwords.verify(password, operator == null ? null : operator.passwordHash)
                    .flatMap(verified -> Panache.withTransaction(() -> settleLogin(operator, verified)))
                    .map(session -> session.orElseThrow(() -> ProblemException.unauthorized(BAD_CREDENTIALS)));
        });
    }

    private Uni<Optional<SignedInSession>> settleLogin(Operator operator, boolean verified) {
        Instant now = clock.instant();
        if (operator == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (!verified) {
            Instant lockUntil = now.plus(config.lockout().duration());
            return operators.recordFailedLogin(operator.id, config.lockout().maxFailures(), lockUntil)
                    .replaceWith(Optional.empty());
        }
        if (!operator.active) {
            return Uni.createFrom().item(Optional.empty());
        }
        // the password was checked outside this transaction: go on only if the account is still active with that
        // password and role (an admin may have changed it during the bcrypt check); a 401 then, the client retries
        return operators.recordSuccessfulLogin(operator.id, operator.passwordHash, operator.role)
                .flatMap(stillValid -> stillValid == 0
                        ? Uni.createFrom().item(Optional.<SignedInSession>empty())
                        : startChain(operator, now).map(Optional::of));
    }

    /**
     * Exchanges a refresh token for a new access token and a new refresh token.
     *
     * @throws ProblemException 401 when the token is unknown, expired, revoked, already used, or its operator is
     *                          gone or inactive
     */
    public Uni<SignedInSession> refresh(String presented) {
        String hash = new RefreshSecret(presented).hash();
        return Panache.<Optional<SignedInSession>>withTransaction(() -> refreshTokens.findByHash(hash)
                        .flatMap(token -> token == null ? Uni.createFrom().item(Optional.empty()) : rotate(token)))
                .map(session -> session.orElseThrow(() -> ProblemException.unauthorized(BAD_REFRESH_TOKEN)));
    }

    private Uni<Optional<SignedInSession>> rotate(RefreshToken token) {
        Instant now = clock.instant();
        if (token.rotated()) {
            LOG.warnf("Refresh token %s of operator %s was used again after rotation; revoking chain %s",
                    token.id, token.operatorId, token.chainId);
            return revokeChain(token, now);
        }
        if (!token.usableAt(now)) {
            return Uni.createFrom().item(Optional.empty());
        }
        // a share lock on the operator row: a concurrent deactivation or password change either committed before
        // (and is seen here) or waits for this transaction and then revokes the successor issued here
        return operators.findLockedForShare(token.operatorId).flatMap(operator -> {
            if (operator == null || !operator.active) {
                return revokeChain(token, now);
            }
            RefreshSecret secret = RefreshSecret.generate();
            UUID successorId = UUID.randomUUID();
            return refreshTokens.markReplaced(token.id, successorId, now).flatMap(won -> won == 0
                    ? revokeChain(token, now)
                    : persist(successorId, operator, token.chainId, secret, now)
                            .map(saved -> Optional.of(session(operator, secret, now))));
        });
    }

    /**
     * Revokes the chain of {@code presented}. Unknown or already revoked tokens are ignored, so the answer never
     * tells whether a token existed.
     */
    public Uni<Void> logout(String presented) {
        String hash = new RefreshSecret(presented).hash();
        return Panache.withTransaction(() -> refreshTokens.findByHash(hash).flatMap(token -> token == null
                        ? Uni.createFrom().voidItem()
                        : refreshTokens.revokeChain(token.chainId, clock.instant()).replaceWithVoid()));
    }

    private Uni<SignedInSession> startChain(Operator operator, Instant now) {
        RefreshSecret secret = RefreshSecret.generate();
        UUID id = UUID.randomUUID();
        return persist(id, operator, id, secret, now).map(saved -> session(operator, secret, now));
    }

    private Uni<RefreshToken> persist(UUID id, Operator operator, UUID chainId, RefreshSecret secret, Instant now) {
        RefreshToken token = new RefreshToken();
        token.id = id;
        token.operatorId = operator.id;
        token.chainId = chainId;
        token.tokenHash = secret.hash();
        token.createdAt = now;
        token.expiresAt = now.plus(config.refreshTokenLifetime());
        return refreshTokens.persist(token);
    }

    private SignedInSession session(Operator operator, RefreshSecret secret, Instant now) {
        return new SignedInSession(operator, accessTokens.issue(operator, now), accessTokens.lifetimeSeconds(),
                secret.value());
    }

    private Uni<Optional<SignedInSession>> revokeChain(RefreshToken token, Instant now) {
        return refreshTokens.revokeChain(token.chainId, now).replaceWith(Optional.empty());
    }
}
