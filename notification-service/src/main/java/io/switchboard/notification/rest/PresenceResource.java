package io.switchboard.notification.rest;

import io.smallrye.mutiny.Uni;
import io.switchboard.notification.domain.Presence;
import io.switchboard.notification.service.OperatorPresence;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Who is online. Requires an access token (role {@code operator} or {@code admin}). */
@Path("/api/presence")
@RolesAllowed({"operator", "admin"})
public class PresenceResource {

    private final OperatorPresence presence;

    public PresenceResource(OperatorPresence presence) {
        this.presence = presence;
    }

    /**
     * {@code GET /api/presence} → 200 {@code [{"operatorId","username","displayName","since","lastSeen"}]}: every
     * operator with a live WebSocket connection on any replica, sorted by display name (instants ISO-8601).
     * 401 without a valid token, 403 without an operator role, 503 when Redis is unreachable.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<Presence>> online() {
        return presence.online();
    }
}
