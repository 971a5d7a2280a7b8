package io.switchboard.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ingest.domain.InvalidUpdateException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The service's one exception mapper: every error becomes RFC 9457 {@code application/problem+json}.
 * 400 invalid update, 401 bad webhook secret, 404/405/415 from routing, 503 (with {@code Retry-After}) when Kafka
 * is unavailable, 500 for anything unexpected (logged, never described to the caller).
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** Seconds Telegram (or any client) should wait before retrying after a 503. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final ObjectMapper json;

    ProblemMapper(ObjectMapper json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response invalidUpdate(InvalidUpdateException e, UriInfo uri) {
        return problem(Response.Status.BAD_REQUEST, e.getMessage(), uri).build();
    }

    @ServerExceptionMapper
    public Response unauthorized(WebhookUnauthorizedException e, UriInfo uri) {
        return problem(Response.Status.UNAUTHORIZED, e.getMessage(), uri).build();
    }

    @ServerExceptionMapper
    public Response unavailable(UpdatesUnavailableException e, UriInfo uri) {
        return problem(Response.Status.SERVICE_UNAVAILABLE,
                "Kafka did not acknowledge the update in time; retry later", uri)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = status.getStatusCode() < 500 && e.getMessage() != null ? e.getMessage() : status.getReasonPhrase();
        return problem(status, detail, uri).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "Unexpected error on %s", uri.getPath());
        return problem(Response.Status.INTERNAL_SERVER_ERROR, "An unexpected error occurred", uri).build();
    }

    private Response.ResponseBuilder problem(Response.StatusType status, String detail, UriInfo uri) {
        Problem problem = new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail,
                uri.getRequestUri().getRawPath());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"type\":\"about:blank\",\"status\":" + status.getStatusCode() + "}";
        }
        return Response.status(status.getStatusCode()).type(Problem.MEDIA_TYPE).entity(body);
    }
}
