package io.switchboard.conversation.rest;

import io.switchboard.conversation.config.ConversationConfig;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.ConversationStatus;
import io.switchboard.conversation.domain.Upload;
import io.switchboard.conversation.repository.ConversationFilter;
import io.switchboard.conversation.service.ConversationCounts;
import io.switchboard.conversation.service.ConversationQueries;
import io.switchboard.conversation.service.Cursor;
import io.switchboard.conversation.service.OperatorReplies;
import io.switchboard.conversation.service.OperatorReplies.MediaFile;
import io.switchboard.conversation.service.OperatorReplies.Reply;
import io.switchboard.conversation.service.OutboxRelay;
import io.switchboard.conversation.service.UniqueViolations;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import io.vertx.mutiny.core.Vertx;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Operators' view of conversations. Every endpoint needs an access token with role {@code operator} or
 * {@code admin} (401/403 otherwise); errors are {@code application/problem+json}.
 */
@Path("/api/conversations")
@RolesAllowed({"operator", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {

    private final ConversationQueries queries;
    private final OperatorReplies replies;
    private final OutboxRelay relay;
    private final JsonWebToken jwt;
    private final ConversationConfig.Api config;
    private final Vertx vertx;

    public ConversationResource(ConversationQueries queries, OperatorReplies replies, OutboxRelay relay,
                                JsonWebToken jwt, ConversationConfig config, Vertx vertx) {
        this.queries = queries;
        this.replies = replies;
        this.relay = relay;
        this.jwt = jwt;
        this.config = config.api();
        this.vertx = vertx;
    }

    /**
     * Conversations, most recently active first: {@code {"items":[ConversationView...],"nextCursor":string|null}}.
     * The filters combine (AND).
     *
     * @param status   one status or several, comma-separated (default: all); an unknown one is 400
     * @param assignee {@code me} (held by the caller), {@code none} (unclaimed, nobody holds it) or an operator id;
     *                 anything else is 400
     * @param tag      a tag id: only conversations carrying it (a malformed id is 400)
     * @param unread   {@code true}: only conversations with customer messages after the last read; {@code false} or
     *                 absent: no filter; anything else is 400
     * @param q        text the customer's display name, username or nickname, or the codename, contains (ignoring
     *                 case); blank: no filter; longer than 200 characters: 400
     * @param limit    1..200 items (default 50; larger values are capped)
     * @param cursor   {@code nextCursor} of the previous page; a malformed one is 400
     */
    @GET
    public Uni<Page<ConversationView>> list(@QueryParam("status") String status, @QueryParam("assignee") String assignee,
                                            @QueryParam("tag") String tag, @QueryParam("unread") String unread,
                                            @QueryParam("q") String q, @QueryParam("limit") String limit,
                                            @QueryParam("cursor") String cursor) {
        UUID assigneeId = null;
        boolean unassigned = false;
        if (assignee != null && !assignee.isBlank()) {
            String value = assignee.trim();
            if (value.equals("me")) {
                assigneeId = Actors.from(jwt).id();
            } else if (value.equals("none")) {
                unassigned = true;
            } else {
                assigneeId = QueryParams.uuid("assignee", value, "'me', 'none' or an operator id");
            }
        }
        UUID tagId = tag == null || tag.isBlank() ? null : QueryParams.uuid("tag", tag.trim(), "a tag id");
        boolean unreadOnly = QueryParams.flag("unread", unread);
        String text = QueryParams.text("q", q, 1, 200);
        return queries.list(new ConversationFilter(statuses(status), assigneeId, unassigned, tagId, unreadOnly, text),
                QueryParams.limit(limit, config), QueryParams.cursor(cursor));
    }

    /**
     * How many conversations each list tab holds for the caller:
     * {@code {"unclaimed":n,"mine":n,"open":n,"closed":n,"blocked":n}} ({@code mine}: open and held by the caller;
     * {@code open}: OPEN_UNCLAIMED, OPEN_ASSIGNED or AWAITING_CUSTOMER).
     */
    @GET
    @Path("counts")
    public Uni<ConversationCounts> counts() {
        return queries.counts(Actors.from(jwt).id());
    }

    /** One conversation, shaped like a list item; 404 when it does not exist. */
    @GET
    @Path("{id}")
    public Uni<ConversationView> get(@PathParam("id") UUID id) {
        return queries.get(id);
    }

    /**
     * A conversation's messages, oldest first: {@code {"items":[MessageView...],"nextCursor":string|null}}; 404
     * when the conversation does not exist.
     */
    @GET
    @Path("{id}/messages")
    public Uni<Page<MessageView>> messages(@PathParam("id") UUID id, @QueryParam("limit") String limit,
                                           @QueryParam("cursor") String cursor) {
        return queries.messages(id, QueryParams.limit(limit, config), QueryParams.cursor(cursor));
    }

    /**
     * Sends an operator's reply: 201 with the stored OUTBOUND message (status PENDING) and its Location. With an
     * {@code Idempotency-Key} seen before for this conversation: 201 with the first message, nothing new.
     * Blank text: 422; longer than {@code conversation.api.max-reply-length}: 413; unknown conversation: 404;
     * CLOSED or BLOCKED conversation: 409. A reply moves the conversation to AWAITING_CUSTOMER; replying to an
     * OPEN_UNCLAIMED conversation claims it for the replier, or answers 409 ("already claimed by …") when someone
     * else claimed it meanwhile. A Telegram customer who blocked the bot cannot be written to: 409 ("The customer blocked
     * the bot on &lt;date&gt;; …"), nothing stored. A {@code clientMessageId} in the body works like an
     * {@code Idempotency-Key} (the header wins).
     */
    @POST
    @Path("{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<MessageView>> reply(@PathParam("id") UUID id,
                                                @HeaderParam("Idempotency-Key") String idempotencyKey,
                                                ReplyRequest body, UriInfo uriInfo) {
        String text = body == null ? null : body.text();
        if (text == null || text.isBlank()) {
            throw ProblemException.unprocessable("text must not be blank");
        }
        if (text.length() > config.maxReplyLength()) {
            throw ProblemException.tooLarge("text is longer than " + config.maxReplyLength() + " characters");
        }
        String key = idempotencyKey(idempotencyKey, body.clientMessageId());
        return created(id, replies.reply(id, Actors.from(jwt), text, key), uriInfo);
    }

    /**
     * Sends an operator's file ({@code multipart/form-data}): part {@code file} (required; 400 without it),
     * {@code caption} (optional text, sent exactly as given; longer than {@code conversation.api.max-reply-length}:
     * 413) and {@code clientMessageId} (optional; like an {@code Idempotency-Key}, which wins when both are given).
     * JPEG, PNG and WebP images up to 10 MB go as a PHOTO, anything else as a DOCUMENT; larger than 50 MB: 413, and
     * nothing is stored; an empty file: 422. Otherwise as a text reply (201 with the stored OUTBOUND message, its
     * {@code text} the caption or "", its attachment the file; the same claim and 404/409 rules, and 409 when the
     * Telegram customer blocked the bot). The file is stored in {@code upload}; Telegram conversations get a
     * {@code send_media} command. Widget conversations: 422 "Files can be sent to Telegram customers only" (the
     * widget cannot display attachments), nothing stored.
     */
    @POST
    @Path("{id}/messages")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<RestResponse<MessageView>> replyWithFile(@PathParam("id") UUID id,
                                                        @HeaderParam("Idempotency-Key") String idempotencyKey,
                                                        @RestForm("file") FileUpload file,
                                                        @RestForm("caption") String caption,
                                                        @RestForm("clientMessageId") String clientMessageId,
                                                        UriInfo uriInfo) {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.badRequest("part 'file' is required");
        }
        if (file.size() > Upload.MAX_BYTES) {
            throw ProblemException.tooLarge("the file is larger than " + Upload.MAX_BYTES / (1024 * 1024)
                    + " MB (Telegram's limit for bots)");
        }
        if (file.size() == 0) {
            throw ProblemException.unprocessable("the file is empty");
        }
        if (caption != null && caption.length() > config.maxReplyLength()) {
            throw ProblemException.tooLarge("caption is longer than " + config.maxReplyLength() + " characters");
        }
        String key = idempotencyKey(idempotencyKey, clientMessageId);
        Actor actor = Actors.from(jwt);
        String fileName = fileName(file.fileName());
        String mimeType = file.contentType() == null || file.contentType().isBlank()
                ? MediaType.APPLICATION_OCTET_STREAM : file.contentType().trim();
        String text = caption == null || caption.isBlank() ? null : caption;
        // read without blocking the event loop; the temporary file is deleted when the request ends
        Uni<Reply> reply = vertx.fileSystem().readFile(file.uploadedFile().toString())
                .chain(buffer -> replies.replyWithFile(id, actor, text,
                        new MediaFile(fileName, mimeType, buffer.getBytes()), key));
        return created(id, reply, uriInfo);
    }

    private String idempotencyKey(String header, String clientMessageId) {
        String key = header != null ? header : clientMessageId;
        if (key != null && (key.isBlank() || key.length() > config.maxIdempotencyKeyLength())) {
            throw ProblemException.badRequest((header != null ? "Idempotency-Key" : "clientMessageId") + " must be 1.."
                    + config.maxIdempotencyKeyLength() + " characters");
        }
        return key;
    }

    private Uni<RestResponse<MessageView>> created(UUID id, Uni<Reply> stored, UriInfo uriInfo) {
        return stored
                // two requests with one new key raced: the loser's insert hit the unique key; its retry finds the winner's
                .onFailure(UniqueViolations::isUniqueViolation).retry().atMost(1)
                .map(reply -> {
                    if (reply.created()) {
                        relay.trigger();
                    }
                    URI location = uriInfo.getBaseUriBuilder().path("api/conversations/{id}/messages/{messageId}")
                            .build(id, reply.message().id);
                    return RestResponse.ResponseBuilder.<MessageView>created(location)
                            .entity(reply.view()).build();
                });
    }

    /** The browser's file name without any directory part, at most 255 characters; "file" when none came. */
    private static String fileName(String given) {
        if (given == null) {
            return "file";
        }
        String name = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1).strip();
        if (name.isEmpty()) {
            return "file";
        }
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    /**
     * Marks the conversation read now (its unreadCount becomes 0) and publishes {@code conversation.read} with the
     * caller as actor: 204; 404 when it does not exist.
     */
    @POST
    @Path("{id}/read")
    public Uni<Void> markRead(@PathParam("id") UUID id) {
        return queries.markRead(id, Actors.from(jwt)).invoke(relay::trigger);
    }

    private static Set<ConversationStatus> statuses(String status) {
        if (status == null || status.isBlank()) {
            return EnumSet.allOf(ConversationStatus.class);
        }
        Set<ConversationStatus> statuses = EnumSet.noneOf(ConversationStatus.class);
        for (String name : status.split(",")) {
            String trimmed = name.trim();
            try {
                statuses.add(ConversationStatus.valueOf(trimmed));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("unknown status '" + trimmed + "'; known: "
                        + Arrays.toString(ConversationStatus.values()));
            }
        }
        return statuses;
    }
}
