package io.switchboard.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.domain.Operator;
import io.switchboard.gateway.domain.OperatorAccountRules;
import io.switchboard.gateway.domain.OperatorAudit;
import io.switchboard.gateway.domain.OperatorRole;
import io.switchboard.gateway.repository.OperatorAuditRepository;
import io.switchboard.gateway.repository.OperatorRepository;
import io.switchboard.gateway.repository.RefreshTokenRepository;
import io.switchboard.gateway.rest.CreateOperatorRequest;
import io.switchboard.gateway.rest.ProblemException;
import io.switchboard.gateway.rest.UpdateOperatorRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Admins manage operator accounts: create, edit (username, password, display name, role, active) and deactivate.
 * Accounts are never deleted (conversation history in other services refers to their ids).
 *
 * <p>Rules, each answered as a {@link ProblemException}:
 * <ul>
 *   <li>422 for values that break {@link OperatorAccountRules} (400 for a missing body);</li>
 *   <li>409 for a username another account has (ignoring case); for an admin deactivating or demoting themselves;
 *       for deactivating or demoting the last active admin;</li>
 *   <li>404 for an unknown account; 403 when the acting admin's own account is gone or deactivated (their access
 *       token is still valid for up to 15 minutes, but this service refuses it at once).</li>
 * </ul>
 * Every change runs under one transaction-scoped advisory lock ({@link OperatorRepository#lockAdministration()}),
 * so concurrent changes on any replica see each other: two creations of one username give one account and one 409,
 * and two admins demoting each other leave one admin. A new password is hashed (bcrypt, on a worker) before the
 * transaction starts. Deactivation and a new password revoke every refresh token of the account (its access tokens
 * stay valid until they expire); a new password also clears a login lockout. Each change writes one
 * {@link OperatorAudit} row in the same transaction and one log line
 * {@code operator.<action> actorId=… operatorId=… before={…} after={…}}; no password or hash ever appears in either.
 */
@ApplicationScoped
public class OperatorAdministration {

    private static final Logger LOG = Logger.getLogger(OperatorAdministration.class);

    private final OperatorRepository operators;
    private final RefreshTokenRepository refreshTokens;
    private final OperatorAuditRepository audit;
    private final PasswordHasher passwords;
    private final ObjectMapper mapper;
    private final Clock clock;
    /** Removes a deactivated operator's Telegram link in conversation-service before the deactivation commits. */
    @jakarta.inject.Inject
    ConversationServiceClient conversationService;

    public OperatorAdministration(OperatorRepository operators, RefreshTokenRepository refreshTokens,
                                  OperatorAuditRepository audit, PasswordHasher passwords, ObjectMapper mapper,
                                  Clock clock) {
        this.operators = operators;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
        this.passwords = passwords;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A validated new account; the password still in clear, to be hashed. */
    record NewAccount(String username, String password, String displayName, OperatorRole role) {
    }

    /** Validated changes; null fields stay as they are. */
    record Changes(String username, String password, String displayName, OperatorRole role, Boolean active) {
    }

    /**
     * Every account, active or not, ordered by username.
     *
     * @throws ProblemException 403 when {@code actorId} is not an active account
     */
    @WithSession
    public Uni<List<Operator>> list(UUID actorId) {
        return requireActiveActor(actorId).chain(actor -> operators.listByUsername());
    }

    /**
     * Creates an active account.
     *
     * @return the new account
     * @throws ProblemException 400 without a body; 422 for an invalid field; 409 when the username is taken;
     *                          403 when {@code actorId} is not an active account
     */
    public Uni<Operator> create(UUID actorId, CreateOperatorRequest request) {
        return Uni.createFrom().item(() -> validate(request))
                .chain(account -> passwords.hashLater(account.password())
                        .chain(hash -> insert(actorId, account, hash)));
    }

    /**
     * Changes any of username, password, display name, role and active of an account. A request that changes
     * nothing answers the account as it is and writes no audit entry.
     *
     * @return the account after the change
     * @throws ProblemException 400 without a body; 422 for an invalid field; 404 unknown account; 409 username
     *                          taken, self-deactivation/-demotion, or the last active admin; 403 inactive actor
     */
    public Uni<Operator> update(UUID actorId, UUID operatorId, UpdateOperatorRequest request) {
        return Uni.createFrom().item(() -> validate(request))
                .chain(changes -> (changes.password() == null
                        ? Uni.createFrom().<String>nullItem()
                        : passwords.hashLater(changes.password()))
                        .chain(hash -> apply(actorId, operatorId, changes, hash)));
    }

    /**
     * Deactivates an account ({@code active=false}): its refresh tokens are revoked and it can no longer sign in.
     * Deactivating an inactive account changes nothing.
     *
     * @return the account after the change
     * Before the deactivation commits, conversation-service removes the operator's Telegram link (a deactivated
     * operator must not act from the support group); when it cannot, nothing is deactivated (503).
     *
     * @throws ProblemException 404 unknown account; 409 self-deactivation or the last active admin; 403 inactive
     *                          actor; 503 "Could not unlink the operator's Telegram account; try again"
     */
    public Uni<Operator> deactivate(UUID actorId, UUID operatorId) {
        return apply(actorId, operatorId, new Changes(null, null, null, null, false), null);
    }

    /**
     * Audit entries about one account, newest first: up to {@code limit} entries older than the entry
     * {@code before} (null for the newest).
     *
     * @throws ProblemException 404 unknown account; 403 inactive actor
     */
    @WithSession
    public Uni<List<OperatorAudit>> auditOf(UUID actorId, UUID operatorId, Long before, int limit) {
        return requireActiveActor(actorId)
                .chain(actor -> operators.findOne(operatorId))
                .chain(target -> {
                    if (target == null) {
                        return Uni.createFrom().failure(unknown());
                    }
                    return audit.pageOf(operatorId, before, limit);
                });
    }

    @WithTransaction
    Uni<Operator> insert(UUID actorId, NewAccount account, String passwordHash) {
        Instant now = now();
        return operators.lockAdministration()
                .chain(() -> requireActiveActor(actorId))
                .chain(actor -> operators.usernameTaken(account.username(), null).chain(taken -> {
                    if (taken) {
                        return Uni.createFrom().failure(usernameTaken(account.username()));
                    }
                    Operator operator = new Operator();
                    operator.id = UUID.randomUUID();
                    operator.username = account.username();
                    operator.displayName = account.displayName();
                    operator.passwordHash = passwordHash;
                    operator.role = account.role();
                    operator.active = true;
                    operator.createdAt = now;
                    return operators.persistAndFlush(operator)
                            .chain(() -> writeAudit(actor, operator.id, OperatorAudit.CREATED, null, state(operator),
                                    now))
                            .replaceWith(operator);
                }))
                .onFailure(OperatorAdministration::isUniqueViolation)
                .transform(failure -> usernameTaken(account.username()));
    }

    @WithTransaction
    Uni<Operator> apply(UUID actorId, UUID operatorId, Changes changes, String passwordHash) {
        Instant now = now();
        return operators.lockAdministration()
                .chain(() -> requireActiveActor(actorId))
                .chain(actor -> operators.findOne(operatorId).chain(target -> {
                    if (target == null) {
                        return Uni.createFrom().failure(unknown());
                    }
                    return checkRoleAndActive(actor, target, changes)
                            .chain(() -> checkUsername(target, changes))
                            .chain(() -> change(actor, target, changes, passwordHash, now));
                }))
                .onFailure(OperatorAdministration::isUniqueViolation)
                .transform(failure -> usernameTaken(changes.username()));
    }

    /** 409 when the change would leave the actor without admin rights, or the system without an active admin. */
    private Uni<Void> checkRoleAndActive(Operator actor, Operator target, Changes changes) {
        boolean demotes = target.role == OperatorRole.ADMIN && changes.role() != null
                && changes.role() != OperatorRole.ADMIN;
        boolean deactivates = target.active && Boolean.FALSE.equals(changes.active());
        if (!demotes && !deactivates) {
            return Uni.createFrom().voidItem();
        }
        if (target.id.equals(actor.id)) {
            return Uni.createFrom().failure(ProblemException.conflict(deactivates
                    ? "You cannot deactivate your own account; ask another admin"
                    : "You cannot take the admin role from yourself; ask another admin"));
        }
        if (target.role != OperatorRole.ADMIN || !target.active) {
            return Uni.createFrom().voidItem();
        }
        return operators.countActiveAdminsExcept(target.id).chain(others -> others > 0
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ProblemException.conflict(
                        "This is the last active admin; make another operator an admin first")));
    }

    private Uni<Void> checkUsername(Operator target, Changes changes) {
        if (changes.username() == null || changes.username().equals(target.username)) {
            return Uni.createFrom().voidItem();
        }
        return operators.usernameTaken(changes.username(), target.id).chain(taken -> taken
                ? Uni.createFrom().failure(usernameTaken(changes.username()))
                : Uni.createFrom().voidItem());
    }

    private Uni<Operator> change(Operator actor, Operator target, Changes changes, String passwordHash, Instant now) {
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        if (changes.username() != null && !changes.username().equals(target.username)) {
            before.put("username", target.username);
            after.put("username", changes.username());
            target.username = changes.username();
        }
        if (changes.displayName() != null && !changes.displayName().equals(target.displayName)) {
            before.put("displayName", target.displayName);
            after.put("displayName", changes.displayName());
            target.displayName = changes.displayName();
        }
        if (changes.role() != null && changes.role() != target.role) {
            before.put("role", target.role.name());
            after.put("role", changes.role().name());
            target.role = changes.role();
        }
        boolean deactivated = false;
        boolean reactivated = false;
        if (changes.active() != null && changes.active() != target.active) {
            deactivated = !changes.active();
            reactivated = changes.active();
            before.put("active", target.active);
            after.put("active", changes.active());
            target.active = changes.active();
        }
        if (passwordHash != null) {
            after.put("passwordChanged", true);
            target.passwordHash = passwordHash;
            target.failedLogins = 0;
            target.lockedUntil = null;
        }
        if (after.isEmpty()) {
            return Uni.createFrom().item(target);
        }
        String action = deactivated ? OperatorAudit.DEACTIVATED
                : reactivated ? OperatorAudit.REACTIVATED
                : OperatorAudit.UPDATED;
        boolean revoke = deactivated || passwordHash != null;
        boolean unlink = deactivated;
        // the operator row is written (and locked) before the tokens are revoked: a login or refresh that is issuing
        // a token right now either finished before (its token is revoked here) or sees the change and issues none
        return operators.flush()
                .chain(() -> revoke
                        ? refreshTokens.revokeAllOf(target.id, now).replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .chain(() -> writeAudit(actor, target.id, action, before, after, now))
                // last, still inside the transaction: a deactivated operator must not keep acting from Telegram, so
                // when conversation-service cannot unlink them (503) nothing is deactivated (rolled back)
                .chain(() -> unlink ? conversationService.unlinkOperatorTelegram(target.id)
                        : Uni.createFrom().voidItem())
                .replaceWith(target);
    }

    private Uni<Void> writeAudit(Operator actor, UUID operatorId, String action, Map<String, Object> before,
                             Map<String, Object> after, Instant now) {
        OperatorAudit entry = new OperatorAudit();
        entry.operatorId = operatorId;
        entry.actorId = actor.id;
        entry.actorName = actor.displayName;
        entry.action = action;
        entry.before = json(before);
        entry.after = json(after);
        entry.occurredAt = now;
        return audit.persistAndFlush(entry)
                .invoke(() -> LOG.infof("%s actorId=%s actorUsername=%s operatorId=%s before=%s after=%s",
                        action, actor.id, actor.username, operatorId, entry.before, entry.after))
                .replaceWithVoid();
    }

    /** 403 unless {@code actorId} names an active account. */
    private Uni<Operator> requireActiveActor(UUID actorId) {
        return operators.findOne(actorId).chain(actor -> actor != null && actor.active
                ? Uni.createFrom().item(actor)
                : Uni.createFrom().failure(ProblemException.forbidden(
                        "Your account is deactivated or no longer exists")));
    }

    private static NewAccount validate(CreateOperatorRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body {username, password, displayName, role} is required");
        }
        String username = strip(request.username());
        String displayName = strip(request.displayName());
        check(OperatorAccountRules.usernameViolation(username));
        check(OperatorAccountRules.passwordViolation(request.password()));
        check(OperatorAccountRules.displayNameViolation(displayName));
        OperatorRole role = requireRole(request.role(), true);
        return new NewAccount(username, request.password(), displayName, role);
    }

    private static Changes validate(UpdateOperatorRequest request) {
        if (request == null) {
            throw ProblemException.badRequest(
                    "A JSON body with any of username, password, displayName, role, active is required");
        }
        String username = strip(request.username());
        String displayName = strip(request.displayName());
        if (username != null) {
            check(OperatorAccountRules.usernameViolation(username));
        }
        if (request.password() != null) {
            check(OperatorAccountRules.passwordViolation(request.password()));
        }
        if (displayName != null) {
            check(OperatorAccountRules.displayNameViolation(displayName));
        }
        OperatorRole role = requireRole(request.role(), false);
        return new Changes(username, request.password(), displayName, role, request.active());
    }

    private static OperatorRole requireRole(String name, boolean required) {
        if (name == null && !required) {
            return null;
        }
        if (name == null) {
            throw ProblemException.unprocessable("role is required (ADMIN or OPERATOR)");
        }
        return OperatorAccountRules.role(name).orElseThrow(() ->
                ProblemException.unprocessable("role must be ADMIN or OPERATOR"));
    }

    private static void check(Optional<String> violation) {
        violation.ifPresent(detail -> {
            throw ProblemException.unprocessable(detail);
        });
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    /** The audited fields of a new account. */
    private static Map<String, Object> state(Operator operator) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("username", operator.username);
        state.put("displayName", operator.displayName);
        state.put("role", operator.role.name());
        state.put("active", operator.active);
        return state;
    }

    private String json(Map<String, Object> state) {
        if (state == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an audit state", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static ProblemException unknown() {
        return ProblemException.notFound("No operator with this id");
    }

    private static ProblemException usernameTaken(String username) {
        return ProblemException.conflict("The username '" + Objects.toString(username, "")
                + "' is already taken (usernames ignore case)");
    }

    /** Whether {@code failure} or a cause is a unique-constraint violation (SQLSTATE 23505). */
    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConstraintViolationException c
                    && c.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
                return true;
            }
            if (t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
