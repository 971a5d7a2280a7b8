package io.switchboard.conversation.rest;

import io.switchboard.conversation.config.ConversationConfig;
import io.switchboard.conversation.service.AuditLog;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/**
 * The audit log of one conversation (role {@code operator} or {@code admin}):
 * {@code {"items":[AuditEntryView...],"nextCursor":string|null}}, newest first.
 */
@Path("/api/conversations/{id}/audit")
@RolesAllowed({"operator", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditLog log;
    private final ConversationConfig.Api config;

    public AuditResource(AuditLog log, ConversationConfig config) {
        this.log = log;
        this.config = config.api();
    }

    /**
     * One page of what was done to the conversation; 404 when it does not exist.
     *
     * @param limit  1..200 (default 50; larger values are capped)
     * @param cursor {@code nextCursor} of the previous page; malformed: 400
     */
    @GET
    public Uni<Page<AuditEntryView>> list(@PathParam("id") UUID id, @QueryParam("limit") String limit,
                                          @QueryParam("cursor") String cursor) {
        return log.forConversation(id, QueryParams.limit(limit, config), QueryParams.cursor(cursor));
    }
}
