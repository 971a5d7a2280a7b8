package io.switchboard.notification.domain;

import java.util.Objects;

/**
 * The operator behind a WebSocket connection, as the access token names them.
 *
 * @param id          operator id, the JWT {@code sub} (a UUID string)
 * @param username    login name, the JWT {@code upn}
 * @param displayName the JWT {@code name} claim; the username when the token has none
 */
public record Operator(String id, String username, String displayName) {

    public Operator {
        Objects.requireNonNull(id, "id");
        username = username == null ? id : username;
        displayName = displayName == null || displayName.isBlank() ? username : displayName;
    }
}
