package io.switchboard.gateway.testing;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Writes refresh-token rows straight in the test database (JDBC), for arranging tests. */
public final class RefreshTokens {

    private RefreshTokens() {
    }

    /**
     * Inserts a token of {@code operatorId} in {@code chainId} (a random hash).
     *
     * @param expiresIn  time from now to expiry (negative: expired)
     * @param revokedAgo time since revocation, or null when not revoked
     * @param replacedBy successor's id, or null
     * @return the new token's id
     */
    public static UUID insert(DataSource dataSource, UUID operatorId, UUID chainId, Duration expiresIn,
                              Duration revokedAgo, UUID replacedBy) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        Operators.update(dataSource, "insert into refresh_token (id, operator_id, chain_id, token_hash, created_at, "
                        + "expires_at, revoked_at, replaced_by) values (?, ?, ?, ?, ?, ?, ?, ?)",
                id, operatorId, chainId, UUID.randomUUID().toString() + UUID.randomUUID(),
                java.sql.Timestamp.from(now.minus(Duration.ofDays(1))),
                java.sql.Timestamp.from(now.plus(expiresIn)),
                revokedAgo == null ? null : java.sql.Timestamp.from(now.minus(revokedAgo)),
                replacedBy);
        return id;
    }

    /** Whether a token with this id is still stored. */
    public static boolean exists(DataSource dataSource, UUID id) {
        return Operators.count(dataSource, "select count(*) from refresh_token where id = ?", id) == 1;
    }
}
