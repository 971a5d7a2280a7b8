package io.switchboard.gateway.rest;

import io.switchboard.gateway.domain.Operator;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator account as admins see it: {@code {id, username, displayName, role, active, createdAt}};
 * {@code role} is {@code ADMIN} or {@code OPERATOR}, {@code createdAt} an ISO-8601 instant. Never the password hash.
 */
public record OperatorAccountView(UUID id, String username, String displayName, String role, boolean active,
                                  Instant createdAt) {

    public static OperatorAccountView of(Operator operator) {
        return new OperatorAccountView(operator.id, operator.username, operator.displayName, operator.role.name(),
                operator.active, operator.createdAt);
    }
}
