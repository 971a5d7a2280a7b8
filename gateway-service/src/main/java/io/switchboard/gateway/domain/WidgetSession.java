package io.switchboard.gateway.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A refresh token of a web-widget customer (table {@code widget_session}), stored as the SHA-256 of its secret and
 * scoped to one conversation. Tokens issued from one conversation start form a chain ({@link #chainId}): each use
 * revokes the token and points {@link #replacedBy} at its successor, as for operators' {@link RefreshToken}s.
 */
@Entity
@Table(name = "widget_session")
public class WidgetSession {

    @Id
    public UUID id;

    @Column(name = "customer_id", nullable = false)
    public UUID customerId;

    @Column(name = "conversation_id", nullable = false)
    public UUID conversationId;

    @Column(name = "chain_id", nullable = false)
    public UUID chainId;

    @Column(name = "token_hash", nullable = false)
    public String tokenHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "replaced_by")
    public UUID replacedBy;

    /** Whether this token was already exchanged for a successor: presenting it again means it leaked. */
    public boolean rotated() {
        return replacedBy != null;
    }

    /** Whether the token may be exchanged at {@code now}. */
    public boolean usableAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
