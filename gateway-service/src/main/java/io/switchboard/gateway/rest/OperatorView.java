package io.switchboard.gateway.rest;

import io.switchboard.gateway.domain.Operator;

import java.util.UUID;

/**
 * An operator as the console sees it: {@code {id, username, displayName, role, active}}; {@code role} is
 * {@code ADMIN} or {@code OPERATOR}. Never the password hash.
 */
public record OperatorView(UUID id, String username, String displayName, String role, boolean active) {

    public static OperatorView of(Operator operator) {
        return new OperatorView(operator.id, operator.username, operator.displayName, operator.role.name(),
                operator.active);
    }
}
