package io.switchboard.conversation.rest;

import io.switchboard.conversation.domain.SupportGroup;
import io.switchboard.conversation.service.SupportGroups;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The Telegram support group (a forum supergroup where every conversation gets a topic). Role {@code admin} only.
 * <ul>
 *   <li>{@code PUT} {@code {chatId}} (int64, negative; 422 otherwise) → 200 {@code {chatId, linkedAt}}: new
 *       conversations get topics there from now on;</li>
 *   <li>{@code GET} → the same shape; 404 problem when none is configured;</li>
 *   <li>{@code DELETE} → 204: no more topics are created (existing ones stay).</li>
 * </ul>
 * The bot must be an administrator of the group with {@code can_manage_topics} (per Bot API createForumTopic);
 * Telegram's refusals show up as topics that stay without a thread (logged by conversation-service).
 */
@Path("/api/admin/telegram/support-group")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class SupportGroupResource {

    /** Request body of PUT. */
    public record SupportGroupRequest(Long chatId) {
    }

    private final SupportGroups groups;
    private final JsonWebToken jwt;

    public SupportGroupResource(SupportGroups groups, JsonWebToken jwt) {
        this.groups = groups;
        this.jwt = jwt;
    }

    @GET
    public Uni<SupportGroup> get() {
        return groups.get().onItem().ifNull().failWith(() -> new ProblemException(404, "Not Found",
                "No Telegram support group is configured."));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<SupportGroup> put(SupportGroupRequest body) {
        if (body == null || body.chatId() == null) {
            throw ProblemException.unprocessable("chatId is required: the support group's Telegram chat id");
        }
        if (body.chatId() >= 0) {
            throw ProblemException.unprocessable("chatId must be negative: a supergroup's id looks like -1001234567890");
        }
        return groups.link(body.chatId(), Actors.from(jwt));
    }

    @DELETE
    public Uni<Response> delete() {
        return groups.unlink(Actors.from(jwt)).replaceWith(Response.noContent().build());
    }
}
