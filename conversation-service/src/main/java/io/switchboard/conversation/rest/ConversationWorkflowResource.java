package io.switchboard.conversation.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.service.Codenames;
import io.switchboard.conversation.service.ConversationQueries;
import io.switchboard.conversation.service.ConversationWorkflow;
import io.switchboard.conversation.service.OutboxRelay;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Lifecycle actions on one conversation (docs/LIFECYCLE.md): {@code POST /api/conversations/{id}/claim|assign|
 * unassign|close|reopen|block|unblock}. Roles {@code operator} or {@code admin}. Each answers 200 with the
 * conversation after the action ({@link ConversationView}); 404 when it does not exist, 403 when the caller may not do
 * it (e.g. assign by someone who is neither admin nor assignee), 409 when its state does not allow it (e.g. claiming
 * what someone else holds: "already claimed by …"), 413 for a too-long closing message, 422 for a bad body. Errors are {@code application/problem+json}.
 */
@Path("/api/conversations")
@RolesAllowed({"operator", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class ConversationWorkflowResource {

    /** Longest closing message, in UTF-16 units (Telegram's message limit). */
    static final int MAX_CLOSING_MESSAGE_LENGTH = 4096;

    private final ConversationWorkflow workflow;
    private final ConversationQueries queries;
    private final OutboxRelay relay;
    private final JsonWebToken jwt;
    private final ObjectMapper json;

    public ConversationWorkflowResource(ConversationWorkflow workflow, ConversationQueries queries, OutboxRelay relay,
                                        JsonWebToken jwt, ObjectMapper json) {
        this.workflow = workflow;
        this.queries = queries;
        this.relay = relay;
        this.jwt = jwt;
        this.json = json;
    }

    /** Claims an unclaimed conversation for the caller (200 also when the caller already holds it; 409 otherwise). */
    @POST
    @Path("{id}/claim")
    public Uni<ConversationView> claim(@PathParam("id") UUID id) {
        return act(id, actor -> workflow.claim(id, actor));
    }

    /**
     * Hands the conversation to {@code {"operatorId": uuid}} (admin or the current assignee; 403 otherwise). A
     * missing or malformed operatorId is 422.
     */
    @POST
    @Path("{id}/assign")
    public Uni<ConversationView> assign(@PathParam("id") UUID id, AssignRequest body) {
        UUID operatorId = operatorId(body);
        return act(id, actor -> workflow.assign(id, actor, operatorId));
    }

    /** Releases the conversation to the unclaimed queue (admin or the current assignee; 409 when unassigned). */
    @POST
    @Path("{id}/unassign")
    public Uni<ConversationView> unassign(@PathParam("id") UUID id) {
        return act(id, actor -> workflow.unassign(id, actor));
    }

    /**
     * Closes an open conversation; the optional JSON body {@code {"closingMessage": "…"}} (≤ 4096 UTF-16 characters,
     * else 413 like a too-long reply; any content type or none when there is no body) is stored and sent to the
     * customer before the close event; without it (or when blank) the {@code closing_message} template is used. A body
     * that is not such a JSON object is 400.
     */
    @POST
    @Path("{id}/close")
    public Uni<ConversationView> close(@PathParam("id") UUID id, String body) {
        CloseRequest request = closeRequest(body);
        String closingMessage = request == null || request.closingMessage() == null || request.closingMessage().isBlank()
                ? null : request.closingMessage();
        if (closingMessage != null && closingMessage.length() > MAX_CLOSING_MESSAGE_LENGTH) {
            throw ProblemException.tooLarge("closingMessage is longer than " + MAX_CLOSING_MESSAGE_LENGTH + " characters");
        }
        return act(id, actor -> workflow.close(id, actor, closingMessage));
    }

    /**
     * Reopens a closed conversation, assigned to the caller (409 when not closed). When its codename is taken by then
     * (also by a transaction racing this one) it gets a fresh one.
     */
    @POST
    @Path("{id}/reopen")
    public Uni<ConversationView> reopen(@PathParam("id") UUID id) {
        return act(id, actor -> retryingCodenameClashes(() -> workflow.reopen(id, actor)));
    }

    /** Blocks the customer: their further messages are stored as BLOCKED and never shown (409 when blocked). */
    @POST
    @Path("{id}/block")
    public Uni<ConversationView> block(@PathParam("id") UUID id) {
        return act(id, actor -> retryingCodenameClashes(() -> workflow.block(id, actor)));
    }

    /** Unblocks: the conversation becomes CLOSED, and the customer's next message reopens it (409 when not blocked). */
    @POST
    @Path("{id}/unblock")
    public Uni<ConversationView> unblock(@PathParam("id") UUID id) {
        return act(id, actor -> workflow.unblock(id, actor));
    }

    /** Runs the action (its own transaction), wakes the outbox relay after the commit, then reads the view. */
    private Uni<ConversationView> act(UUID id, Function<Actor, Uni<Conversation>> action) {
        Actor actor = Actors.from(jwt);
        return action.apply(actor)
                .invoke(relay::trigger)
                .chain(() -> queries.get(id));
    }

    /**
     * Runs {@code action} (a transaction that may take a CLOSED conversation's codename back) and, when another
     * transaction took that codename after the action found it free (a violation of
     * {@value Codenames#OPEN_CODENAME_INDEX}), runs it again as a new transaction, which draws a fresh codename: at most
     * {@value Codenames#CLASH_ATTEMPTS} attempts in all, then the conflict is answered (409).
     */
    private static Uni<Conversation> retryingCodenameClashes(Supplier<Uni<Conversation>> action) {
        return Uni.createFrom().<Conversation>deferred(action::get)
                .onFailure(Codenames::isClash).retry().atMost(Codenames.CLASH_ATTEMPTS - 1);
    }

    /** The close body: null when absent or empty; 400 when it is not a JSON object of the expected shape. */
    private CloseRequest closeRequest(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, CloseRequest.class);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("The request body is not valid JSON of the expected shape.");
        }
    }

    private static UUID operatorId(AssignRequest body) {
        if (body == null || body.operatorId() == null || body.operatorId().isBlank()) {
            throw ProblemException.unprocessable("operatorId is required");
        }
        try {
            return UUID.fromString(body.operatorId().trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("operatorId must be a UUID");
        }
    }
}
