package io.switchboard.conversation.rest;

import io.switchboard.conversation.service.OutboxRelay;
import io.switchboard.conversation.service.Tags;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * Tags on one conversation (role {@code operator} or {@code admin}). Both calls are idempotent and answer 200 with
 * the conversation ({@link ConversationView}, tags included); 404 when the conversation or the tag does not exist.
 */
@Path("/api/conversations/{id}/tags")
@RolesAllowed({"operator", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class ConversationTagResource {

    private final Tags tags;
    private final OutboxRelay relay;
    private final JsonWebToken jwt;

    public ConversationTagResource(Tags tags, OutboxRelay relay, JsonWebToken jwt) {
        this.tags = tags;
        this.relay = relay;
        this.jwt = jwt;
    }

    /** Attaches the tag (audit {@code tag.attached}, event {@code conversation.tagged}; nothing when attached). */
    @PUT
    @Path("{tagId}")
    public Uni<ConversationView> attach(@PathParam("id") UUID id, @PathParam("tagId") UUID tagId) {
        return tags.attach(Actors.from(jwt), id, tagId).map(this::afterCommit);
    }

    /** Detaches the tag (audit {@code tag.detached}, event {@code conversation.untagged}; nothing when absent). */
    @DELETE
    @Path("{tagId}")
    public Uni<ConversationView> detach(@PathParam("id") UUID id, @PathParam("tagId") UUID tagId) {
        return tags.detach(Actors.from(jwt), id, tagId).map(this::afterCommit);
    }

    private ConversationView afterCommit(Tags.Change change) {
        if (change.changed()) {
            relay.trigger();
        }
        return change.conversation();
    }
}
