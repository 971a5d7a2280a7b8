package io.switchboard.conversation.rest;

import io.switchboard.conversation.config.ConversationConfig;
import io.switchboard.conversation.service.AuditLog;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/**
 * The whole audit log, for admins only (403 for operators):
 * {@code {"items":[AuditEntryView...],"nextCursor":string|null}}, newest first.
 */
@Path("/api/admin/audit")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminAuditResource {

    private final AuditLog log;
    private final ConversationConfig.Api config;

    public AdminAuditResource(AuditLog log, ConversationConfig config) {
        this.log = log;
        this.config = config.api();
    }

    /**
     * One page of the log.
     *
     * @param action  only this action, e.g. {@code tag.attached}
     * @param actorId only this operator's actions (a malformed id is 400)
     * @param limit   1..200 (default 50; larger values are capped)
     * @param cursor  {@code nextCursor} of the previous page; malformed: 400
     */
    @GET
    public Uni<Page<AuditEntryView>> list(@QueryParam("action") String action, @QueryParam("actorId") String actorId,
                                          @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        String act = action == null || action.isBlank() ? null : action.strip();
        UUID actor = actorId == null || actorId.isBlank() ? null : QueryParams.uuid("actorId", actorId.strip(), "an operator id");
        return log.all(act, actor, QueryParams.limit(limit, config), QueryParams.cursor(cursor));
    }
}
