package io.switchboard.emulator.rest;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.switchboard.emulator.domain.CallbackQuery;
import io.switchboard.emulator.domain.QueuedUpdate;
import io.switchboard.emulator.rest.ControlRequests.CallbackRequest;
import io.switchboard.emulator.service.CustomerActions;

/** Control API for inline buttons: press one, then see the bot's answerCallbackQuery. {@code token} is optional. */
@Path("/emulator/callbacks")
public class CallbackResource {

    private final ControlBots bots;
    private final CustomerActions actions;

    CallbackResource(ControlBots bots, CustomerActions actions) {
        this.bots = bots;
        this.actions = actions;
    }

    /**
     * Presses the inline button with {@code data} under the bot's message: a {@code callback_query} Update with a
     * fresh id.
     *
     * @return 202 with the queued Update (the query id is {@code callback_query.id}); 400 when chatId, messageId or
     *         data is missing or the message has no such button; 404 when the message does not exist
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response press(@QueryParam("token") String token, CallbackRequest request) {
        if (request == null || request.chatId() == null || request.messageId() == null || request.data() == null) {
            throw new BadRequestException("chatId, messageId and data are required.");
        }
        long fromId = request.fromId() != null ? request.fromId() : request.chatId();
        if (fromId <= 0) {
            throw new BadRequestException("fromId (a positive Telegram user id) is required for group chats.");
        }
        QueuedUpdate update = actions.pressesButton(bots.bot(token), request.chatId(), request.messageId(), fromId,
                request.firstName(), request.data());
        return Response.accepted(update.body()).build();
    }

    /**
     * The bot's answerCallbackQuery for query {@code id}: {@code {callbackQueryId, text, showAlert, url, cacheTime,
     * at}}; 404 when the query is unknown or not answered yet.
     */
    @GET
    @Path("{id}/answer")
    @Produces(MediaType.APPLICATION_JSON)
    public CallbackQuery.Answer answer(@PathParam("id") String id, @QueryParam("token") String token) {
        CallbackQuery query = actions.callback(bots.bot(token), id);
        if (query == null || query.answer() == null) {
            throw new NotFoundException("Callback query " + id + " has no answer" + (query == null ? " (unknown id)." : " yet."));
        }
        return query.answer();
    }
}
