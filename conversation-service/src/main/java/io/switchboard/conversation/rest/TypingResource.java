package io.switchboard.conversation.rest;

import io.switchboard.conversation.service.OutboxRelay;
import io.switchboard.conversation.service.TelegramTyping;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/**
 * An operator is typing a reply (role {@code operator} or {@code admin}); the console calls it about every 4 s while
 * the operator types. For an open Telegram conversation the customer sees "typing…" (Bot API sendChatAction, at most
 * one command per conversation every 4 s, whoever calls); widget conversations get nothing here (their typing goes
 * over the widget socket).
 */
@Path("/api/conversations/{id}/typing")
@RolesAllowed({"operator", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class TypingResource {

    private final TelegramTyping typing;
    private final OutboxRelay relay;

    public TypingResource(TelegramTyping typing, OutboxRelay relay) {
        this.typing = typing;
        this.relay = relay;
    }

    /**
     * 204 with no body for any open conversation (whether or not a command was queued); 404 problem for an unknown
     * conversation; 409 problem when it is CLOSED or BLOCKED.
     */
    @POST
    public Uni<Void> typing(@PathParam("id") UUID id) {
        return typing.typing(id).invoke(queued -> {
            if (queued) {
                relay.trigger();
            }
        }).replaceWithVoid();
    }
}
