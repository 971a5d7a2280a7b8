package io.switchboard.emulator.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.emulator.config.EmulatorConfig;
import io.switchboard.emulator.domain.BotApiError;
import io.switchboard.emulator.domain.BotState;
import io.switchboard.emulator.domain.QueuedUpdate;
import io.switchboard.emulator.domain.RecordedCall;
import io.switchboard.emulator.domain.UpdatePoll;
import io.switchboard.emulator.domain.UploadedFile;
import io.switchboard.emulator.domain.WebhookDelivery;
import io.switchboard.emulator.service.BotRegistry;
import io.switchboard.emulator.rest.ControlRequests.EditRequest;
import io.switchboard.emulator.rest.ControlRequests.ReactionRequest;
import io.switchboard.emulator.service.CallJournal;
import io.switchboard.emulator.service.CustomerActions;
import io.switchboard.emulator.service.FaultInjector;
import io.switchboard.emulator.service.UpdateFeed;
import io.switchboard.emulator.service.WebhookDispatcher;

/**
 * The emulator's control API for tests and for a developer playing the customer. Every {@code token} query parameter
 * is optional and defaults to {@code emulator.default-token}. Errors are problem+json.
 */
@Path("/emulator")
public class EmulatorResource {

    private final EmulatorConfig config;
    private final BotRegistry bots;
    private final UpdateFeed feed;
    private final CallJournal journal;
    private final WebhookDispatcher webhooks;
    private final CustomerActions actions;
    private final FaultInjector faults;
    private final ObjectReader updateReader;

    EmulatorResource(EmulatorConfig config, BotRegistry bots, UpdateFeed feed, CallJournal journal,
            WebhookDispatcher webhooks, CustomerActions actions, FaultInjector faults, ObjectMapper mapper) {
        this.config = config;
        this.actions = actions;
        this.faults = faults;
        this.bots = bots;
        this.feed = feed;
        this.journal = journal;
        this.webhooks = webhooks;
        // keep decimals (e.g. location coordinates) exactly as written
        this.updateReader = mapper.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .with(JsonNodeFactory.withExactBigDecimals(true));
    }

