package io.switchboard.conversation.rest;

import io.switchboard.conversation.config.ConversationConfig;
import io.switchboard.conversation.domain.Note;
import io.switchboard.conversation.service.Notes;
import io.switchboard.conversation.service.OutboxRelay;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

/**
 * Private notes on a conversation (role {@code operator} or {@code admin}): operators only, never sent to the
 * customer and never listed among the messages. 404 when the conversation does not exist.
 */
@Path("/api/conversations/{id}/notes")
@RolesAllowed({"operator", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class NoteResource {

    private final Notes notes;
    private final OutboxRelay relay;
    private final JsonWebToken jwt;
    private final ConversationConfig.Api config;

    public NoteResource(Notes notes, OutboxRelay relay, JsonWebToken jwt, ConversationConfig config) {
        this.notes = notes;
        this.relay = relay;
        this.jwt = jwt;
        this.config = config.api();
    }

    /**
     * The conversation's notes, oldest first: {@code {"items":[NoteView...],"nextCursor":string|null}}.
     *
     * @param limit  1..200 (default 50; larger values are capped)
     * @param cursor {@code nextCursor} of the previous page; malformed: 400
     */
    @GET
    public Uni<Page<NoteView>> list(@PathParam("id") UUID id, @QueryParam("limit") String limit,
                                    @QueryParam("cursor") String cursor) {
        return notes.list(id, QueryParams.limit(limit, config), QueryParams.cursor(cursor));
    }

    /**
     * Adds a note {@code {text}} by the caller: 201 + Location with the {@link NoteView}. Blank or longer than 4000
     * characters: 422. Emits {@code note.added} to operators; nothing goes to the customer.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<NoteView>> add(@PathParam("id") UUID id, NoteRequest body, UriInfo uriInfo) {
        String text = body == null ? null : body.text();
        if (text == null || text.isBlank()) {
            throw ProblemException.unprocessable("text must not be blank");
        }
        if (text.codePointCount(0, text.length()) > Note.MAX_TEXT) {
            throw ProblemException.unprocessable("text is longer than " + Note.MAX_TEXT + " characters");
        }
        return notes.add(Actors.from(jwt), id, text).map(note -> {
            relay.trigger();
            return RestResponse.ResponseBuilder.<NoteView>created(uriInfo.getBaseUriBuilder()
                    .path("api/conversations/{id}/notes/{noteId}").build(id, note.id())).entity(note).build();
        });
    }
}
