package io.switchboard.conversation.rest;

import io.switchboard.conversation.service.DeliveryRetries;
import io.switchboard.conversation.service.MessageEdits;
import io.switchboard.conversation.service.OutboxRelay;
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
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.UUID;

/**
 * What operators do to one stored message after sending it: edit, delete, read its previous versions, retry a
 * failed delivery. Role {@code operator} or {@code admin} (401/403 otherwise); errors are
 * {@code application/problem+json}; an unknown conversation or a message of another conversation is 404.
 */
@Path("/api/conversations")
@RolesAllowed({"operator", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    private final MessageEdits edits;
    private final DeliveryRetries retries;
    private final OutboxRelay relay;
    private final JsonWebToken jwt;

    public MessageResource(MessageEdits edits, DeliveryRetries retries, OutboxRelay relay, JsonWebToken jwt) {
        this.edits = edits;
        this.retries = retries;
        this.relay = relay;
        this.jwt = jwt;
    }

    /**
     * Replaces the text of an operator's OUTBOUND message {@code {"text": string}}: 200 with the message (its
     * {@code editedAt} set). Only its author or an admin (403); 409 when it is older than 48 hours, deleted, not
     * SENT/PENDING, or a Telegram message not delivered yet; 422 when the text is blank or longer than 4096
     * characters, when Telegram got it in several parts, or when it carries a file (only text messages can be edited).
     * The previous text is kept ({@code …/versions}), {@code message.edited} is published and Telegram conversations
     * get an {@code edit_message_text} command.
     */
    @PUT
    @Path("{id}/messages/{messageId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<MessageView> edit(@PathParam("id") UUID id, @PathParam("messageId") UUID messageId, EditRequest body) {
        String text = body == null ? null : body.text();
        if (text == null || text.isBlank()) {
            throw ProblemException.unprocessable("text must not be blank");
        }
        if (text.length() > MessageEdits.MAX_TEXT) {
            throw ProblemException.unprocessable("text is longer than " + MessageEdits.MAX_TEXT
                    + " characters (Telegram's limit for an edited message)");
        }
        return edits.edit(id, messageId, Actors.from(jwt), text).invoke(relay::trigger);
    }

    /**
     * Deletes an operator's OUTBOUND message (soft: the row keeps {@code deletedAt}): 204, also when it was deleted
     * already. Only its author or an admin (403); 409 when it is older than 48 hours or a Telegram message still
     * being sent. Publishes {@code message.deleted}; Telegram conversations get a {@code delete_message} command
     * naming every part Telegram received.
     */
    @DELETE
    @Path("{id}/messages/{messageId}")
    public Uni<Void> delete(@PathParam("id") UUID id, @PathParam("messageId") UUID messageId) {
        return edits.delete(id, messageId, Actors.from(jwt)).invoke(relay::trigger);
    }

    /** The message's previous texts {@code [{text, editedAt}]}, oldest first (empty when never edited). */
    @GET
    @Path("{id}/messages/{messageId}/versions")
    public Uni<List<MessageVersionView>> versions(@PathParam("id") UUID id, @PathParam("messageId") UUID messageId) {
        return edits.versions(id, messageId);
    }

    /**
     * Sends a FAILED outbound message again: 202 with the message, back to PENDING, under a new command id with the
     * same content (text, or file and caption). 409 when it is not FAILED, or (with Telegram's reason) when the
     * customer blocked the bot.
     */
    @POST
    @Path("{id}/messages/{messageId}/retry")
    public Uni<RestResponse<MessageView>> retry(@PathParam("id") UUID id, @PathParam("messageId") UUID messageId) {
        return retries.retry(id, messageId, Actors.from(jwt))
                .invoke(relay::trigger)
                .map(view -> RestResponse.ResponseBuilder.<MessageView>create(RestResponse.Status.ACCEPTED)
                        .entity(view).build());
    }
}
