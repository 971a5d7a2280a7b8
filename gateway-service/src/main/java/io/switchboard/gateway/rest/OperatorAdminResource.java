package io.switchboard.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.service.OperatorAdministration;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Operator administration, for admins only (the {@code admin} group of the access token; an operator token gets
 * 403, no or a bad token 401). Accounts are never deleted, only deactivated. Rules and errors are those of
 * {@link OperatorAdministration}; every error is problem+json.
 *
 * <ul>
 *   <li>{@code GET /api/admin/operators} → 200 {@code [OperatorAccountView]}, every account (inactive too), by
 *       username.</li>
 *   <li>{@code POST /api/admin/operators {username, password, displayName, role}} → 201 {@link OperatorAccountView}
 *       with {@code Location}; 422 invalid field; 409 username taken.</li>
 *   <li>{@code PUT /api/admin/operators/{id}} with any of {@code {username, password, displayName, role, active}}
 *       → 200 {@link OperatorAccountView}; 404; 409 (username taken, self-deactivation/-demotion, last admin); 422.
 *       A new password or {@code active=false} revokes the account's refresh tokens.</li>
 *   <li>{@code DELETE /api/admin/operators/{id}} → 200 {@link OperatorAccountView} with {@code active=false}: the
 *       account is deactivated, its refresh tokens revoked, and its logins refused like a wrong password; 404;
 *       409 (self, last admin).</li>
 *   <li>{@code GET /api/admin/operators/{id}/audit?cursor=&limit=} → 200 {@code {items: [OperatorAuditView],
 *       nextCursor}} newest first; {@code limit} 1..200 (default 50); 400 for a bad cursor; 404.</li>
 * </ul>
 */
@Path("/api/admin/operators")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class OperatorAdminResource {

    static final int DEFAULT_AUDIT_LIMIT = 50;
    static final int MAX_AUDIT_LIMIT = 200;

    private final OperatorAdministration administration;
    private final JsonWebToken jwt;
    private final ObjectMapper mapper;

    public OperatorAdminResource(OperatorAdministration administration, JsonWebToken jwt, ObjectMapper mapper) {
        this.administration = administration;
        this.jwt = jwt;
        this.mapper = mapper;
    }

    @GET
    public Uni<List<OperatorAccountView>> list() {
        return administration.list(actorId()).map(all -> all.stream().map(OperatorAccountView::of).toList());
    }

    @POST
    public Uni<RestResponse<OperatorAccountView>> create(CreateOperatorRequest request) {
        return administration.create(actorId(), request).map(operator -> RestResponse.ResponseBuilder
                .<OperatorAccountView>created(URI.create("/api/admin/operators/" + operator.id))
                .entity(OperatorAccountView.of(operator))
                .build());
    }

    @PUT
    @Path("{id}")
    public Uni<OperatorAccountView> update(@RestPath UUID id, UpdateOperatorRequest request) {
        return administration.update(actorId(), id, request).map(OperatorAccountView::of);
    }

    @DELETE
    @Path("{id}")
    public Uni<OperatorAccountView> deactivate(@RestPath UUID id) {
        return administration.deactivate(actorId(), id).map(OperatorAccountView::of);
    }

    @GET
    @Path("{id}/audit")
    public Uni<Page<OperatorAuditView>> audit(@RestPath UUID id, @RestQuery String cursor, @RestQuery Integer limit) {
        int size = limit == null ? DEFAULT_AUDIT_LIMIT : limit;
        if (size < 1 || size > MAX_AUDIT_LIMIT) {
            throw ProblemException.badRequest("limit must be 1 to " + MAX_AUDIT_LIMIT);
        }
        Long before = decodeCursor(cursor);
        return administration.auditOf(actorId(), id, before, size).map(entries -> new Page<>(
                entries.stream().map(entry -> OperatorAuditView.of(entry, mapper)).toList(),
                entries.size() == size ? Long.toString(entries.get(entries.size() - 1).id) : null));
    }

    private UUID actorId() {
        try {
            return UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.unauthorized("The token does not name an operator");
        }
    }

    private static Long decodeCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            long id = Long.parseLong(cursor);
            if (id < 1) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("cursor is not one this endpoint handed out");
        }
    }
}
