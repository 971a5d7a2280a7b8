package io.switchboard.gateway.rest;

import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.repository.OperatorRepository;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * {@code GET /api/operators} (bearer token) → 200 {@code [OperatorView]} ({@code {id, username, displayName, role,
 * active}}), the active operators ordered by username, so that the console can show names and offer assignees. 401
 * without a valid token, 403 for a token that is not an operator's (a widget customer's). Admins see every account,
 * inactive ones too, at {@code GET /api/admin/operators}.
 */
@Path("/api/operators")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"operator", "admin"})
public class OperatorResource {

    private final OperatorRepository operators;

    public OperatorResource(OperatorRepository operators) {
        this.operators = operators;
    }

    @GET
    public Uni<List<OperatorView>> list() {
        return operators.listActiveByUsername().map(all -> all.stream().map(OperatorView::of).toList());
    }
}
