package io.switchboard.conversation.rest;

import io.switchboard.conversation.domain.OperatorTelegramLink;
import io.switchboard.conversation.service.OperatorTelegramLinks;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;

/**
 * The calling operator's link to a Telegram account, so they can act in the support group's topics:
 * <ul>
 *   <li>{@code POST} → 201 {@code {code, command: "/link <code>", expiresAt}}: a one-time code (8 chars of A-Z2-9,
 *       valid 10 minutes) to send to the bot in the support group or a private chat; an earlier code stops working;</li>
 *   <li>{@code GET} → {@code {linked, telegramUserId, telegramUsername, linkedAt}} (nulls when not linked);</li>
 *   <li>{@code DELETE} → 204: unlinked (nothing to unlink is fine too).</li>
 * </ul>
 */
@Path("/api/telegram/link")
@RolesAllowed({"operator", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class TelegramLinkResource {

    /** Answer of POST. */
    public record LinkCode(String code, String command, Instant expiresAt) {
    }

    /** Answer of GET. */
    public record LinkState(boolean linked, Long telegramUserId, String telegramUsername, Instant linkedAt) {
        static LinkState of(OperatorTelegramLink link) {
            return link == null ? new LinkState(false, null, null, null)
                    : new LinkState(true, link.telegramUserId, link.telegramUsername, link.linkedAt);
        }
    }

    private final OperatorTelegramLinks links;
    private final JsonWebToken jwt;

    public TelegramLinkResource(OperatorTelegramLinks links, JsonWebToken jwt) {
        this.links = links;
        this.jwt = jwt;
    }

    @POST
    public Uni<Response> issue() {
        return links.issue(Actors.from(jwt)).map(code -> Response.status(201)
                .entity(new LinkCode(code.code, "/link " + code.code, code.expiresAt)).build());
    }

    @GET
    public Uni<LinkState> get() {
        return links.find(Actors.from(jwt).id()).map(LinkState::of);
    }

    @DELETE
    public Uni<Response> delete() {
        return links.unlink(Actors.from(jwt)).replaceWith(Response.noContent().build());
    }
}
