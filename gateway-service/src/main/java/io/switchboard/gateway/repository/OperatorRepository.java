package io.switchboard.gateway.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.domain.Operator;
import io.switchboard.gateway.domain.OperatorRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Operators in table {@code operator}. Update and locking methods need the caller's transaction. */
@ApplicationScoped
public class OperatorRepository implements PanacheRepositoryBase<Operator, UUID> {

    /** Key of the transaction-scoped advisory lock that serialises operator administration ("SwOpAdmn"). */
    static final long ADMINISTRATION_LOCK_KEY = 0x5377_4f70_4164_6d6eL;

    /** The operator whose username equals {@code username} ignoring case, or {@code null}. */
    @WithSession
    public Uni<Operator> findByUsername(String username) {
        return find("lower(username) = lower(?1)", username).firstResult();
    }

    /** The operator with this id, or {@code null}. */
    @WithSession
    public Uni<Operator> findOne(UUID id) {
        return findById(id);
    }

    /**
     * The operator with this id read with a share lock ({@code for share}), or {@code null}: an admin's change to the
     * row waits until the caller's transaction ends, and the caller sees the latest committed row.
     */
    public Uni<Operator> findLockedForShare(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_READ);
    }

    /** Every operator, active or not, ordered by username. */
    @WithSession
    public Uni<List<Operator>> listByUsername() {
        return listAll(Sort.by("username"));
    }

    /** Active operators only, ordered by username. */
    @WithSession
    public Uni<List<Operator>> listActiveByUsername() {
        return list("active = true", Sort.by("username"));
    }

    /** Whether an operator other than {@code except} (may be null) has {@code username} ignoring case. */
    public Uni<Boolean> usernameTaken(String username, UUID except) {
        return except == null
                ? count("lower(username) = lower(?1)", username).map(n -> n > 0)
                : count("lower(username) = lower(?1) and id <> ?2", username, except).map(n -> n > 0);
    }

    /** Number of active admins other than {@code except}. */
    public Uni<Long> countActiveAdminsExcept(UUID except) {
        return count("role = ?1 and active = true and id <> ?2", OperatorRole.ADMIN, except);
    }

    /**
     * Takes the transaction-scoped advisory lock of operator administration, waiting for it: changes to accounts,
     * across all replicas, happen one at a time, so "the last active admin" and "username taken" are decided on
     * what committed before.
     */
    public Uni<Void> lockAdministration() {
        return getSession().chain(session -> session
                        .createNativeQuery("select count(*) from (select pg_advisory_xact_lock(:key)) locked",
                                Long.class)
                        .setParameter("key", ADMINISTRATION_LOCK_KEY)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /**
     * Counts one more failed login in a single conditional update (safe against concurrent attempts). The failure
     * that reaches {@code maxFailures} resets the counter and locks the account until {@code lockUntil}.
     *
     * @return rows changed (0 when the operator is gone)
     */
    public Uni<Integer> recordFailedLogin(UUID id, int maxFailures, Instant lockUntil) {
        return update("failedLogins = case when failedLogins + 1 >= ?2 then 0 else failedLogins + 1 end, "
                        + "lockedUntil = case when failedLogins + 1 >= ?2 then ?3 else lockedUntil end "
                        + "where id = ?1",
                id, maxFailures, lockUntil);
    }

    /**
     * Clears the failure counter and any expired lock after a successful login, only while the operator is still
     * active, with the password hash the login was checked against and the role the token will carry. The update
     * locks the row, so an admin's deactivation, password or role change either happens before (and this answers 0)
     * or waits for the login's transaction (and then revokes the tokens it issued).
     *
     * @return 1 when the login may go on, 0 when the account changed meanwhile
     */
    public Uni<Integer> recordSuccessfulLogin(UUID id, String verifiedPasswordHash, OperatorRole role) {
        return update("failedLogins = 0, lockedUntil = null "
                        + "where id = ?1 and active = true and passwordHash = ?2 and role = ?3",
                id, verifiedPasswordHash, role);
    }
}
