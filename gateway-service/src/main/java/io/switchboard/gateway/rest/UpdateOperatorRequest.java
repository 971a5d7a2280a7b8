package io.switchboard.gateway.rest;

/**
 * Body of {@code PUT /api/admin/operators/{id}}: any subset of {@code {username, password, displayName, role,
 * active}}; absent or null fields stay as they are.
 */
public record UpdateOperatorRequest(String username, String password, String displayName, String role,
                                    Boolean active) {
}
