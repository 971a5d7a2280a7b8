package io.switchboard.emulator.rest;

import java.util.List;

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

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.emulator.domain.BotState;
import io.switchboard.emulator.domain.ForumTopic;
import io.switchboard.emulator.domain.QueuedUpdate;
import io.switchboard.emulator.rest.ControlRequests.GroupRequest;
import io.switchboard.emulator.rest.ControlRequests.TopicMessageRequest;
import io.switchboard.emulator.rest.ControlRequests.TopicView;
import io.switchboard.emulator.service.ForumTopics;

/**
 * Control API for forum supergroups (the operators' support group): create one, look at its topics and their
 * messages, delete a topic as an admin would, write in a topic as an operator. {@code token} is optional.
 */
@Path("/emulator/groups")
public class GroupResource {

    private final ControlBots bots;
    private final ForumTopics topics;

    GroupResource(ControlBots bots, ForumTopics topics) {
        this.bots = bots;
        this.topics = topics;
    }

    /**
     * Creates (or redefines) a supergroup where the bot is an admin with can_manage_topics.
     *
     * @return 201 with the Chat object {@code {id, title, is_forum, type:"supergroup"}}; 400 when chatId is missing or
     *         not negative
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@QueryParam("token") String token, GroupRequest request) {
        if (request == null || request.chatId() == null || request.chatId() >= 0) {
            throw new BadRequestException("chatId is required and must be negative (a supergroup id).");
        }
        String title = request.title() == null || request.title().isBlank() ? "Support" : request.title();
        ObjectNode chat = topics.createGroup(bots.bot(token), request.chatId(), title,
                request.isForum() == null || request.isForum());
        return Response.status(201).entity(chat).build();
    }

    /** The group's topics, deleted and closed ones included, oldest first. */
    @GET
    @Path("{chatId}/topics")
    @Produces(MediaType.APPLICATION_JSON)
    public List<TopicView> topics(@PathParam("chatId") long chatId, @QueryParam("token") String token) {
        return topics.topics(bots.bot(token), chatId).stream()
                .map(t -> new TopicView(t.messageThreadId(), t.name(), t.closed(), t.deleted(), t.iconColor()))
                .toList();
    }

    /**
     * The topic's messages in order, its creation message first, as Bot API Message JSON plus the emulator's
     * {@code pinned, edited, deleted, disable_notification} flags; 404 for an unknown topic.
     */
    @GET
    @Path("{chatId}/topics/{threadId}/messages")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ObjectNode> topicMessages(@PathParam("chatId") long chatId, @PathParam("threadId") long threadId,
            @QueryParam("token") String token) {
        BotState bot = bots.bot(token);
        requireTopic(bot, chatId, threadId);
        return topics.topicMessages(bot, chatId, threadId);
    }

    /**
     * An admin deletes the topic in the app (no Update): later sends to it answer 400 {@code message thread not
     * found}. 204; 404 when there is no such live topic.
     */
    @POST
    @Path("{chatId}/topics/{threadId}/delete")
    public void delete(@PathParam("chatId") long chatId, @PathParam("threadId") long threadId,
            @QueryParam("token") String token) {
        if (!topics.adminDeletes(bots.bot(token), chatId, threadId)) {
            throw new NotFoundException("Group " + chatId + " has no live topic " + threadId + ".");
        }
    }

    /**
     * A group member writes in the topic: a message Update with {@code is_topic_message}, {@code message_thread_id},
     * {@code chat.is_forum} and {@code reply_to_message} = the topic's creation message.
     *
     * @return 202 with the queued Update; 400 without fromId or text; 404 for an unknown or deleted topic
     */
    @POST
    @Path("{chatId}/topics/{threadId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response memberWrites(@PathParam("chatId") long chatId, @PathParam("threadId") long threadId,
            @QueryParam("token") String token, TopicMessageRequest request) {
        if (request == null || request.fromId() == null || request.fromId() <= 0) {
            throw new BadRequestException("fromId (a positive Telegram user id) is required.");
        }
        if (request.text() == null || request.text().isEmpty()) {
            throw new BadRequestException("text is required.");
        }
        QueuedUpdate update = topics.memberWrites(bots.bot(token), chatId, threadId, request.fromId(),
                request.firstName(), request.username(), request.text());
        if (update == null) {
            throw new NotFoundException("Group " + chatId + " has no live topic " + threadId + ".");
        }
        return Response.accepted(update.body()).build();
    }

    private void requireTopic(BotState bot, long chatId, long threadId) {
        ForumTopic topic = topics.topic(bot, chatId, threadId);
        if (topic == null) {
            throw new NotFoundException("Group " + chatId + " has no topic " + threadId + ".");
        }
    }
}
