package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * One operator action in the audit log: who, when, what, and the state before and after as small JSON objects.
 * Written by {@link io.switchboard.conversation.service.AuditTrail} in the action's own transaction.
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The conversation acted on; null for actions on none (templates, timers, canned responses). */
    @Column(name = "conversation_id")
    public UUID conversationId;

    /** The operator; null for the system (timers, retention). */
    @Column(name = "actor_id")
    public UUID actorId;

    @Column(name = "actor_name")
    public String actorName;

    /** Dotted action name, e.g. {@code conversation.claimed}. */
    @Column(nullable = false)
    public String action;

    /** JSON object text, or null. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "before_state")
    public String before;

    /** JSON object text, or null. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "after_state")
    public String after;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    /**
     * A new entry.
     *
     * @param actor  the operator, or null for the system
     * @param before JSON object text or null
     * @param after  JSON object text or null
     */
    public static AuditEntry of(UUID conversationId, Actor actor, String action, String before, String after, Instant now) {
        AuditEntry entry = new AuditEntry();
        entry.id = UUID.randomUUID();
        entry.conversationId = conversationId;
        entry.actorId = actor == null ? null : actor.id();
        entry.actorName = actor == null ? null : actor.name();
        entry.action = action;
        entry.before = before;
        entry.after = after;
        entry.occurredAt = now;
        return entry;
    }
}
