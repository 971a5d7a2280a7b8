package io.switchboard.gateway.rest;

/**
 * Body of {@code POST /api/admin/operators}: {@code {username, password, displayName, role}}, all required;
 * {@code role} is {@code ADMIN} or {@code OPERATOR}.
 */
public record CreateOperatorRequest(String username, String password, String displayName, String role) {
}
