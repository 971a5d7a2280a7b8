package io.switchboard.conversation.domain;

import java.util.UUID;

/**
 * Who performs an operator action: the operator from the access token ({@code sub}, claim {@code name}, group
 * {@code admin}).
 *
 * @param id    operator id
 * @param name  display name at the time of the action (for audit rows and events)
 * @param admin whether the operator has the admin role
 */
public record Actor(UUID id, String name, boolean admin) {
}