    /** The customer console: a small HTML page to chat with the bot as a customer. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public String console() {
        return consolePage();
    }

    /**
     * Queues Updates. Body: one Update JSON object or an array of them. An Update keeps its {@code update_id} as
     * given, unless getUpdates already confirmed that id (a poller would never see it); then, or when it has none, it
     * gets the bot's next id.
     *
     * @return 202 {@code {"updateIds":[...]}} with the final ids, in body order; 400 for a body that is not an
     *         object or an array of objects
     */
    @POST
    @Path("updates")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response queueUpdates(@QueryParam("token") String token, String body) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : updateReader.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("The body is not valid JSON: " + e.getOriginalMessage());
        }
        List<ObjectNode> updates = new ArrayList<>();
        if (json != null && json.isObject()) {
            updates.add((ObjectNode) json);
        } else if (json != null && json.isArray()) {
            for (JsonNode element : json) {
                if (!element.isObject()) {
                    throw new BadRequestException("Every element of the array must be an Update object.");
                }
                updates.add((ObjectNode) element);
            }
        } else {
            throw new BadRequestException("The body must be an Update object or an array of Update objects.");
        }
        for (ObjectNode update : updates) {
            JsonNode id = update.get("update_id");
            if (id != null && !(id.isIntegralNumber() && id.canConvertToLong())) {
                throw new BadRequestException("update_id must be an integer when present.");
            }
        }
        List<Long> ids = feed.enqueue(bot(token), updates).stream().map(QueuedUpdate::updateId).toList();
        return Response.accepted(Map.of("updateIds", ids)).build();
    }

    /**
     * Queues a realistic private-chat text message from customer {@code chatId} ({@code from} = the chat).
     *
     * @return 202 with the queued Update; 400 when text is missing or the chat id is not a positive user id
     */
    @POST
    @Path("customers/{chatId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response customerMessage(@PathParam("chatId") long chatId, @QueryParam("token") String token,
            CustomerMessageRequest request) {
        if (chatId <= 0) {
            throw new BadRequestException("A customer's chat id is a positive user id.");
        }
        if (request == null || request.text() == null || request.text().isEmpty()) {
            throw new BadRequestException("text is required.");
        }
        QueuedUpdate update = feed.customerMessage(bot(token), chatId, request.text(), request.firstName(),
                request.lastName(), request.username(), request.languageCode());
        return Response.accepted(update.body()).build();
    }

    /**
     * The customer sends a photo: multipart/form-data with part {@code file} (required), {@code caption} and
     * {@code firstName} (optional). The file is kept so getFile and {@code /file/bot<token>/<path>} serve it.
     *
     * @return 202 with the queued Update ({@code message.photo[]}, smallest size first); 400 without a file
     */
    @POST
    @Path("customers/{chatId}/photos")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response customerPhoto(@PathParam("chatId") long chatId, @QueryParam("token") String token,
            @RestForm("file") FileUpload file, @RestForm("caption") String caption,
            @RestForm("firstName") String firstName) {
        return customerMedia(chatId, token, true, file, caption, firstName);
    }

    /**
     * The customer sends a document: as {@link #customerPhoto}, the Update carries {@code message.document} with
     * file_name, mime_type, file_id, file_unique_id and file_size.
     */
    @POST
    @Path("customers/{chatId}/documents")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response customerDocument(@PathParam("chatId") long chatId, @QueryParam("token") String token,
            @RestForm("file") FileUpload file, @RestForm("caption") String caption,
            @RestForm("firstName") String firstName) {
        return customerMedia(chatId, token, false, file, caption, firstName);
    }

    private Response customerMedia(long chatId, String token, boolean photo, FileUpload file, String caption,
            String firstName) {
        if (chatId <= 0) {
            throw new BadRequestException("A customer's chat id is a positive user id.");
        }
        if (file == null || file.uploadedFile() == null) {
            throw new BadRequestException("The multipart part 'file' is required.");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length == 0) {
            throw new BadRequestException("The file is empty.");
        }
        UploadedFile upload = new UploadedFile(file.fileName(), file.contentType(), bytes);
        QueuedUpdate update = actions.sendsMedia(bot(token), chatId, photo, upload,
                caption == null || caption.isEmpty() ? null : caption, blankToNull(firstName));
        return Response.accepted(update.body()).build();
    }

    /**
     * The customer edits their message: an {@code edited_message} Update with the new text (caption for media) and
     * {@code edit_date}.
     *
     * @return 202 with the queued Update; 400 without text; 404 for an unknown or deleted message; 409 for a message
     *         that is not the customer's
     */
    @POST
    @Path("customers/{chatId}/messages/{messageId}/edit")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response customerEdits(@PathParam("chatId") long chatId, @PathParam("messageId") long messageId,
            @QueryParam("token") String token, EditRequest request) {
        if (request == null || request.text() == null || request.text().isEmpty()) {
            throw new BadRequestException("text is required.");
        }
        return Response.accepted(actions.edits(bot(token), chatId, messageId, request.text()).body()).build();
    }

    /**
     * The customer reacts to a message of the chat (either side): a {@code message_reaction} Update with
     * {@code old_reaction} and {@code new_reaction}; an empty or missing emoji removes the reaction.
     *
     * @return 202 with the queued Update; 404 for an unknown or deleted message
     */
    @POST
    @Path("customers/{chatId}/messages/{messageId}/reactions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response customerReacts(@PathParam("chatId") long chatId, @PathParam("messageId") long messageId,
            @QueryParam("token") String token, ReactionRequest request) {
        String emoji = request == null ? null : request.emoji();
        return Response.accepted(actions.reacts(bot(token), chatId, messageId, emoji).body()).build();
    }

    /**
     * Recorded Bot API calls, oldest first.
     *
     * @param method  canonical method name, any letter case ({@code sendmessage} finds sendMessage calls)
     * @param chatId  value of the call's {@code chat_id} parameter
     * @param token   only calls of this bot (default: every bot)
     * @param since   only calls with a greater {@code seq}
     */
    @GET
    @Path("calls")
    @Produces(MediaType.APPLICATION_JSON)
    public List<RecordedCall> calls(@QueryParam("method") String method, @QueryParam("chat_id") String chatId,
            @QueryParam("token") String token, @QueryParam("since") Long since) {
        return journal.find(blankToNull(method), blankToNull(chatId), blankToNull(token), since);
    }

    /** Forgets the recorded calls. */
    @DELETE
    @Path("calls")
    public void clearCalls() {
        journal.clear();
    }

    /**
     * Forgets everything: queues, webhooks, blocked chats, histories, topics, files, callbacks, rate-limit buckets,
     * calls, deliveries and faults.
     * A waiting getUpdates is answered with an empty list. update_id and message_id counters keep increasing.
     */
    @POST
    @Path("reset")
    public void reset() {
        for (BotState bot : bots.all()) {
            UpdatePoll poll;
            synchronized (bot) {
                poll = bot.clear();
            }
            if (poll != null) {
                poll.answer().complete(List.of());
            }
        }
        journal.clear();
        webhooks.clearLog();
        faults.clear(null);
    }

    /**
     * Marks the chat as having blocked the bot: sends to it answer 403 "Forbidden: bot was blocked by the user", and
     * a {@code my_chat_member} Update (member → kicked) is queued when the chat was not blocked yet.
     */
    @POST
    @Path("chats/{chatId}/block")
    public void block(@PathParam("chatId") long chatId, @QueryParam("token") String token) {
        setBlocked(token, chatId, true);
    }

    /** Lifts a block; a {@code my_chat_member} Update (kicked → member) is queued when the chat was blocked. */
    @POST
    @Path("chats/{chatId}/unblock")
    public void unblock(@PathParam("chatId") long chatId, @QueryParam("token") String token) {
        setBlocked(token, chatId, false);
    }

    /**
     * The chat's messages in order: the customer's (queued message Updates) and the bot's (send results), as Bot API
     * Message JSON (current text, {@code edit_date}, {@code reply_markup}, {@code message_thread_id}, {@code photo} /
     * {@code document}) plus the emulator's flags {@code pinned}, {@code edited}, {@code deleted} and
     * {@code disable_notification}. Deleted messages stay in the list, flagged.
     */
    @GET
    @Path("chats/{chatId}/messages")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ObjectNode> chatMessages(@PathParam("chatId") long chatId, @QueryParam("token") String token) {
        BotState bot = bot(token);
        synchronized (bot) {
            return bot.history(chatId).stream().map(BotState::controlView).toList();
        }
    }

    /** Webhook delivery attempts, oldest first, with the status each got (null on connection errors); token optional. */
    @GET
    @Path("webhook-deliveries")
    @Produces(MediaType.APPLICATION_JSON)
    public List<WebhookDelivery> webhookDeliveries(@QueryParam("token") String token) {
        return webhooks.deliveries(blankToNull(token));
    }

    private void setBlocked(String token, long chatId, boolean blocked) {
        actions.setsBlocked(bot(token), chatId, blocked);
    }

    private BotState bot(String token) {
        String effective = blankToNull(token) == null ? config.defaultToken() : token;
        try {
            return bots.bot(effective);
        } catch (BotApiError e) {
            throw new BadRequestException("A bot token looks like <bot id digits>:<secret>.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The console page (src/main/resources/console/customer.html). */
    static String consolePage() {
        try (InputStream in = EmulatorResource.class.getResourceAsStream("/console/customer.html")) {
            if (in == null) {
                throw new IllegalStateException("console/customer.html is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
