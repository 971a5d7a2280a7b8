package io.switchboard.conversation.rest;

import io.switchboard.conversation.domain.CannedResponse;
import io.switchboard.conversation.service.CannedResponses;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.UUID;

/**
 * Canned responses (role {@code operator} or {@code admin}). Shared ones are created, edited and deleted by admins,
 * personal ones by their owner only (403 otherwise). Errors: 400 bad query or JSON, 403, 404 unknown id, 409 shortcut
 * taken, 422 invalid fields.
 */
@Path("/api/canned-responses")
@RolesAllowed({"operator", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class CannedResponseResource {

    private final CannedResponses cannedResponses;
    private final JsonWebToken jwt;

    public CannedResponseResource(CannedResponses cannedResponses, JsonWebToken jwt) {
        this.cannedResponses = cannedResponses;
        this.jwt = jwt;
    }

    /**
     * What the caller sees, as a JSON array of {@link CannedResponseView}: shared ones and their personal ones, most
     * used first, then by title.
     *
     * @param q        keep those whose title, text or shortcut contains it, ignoring case (a leading {@code /} is
     *                 ignored, so {@code /ref} finds the shortcut {@code refund}); at most 200 characters
     * @param category keep those in this category, ignoring case
     */
    @GET
    public Uni<List<CannedResponseView>> list(@QueryParam("q") String q, @QueryParam("category") String category) {
        String text = QueryParams.text("q", q, 1, 200);
        if (text != null && text.startsWith("/") && text.length() > 1) {
            text = text.substring(1);
        }
        String cat = category == null || category.isBlank() ? null : category.strip();
        return cannedResponses.visibleTo(Actors.from(jwt), text, cat);
    }

    /** Creates one owned by the caller: 201 + Location with the view. A shared one needs the admin role (403). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<CannedResponseView>> create(CannedResponseRequest body, UriInfo uriInfo) {
        CannedResponses.Draft draft = draft(body);
        return cannedResponses.create(Actors.from(jwt), draft)
                .onFailure(io.switchboard.conversation.service.UniqueViolations::isUniqueViolation)
                .transform(e -> shortcutTaken(draft.shortcut()))
                .map(view -> RestResponse.ResponseBuilder.<CannedResponseView>created(
                        uriInfo.getBaseUriBuilder().path("api/canned-responses/{id}").build(view.id())).entity(view).build());
    }

    /** Replaces its fields: 200 with the view; 404 unknown, 403 not the caller's to edit. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<CannedResponseView> update(@PathParam("id") UUID id, CannedResponseRequest body) {
        CannedResponses.Draft draft = draft(body);
        return cannedResponses.update(Actors.from(jwt), id, draft)
                .onFailure(io.switchboard.conversation.service.UniqueViolations::isUniqueViolation)
                .transform(e -> shortcutTaken(draft.shortcut()));
    }

    /** Deletes it: 204; 404 unknown, 403 not the caller's to delete. */
    @DELETE
    @Path("{id}")
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return cannedResponses.delete(Actors.from(jwt), id);
    }

    /**
     * Records that the caller inserted it into a reply: usage count + 1; 200 with the view. 404 unknown, 403 another
     * operator's personal one.
     */
    @POST
    @Path("{id}/use")
    public Uni<CannedResponseView> use(@PathParam("id") UUID id) {
        return cannedResponses.use(Actors.from(jwt), id);
    }

    private static ProblemException shortcutTaken(String shortcut) {
        return new ProblemException(409, "Conflict", "The shortcut /" + shortcut + " is already in use.");
    }

    /** Validates and normalises a request body; 422 naming the first invalid field. */
    static CannedResponses.Draft draft(CannedResponseRequest body) {
        if (body == null) {
            throw ProblemException.unprocessable("a JSON body {title, text, category?, shortcut?, shared?} is required");
        }
        String title = body.title() == null ? "" : body.title().strip();
        if (title.isEmpty()) {
            throw ProblemException.unprocessable("title must not be blank");
        }
        if (length(title) > CannedResponse.MAX_TITLE) {
            throw ProblemException.unprocessable("title is longer than " + CannedResponse.MAX_TITLE + " characters");
        }
        String text = body.text();
        if (text == null || text.isBlank()) {
            throw ProblemException.unprocessable("text must not be blank");
        }
        if (length(text) > CannedResponse.MAX_TEXT) {
            throw ProblemException.unprocessable("text is longer than " + CannedResponse.MAX_TEXT + " characters");
        }
        String category = body.category() == null || body.category().isBlank() ? null : body.category().strip();
        if (category != null && length(category) > CannedResponse.MAX_CATEGORY) {
            throw ProblemException.unprocessable("category is longer than " + CannedResponse.MAX_CATEGORY + " characters");
        }
        String shortcut = body.shortcut() == null || body.shortcut().isBlank() ? null : body.shortcut().strip();
        if (shortcut != null && shortcut.startsWith("/")) {
            shortcut = shortcut.substring(1);
        }
        if (shortcut != null && !CannedResponse.SHORTCUT.matcher(shortcut).matches()) {
            throw ProblemException.unprocessable("shortcut must be 1..32 of a-z, 0-9, '_' and '-' (e.g. refund)");
        }
        return new CannedResponses.Draft(title, text, category, shortcut, body.shared());
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
