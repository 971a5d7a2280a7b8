package io.switchboard.gateway.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.domain.Operator;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Operators in table {@code operator}. Update methods need the caller's transaction. */
@ApplicationScoped
public class OperatorRepository implements PanacheRepositoryBase<Operator, UUID> {

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

    /** Every operator, active or not, ordered by username. */
    @WithSession
    public Uni<List<Operator>> listByUsername() {
        return listAll(Sort.by("username"));
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

    /** Clears the failure counter and any expired lock after a successful login. */
    public Uni<Integer> recordSuccessfulLogin(UUID id) {
        return update("failedLogins = 0, lockedUntil = null where id = ?1", id);
    }
}
