package io.switchboard.conversation.rest;

import io.switchboard.conversation.api.TagSummary;
import io.switchboard.conversation.domain.Tag;
import io.switchboard.conversation.service.Tags;
import io.switchboard.conversation.service.UniqueViolations;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Tags: every operator lists and creates them, admins delete them (403 otherwise). Attaching them to conversations:
 * {@link ConversationTagResource}.
 */
@Path("/api/tags")
@RolesAllowed({"operator", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class TagResource {

    private final Tags tags;
    private final JsonWebToken jwt;

    public TagResource(Tags tags, JsonWebToken jwt) {
        this.tags = tags;
        this.jwt = jwt;
    }

    /** Every tag, {@code [{id, name, color}]}, by name ignoring case. */
    @GET
    public Uni<List<TagSummary>> list() {
        return tags.list();
    }

    /**
     * Creates a tag from {@code {name, color}}: 201 + Location with {@code {id, name, color}}. 422 when the name is
     * blank or longer than 40 characters or the colour is not {@code #rrggbb}; 409 when the name exists (ignoring
     * case).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<TagSummary>> create(TagRequest body, UriInfo uriInfo) {
        if (body == null) {
            throw ProblemException.unprocessable("a JSON body {name, color} is required");
        }
        String name = body.name() == null ? "" : body.name().strip();
        if (name.isEmpty()) {
            throw ProblemException.unprocessable("name must not be blank");
        }
        if (name.codePointCount(0, name.length()) > Tag.MAX_NAME) {
            throw ProblemException.unprocessable("name is longer than " + Tag.MAX_NAME + " characters");
        }
        String color = body.color() == null ? "" : body.color().strip().toLowerCase(Locale.ROOT);
        if (!Tag.COLOR.matcher(color).matches()) {
            throw ProblemException.unprocessable("color must be #rrggbb, e.g. #1f77b4");
        }
        return tags.create(Actors.from(jwt), name, color)
                .onFailure(UniqueViolations::isUniqueViolation).transform(e -> Tags.duplicate(name))
                .map(tag -> RestResponse.ResponseBuilder.<TagSummary>created(
                        uriInfo.getBaseUriBuilder().path("api/tags/{id}").build(tag.id())).entity(tag).build());
    }

    /** Deletes a tag and detaches it everywhere (admin only): 204; 404 unknown. */
    @DELETE
    @Path("{id}")
    @RolesAllowed("admin")
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return tags.delete(Actors.from(jwt), id);
    }
}
