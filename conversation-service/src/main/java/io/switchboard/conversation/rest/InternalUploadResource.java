package io.switchboard.conversation.rest;

import io.switchboard.conversation.repository.UploadRepository;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

/**
 * Files operators uploaded, for telegram-ingest-service inside the cluster: it fetches the bytes of a
 * {@code send_media} command's {@code uploadId} here and sends them to Telegram (sendPhoto/sendDocument).
 * Not behind operator authentication and never routed by the gateway (which forwards only {@code /api/...}).
 */
@Path("/internal/uploads")
@PermitAll
public class InternalUploadResource {

    private final UploadRepository uploads;

    public InternalUploadResource(UploadRepository uploads) {
        this.uploads = uploads;
    }

    /**
     * The upload's bytes exactly as stored, with {@code Content-Type} = its media type and {@code Content-Length};
     * 404 problem when there is no such upload (or its conversation was deleted).
     */
    @GET
    @Path("{uploadId}")
    public Uni<RestResponse<byte[]>> get(@PathParam("uploadId") UUID uploadId) {
        return uploads.findById(uploadId).map(upload -> {
            if (upload == null) {
                throw new ProblemException(404, "Not Found", "No upload " + uploadId + ".");
            }
            return RestResponse.ResponseBuilder.ok(upload.bytes, upload.mimeType)
                    .header(HttpHeaders.CONTENT_LENGTH, upload.bytes.length)
                    .header("Cache-Control", "no-store")
                    .build();
        });
    }
}
