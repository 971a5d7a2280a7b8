package io.switchboard.conversation.rest;

import io.switchboard.conversation.client.TelegramIngestClient;
import io.switchboard.conversation.domain.Attachment;
import io.switchboard.conversation.repository.AttachmentRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestMulti;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/media/{attachmentId}}: the bytes of a message's file, for logged-in operators (consoles fetch it
 * with their Authorization header into a blob URL). An inbound Telegram file is streamed from telegram-ingest's
 * {@code GET /internal/telegram/files/{fileId}} (which calls getFile and streams Telegram's file: the bot token stays
 * there, never in a URL given out here); an operator's upload comes from the {@code upload} table. Headers:
 * Content-Type (the attachment's MIME type), Content-Length when known, {@code Cache-Control: private, max-age=3600},
 * {@code Content-Disposition: inline; filename*=UTF-8''…} for JPEG/PNG/WebP/GIF images, audio and video, else
 * {@code attachment; filename*=…} (the MIME type is the sender's claim: an HTML or SVG "file" must never render in
 * our origin), {@code X-Content-Type-Options: nosniff}, {@code Content-Security-Policy: sandbox}. Errors are {@code application/problem+json}: 404 unknown
 * attachment (or one without a file: a location, a contact) or a file Telegram no longer has, 413 a Telegram file over
 * the 20 MB getFile limit, 502 ingest unreachable.
 */
@Path("/api/media")
@RolesAllowed({"operator", "admin"})
public class MediaResource {

    private static final Logger LOG = Logger.getLogger(MediaResource.class);

    /** What to answer: status, headers and a body stream. */
    record Media(int status, Map<String, List<String>> headers, Multi<byte[]> body) {
    }

    private final AttachmentRepository attachments;
    private final TelegramIngestClient ingest;

    public MediaResource(AttachmentRepository attachments, TelegramIngestClient ingest) {
        this.attachments = attachments;
        this.ingest = ingest;
    }

    @GET
    @Path("{attachmentId}")
    public RestMulti<byte[]> get(@PathParam("attachmentId") String attachmentId) {
        return RestMulti.fromUniResponse(media(attachmentId), Media::body, Media::headers, Media::status);
    }

    private Uni<Media> media(String rawId) {
        UUID id;
        try {
            id = UUID.fromString(rawId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(problem(404, "Not Found", "no attachment " + rawId));
        }
        return find(id).chain(found -> {
            if (found == null || !found.attachment().hasFile()) {
                return Uni.createFrom().item(problem(404, "Not Found", "no file for attachment " + id));
            }
            Attachment a = found.attachment();
            if (a.uploadId != null) {
                if (found.upload() == null) {
                    return Uni.createFrom().item(problem(404, "Not Found", "the uploaded file is gone"));
                }
                UploadRow upload = found.upload();
                Map<String, List<String>> headers = headers(upload.mimeType(), upload.fileName());
                headers.put("Content-Length", List.of(Long.toString(upload.bytes().length)));
                return Uni.createFrom().item(new Media(200, headers, Multi.createFrom().item(upload.bytes())));
            }
            return fromTelegram(a);
        });
    }

    private Uni<Media> fromTelegram(Attachment a) {
        return ingest.file(a.telegramFileId, a.mimeType).map(response -> {
            if (response.statusCode() != 200) {
                int status = response.statusCode() == 404 || response.statusCode() == 413 ? response.statusCode() : 502;
                response.resume(); // drain and drop ingest's problem body
                return problem(status, status == 404 ? "Not Found" : status == 413 ? "Content Too Large" : "Bad Gateway",
                        status == 404 ? "Telegram no longer has this file"
                                : status == 413 ? "the file is larger than the 20 MB bots may download"
                                : "telegram-ingest answered " + response.statusCode());
            }
            String mime = a.mimeType != null ? a.mimeType : response.getHeader("Content-Type");
            Map<String, List<String>> headers = headers(mime, a.fileName);
            String length = response.getHeader("Content-Length");
            if (length != null) {
                headers.put("Content-Length", List.of(length));
            }
            return new Media(200, headers, response.toMulti().map(buffer -> buffer.getBytes()));
        }).onFailure(TelegramIngestClient.UnreachableException.class).recoverWithItem(failure -> {
            LOG.warnf("Media %s: %s", a.id, failure.getMessage());
            return problem(502, "Bad Gateway", "Telegram files are unavailable right now");
        });
    }

    private record UploadRow(String mimeType, String fileName, byte[] bytes) {
    }

    private record Found(Attachment attachment, UploadRow upload) {
    }

    @WithSession
    Uni<Found> find(UUID id) {
        return attachments.findById(id).chain(a -> {
            if (a == null || a.uploadId == null) {
                return Uni.createFrom().item(a == null ? null : new Found(a, null));
            }
            return attachments.getSession().chain(session -> session.createNativeQuery(
                            "select mime_type, file_name, bytes from upload where id = :id", Object[].class)
                    .setParameter("id", a.uploadId)
                    .getResultList())
                    .map(rows -> rows.isEmpty() ? new Found(a, null) : new Found(a, new UploadRow(
                            (String) rows.get(0)[0], (String) rows.get(0)[1], (byte[]) rows.get(0)[2])));
        });
    }

    private static Map<String, List<String>> headers(String mimeType, String fileName) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(mimeType == null || mimeType.isBlank() ? "application/octet-stream" : mimeType));
        headers.put("Cache-Control", List.of("private, max-age=3600"));
        String name = fileName == null || fileName.isBlank() ? "file" : fileName;
        headers.put("Content-Disposition", List.of((showsInline(mimeType) ? "inline" : "attachment")
                + "; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")));
        headers.put("X-Content-Type-Options", List.of("nosniff"));
        headers.put("Content-Security-Policy", List.of("sandbox"));
        return headers;
    }

    /**
     * Whether a file of this (customer-controlled) MIME type may be shown inline: JPEG, PNG, WebP and GIF images,
     * audio and video. Everything else (HTML, SVG, PDF, unknown…) is served as a download.
     */
    static boolean showsInline(String mimeType) {
        if (mimeType == null) {
            return false;
        }
        int semicolon = mimeType.indexOf(';');
        String type = (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon)).trim().toLowerCase(java.util.Locale.ROOT);
        return type.matches("image/(jpeg|png|webp|gif)") || type.matches("(audio|video)/[a-z0-9.+-]+");
    }

    private static Media problem(int status, String title, String detail) {
        String json = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(ProblemMapper.PROBLEM_JSON));
        return new Media(status, headers, Multi.createFrom().item(json.getBytes(StandardCharsets.UTF_8)));
    }
}
