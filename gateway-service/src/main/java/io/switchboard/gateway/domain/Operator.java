package io.switchboard.gateway.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A person who signs in to the console (table {@code operator}). Usernames are unique ignoring case; the password is
 * kept only as a bcrypt hash. Consecutive wrong passwords are counted in {@link #failedLogins} and lock the account
 * until {@link #lockedUntil}. Updates write only the changed columns, so an admin's edit never overwrites a failure
 * count that a concurrent login just wrote.
 */
@Entity
@Table(name = "operator")
@DynamicUpdate
public class Operator {

    @Id
    public UUID id;

    @Column(name = "username", nullable = false)
    public String username;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false)
    public OperatorRole role;

    @Column(name = "active", nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "failed_logins", nullable = false)
    public int failedLogins;

    @Column(name = "locked_until")
    public Instant lockedUntil;

    /** Whether the account refuses logins at {@code now}. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** Time left until the lock ends (zero when not locked). */
    public Duration lockRemaining(Instant now) {
        return lockedAt(now) ? Duration.between(now, lockedUntil) : Duration.ZERO;
    }
}
