package io.switchboard.gateway.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * One change an admin made to an operator account (table {@code operator_audit}): who, when, which action, which
 * account, and the changed fields before and after as JSON objects. Never holds a password or its hash.
 */
@Entity
@Table(name = "operator_audit")
public class OperatorAudit {

    /** Created an account. */
    public static final String CREATED = "operator.created";
    /** Changed username, display name, role or password. */
    public static final String UPDATED = "operator.updated";
    /** Set {@code active=false} (and possibly more). */
    public static final String DEACTIVATED = "operator.deactivated";
    /** Set {@code active=true} on an inactive account (and possibly more). */
    public static final String REACTIVATED = "operator.reactivated";

    /** Increasing with every row: newest first is {@code id desc}. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The account changed. */
    @Column(name = "operator_id", nullable = false)
    public UUID operatorId;

    /** The admin who changed it. */
    @Column(name = "actor_id")
    public UUID actorId;

    /** The admin's display name at that time. */
    @Column(name = "actor_name")
    public String actorName;

    /** Dotted action name, e.g. {@link #DEACTIVATED}. */
    @Column(name = "action", nullable = false)
    public String action;

    /** JSON object text of the changed fields before, or null (creation). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "before_state")
    public String before;

    /** JSON object text of the changed fields after. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "after_state")
    public String after;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
}
