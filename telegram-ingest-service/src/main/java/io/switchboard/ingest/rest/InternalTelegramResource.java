package io.switchboard.ingest.rest;

import io.switchboard.ingest.domain.BotIdentity;
import io.switchboard.ingest.service.ActiveBot;
import io.switchboard.ingest.service.TelegramFiles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * For other services on the internal network only (NOT routed by the gateway, no token):
 * <ul>
 *   <li>{@code GET /internal/telegram/files/{fileId}?mimeType=} → the file's bytes, streamed from Telegram
 *       (getFile, then {@code /file/bot<token>/<file_path>}); Content-Type from {@code mimeType} or
 *       application/octet-stream, Content-Length when Telegram gave it; 413 problem over 20 MB, 404 when Telegram no
 *       longer has the file, 502 when Telegram cannot be reached, 503 without a bot;</li>
 *   <li>{@code GET /internal/telegram/bot} → {@code {configured, username}} (for {@code t.me/<username>} links).</li>
 * </ul>
 */
@Path("/internal/telegram")
public class InternalTelegramResource {

    private final TelegramFiles files;
    private final ActiveBot bot;

    InternalTelegramResource(TelegramFiles files, ActiveBot bot) {
        this.files = files;
        this.bot = bot;
    }

    /** {@code {configured, username}}; username null when unknown. */
    public record BotSummary(boolean configured, String username) {
    }

    @GET
    @Path("bot")
    @Produces(MediaType.APPLICATION_JSON)
    public BotSummary bot() {
        boolean configured = bot.current().isPresent();
        return new BotSummary(configured, configured ? bot.identity().map(BotIdentity::username).orElse(null) : null);
    }

    @GET
    @Path("files/{fileId}")
    public Response file(@PathParam("fileId") String fileId, @QueryParam("mimeType") String mimeType) {
        TelegramFiles.Download download = files.open(fileId);
        StreamingOutput body = out -> {
            try (download; InputStream in = download.body(); OutputStream target = out) {
                in.transferTo(target);
            }
        };
        Response.ResponseBuilder answer = Response.ok(body, mediaType(mimeType));
        if (download.length() >= 0) {
            answer.header("Content-Length", download.length());
        }
        return answer.build();
    }

    private static String mediaType(String requested) {
        if (requested == null || requested.isBlank()) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        try {
            return MediaType.valueOf(requested.trim()).toString();
        } catch (IllegalArgumentException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
