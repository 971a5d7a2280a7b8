package io.switchboard.notification.domain;

import java.time.Instant;
import java.util.Comparator;

/**
 * An operator who is online: at least one WebSocket connection, on any replica, was opened or refreshed within the
 * presence TTL. The item shape of {@code GET /api/presence}.
 *
 * @param operatorId  operator id (JWT {@code sub})
 * @param username    login name (JWT {@code upn})
 * @param displayName display name (JWT {@code name})
 * @param since       when the operator came online (first connection since they were last offline)
 * @param lastSeen    the last open, ping or heartbeat of any of their connections
 */
public record Presence(String operatorId, String username, String displayName, Instant since, Instant lastSeen) {

    /** The order of {@code GET /api/presence}: by display name, ignoring case, then by operator id. */
    public static final Comparator<Presence> BY_DISPLAY_NAME = Comparator
            .comparing(Presence::displayName, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(Presence::operatorId);
}
