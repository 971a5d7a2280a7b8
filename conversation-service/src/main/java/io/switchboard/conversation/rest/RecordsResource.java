package io.switchboard.conversation.rest;

import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.ConversationStatus;
import io.switchboard.conversation.mapping.TranscriptFormat;
import io.switchboard.conversation.service.ConversationDeletions;
import io.switchboard.conversation.service.TranscriptExport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestMulti;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Records management of conversations: transcript export (any operator) and bulk delete (admins). Errors are
 * {@code application/problem+json}: 401 without a valid token, 403 for a role that may not, 404 unknown conversation,
 * 400 unreadable JSON, 422 a body of the wrong shape.
 */
@Path("/api/conversations")
public class RecordsResource {

    /** Most ids one bulk-delete request may name. */
    public static final int MAX_IDS = 1000;
    /** Media type of the CSV transcript. */
    public static final String TEXT_CSV = "text/csv;charset=UTF-8";

    private final TranscriptExport transcripts;
    private final ConversationDeletions deletions;
    private final JsonWebToken jwt;

    public RecordsResource(TranscriptExport transcripts, ConversationDeletions deletions, JsonWebToken jwt) {
        this.transcripts = transcripts;
        this.deletions = deletions;
        this.jwt = jwt;
    }

    /**
     * The conversation as a JSON download ({@code Content-Disposition: attachment;
     * filename="transcript-<codename-slug>-<yyyy-MM-dd>.json"}):
     * {@code {conversation:{id,codename,status,createdAt,closedAt,assigneeId,tags}, customer:{id,displayName,username,
     * nickname,languageCode}, messages:[{id,createdAt,direction,author,status,text,systemKey,operatorId}],
     * notes:[{id,createdAt,operatorId,operatorName,text,internal:true}], exportedAt}}, messages and notes oldest
     * first. BLOCKED messages are left out. Streamed page by page. Audit {@code transcript.exported}.
     */
    @GET
    @Path("{id}/transcript.json")
    @RolesAllowed({"operator", "admin"})
    @Produces(MediaType.APPLICATION_JSON)
    public Multi<Buffer> transcriptJson(@PathParam("id") UUID id, @Context HttpServerResponse response) {
        Multi<Buffer> body = transcripts.begin(id, Actors.from(jwt), "json")
                .invoke(start -> attach(response, start, "json"))
                .onItem().transformToMulti(transcripts::json);
        // every chunk is followed by a newline (whitespace between JSON tokens); no array around the chunks
        return RestMulti.fromMultiData(body).encodeAsJsonArray(false).build();
    }

    /**
     * The conversation as a CSV download (UTF-8 with BOM, CRLF, RFC 4180 quoting; a value starting with
     * {@code = + - @}, tab or CR gets a leading {@code '} so spreadsheets never run it):
     * {@code created_at,direction,author,status,text}, one record per message, oldest first, BLOCKED messages left
     * out, no notes. {@code Content-Disposition} as for JSON with {@code .csv}. Audit {@code transcript.exported}.
     */
    @GET
    @Path("{id}/transcript.csv")
    @RolesAllowed({"operator", "admin"})
    @Produces(TEXT_CSV)
    public Multi<Buffer> transcriptCsv(@PathParam("id") UUID id, @Context HttpServerResponse response) {
        return transcripts.begin(id, Actors.from(jwt), "csv")
                .invoke(start -> attach(response, start, "csv"))
                .onItem().transformToMulti(transcripts::csv);
    }

    /**
     * Admins delete conversations for good: body {@code {"ids":[uuid...]}} (1..1000, any status, unknown ids ignored)
     * or {@code {"filter":{"status":"CLOSED","closedBefore":"2025-01-01T00:00:00Z"}}} (every conversation CLOSED before
     * that instant), exactly one of the two. Deletes messages, notes, tag links, timers and the conversations, a chunk
     * per transaction; audit {@code conversation.deleted} and event {@code conversation.deleted} (reason {@code bulk})
     * per conversation. Answer {@code {"deleted":n}}. 422 for any other body, 403 for non-admins.
     */
    @POST
    @Path("bulk-delete")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<BulkDeleteRequest.Result> bulkDelete(BulkDeleteRequest body) {
        Actor actor = Actors.from(jwt);
        if (body == null || (body.ids() == null) == (body.filter() == null)) {
            throw ProblemException.unprocessable("send exactly one of \"ids\" and \"filter\"");
        }
        Uni<Long> deleted;
        if (body.ids() != null) {
            if (body.ids().isEmpty() || body.ids().size() > MAX_IDS) {
                throw ProblemException.unprocessable("\"ids\" must hold 1.." + MAX_IDS + " conversation ids");
            }
            if (body.ids().contains(null)) {
                throw ProblemException.unprocessable("\"ids\" must not contain null");
            }
            deleted = deletions.byIds(body.ids(), actor);
        } else {
            deleted = deletions.closedBefore(closedBefore(body.filter()), actor);
        }
        return deleted.map(BulkDeleteRequest.Result::new);
    }

    private static Instant closedBefore(BulkDeleteRequest.Filter filter) {
        if (!ConversationStatus.CLOSED.name().equals(filter.status())) {
            throw ProblemException.unprocessable("\"filter.status\" must be \"CLOSED\": only closed conversations are deleted by filter");
        }
        if (filter.closedBefore() == null || filter.closedBefore().isBlank()) {
            throw ProblemException.unprocessable("\"filter.closedBefore\" is required (ISO-8601, e.g. 2025-01-01T00:00:00Z)");
        }
        try {
            return OffsetDateTime.parse(filter.closedBefore().trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.unprocessable("\"filter.closedBefore\" is not an ISO-8601 date-time with offset, e.g. 2025-01-01T00:00:00Z");
        }
    }

    private static void attach(HttpServerResponse response, TranscriptExport.Start start, String extension) {
        // headers go out with the first chunk, which follows this
        response.putHeader(HttpHeaders.CONTENT_DISPOSITION,
                TranscriptFormat.attachment(start.conversation().codename(), start.exportedAt(), extension));
    }
}
