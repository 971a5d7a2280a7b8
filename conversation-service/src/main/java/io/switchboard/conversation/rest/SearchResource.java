package io.switchboard.conversation.rest;

import io.switchboard.conversation.service.OperatorSearch;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The operator's search box (role {@code operator} or {@code admin}). */
@Path("/api/search")
@RolesAllowed({"operator", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private final OperatorSearch search;

    public SearchResource(OperatorSearch search) {
        this.search = search;
    }

    /**
     * Customers and messages matching {@code q}: {@code {customers:[{id, displayName, username, nickname,
     * conversationId}], messages:[{conversationId, messageId, codename, snippet, createdAt}]}}, at most 20 each.
     * Customers match when their display name, username or nickname contains {@code q} (ignoring case) or their
     * display name is similar to it; messages when their text holds every word of {@code q} as a word or word prefix
     * (newest first; never BLOCKED or system messages).
     *
     * @param q 2..200 characters once trimmed, else 400
     */
    @GET
    public Uni<SearchResults> search(@QueryParam("q") String q) {
        String text = QueryParams.text("q", q, 2, 200);
        if (text == null) {
            throw ProblemException.badRequest("q must be 2..200 characters");
        }
        return search.search(text);
    }
}
