package io.switchboard.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.switchboard.ingest.domain.InvalidUpdateException;
import io.switchboard.ingest.domain.TokenRedaction;
import io.switchboard.ingest.service.BotManagementException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The service's one exception mapper: every error becomes RFC 9457 {@code application/problem+json}.
 * 400 invalid update or unreadable JSON, 401 bad webhook secret or no valid bearer token, 403 not an admin,
 * 404/405/415 from routing, bot management's 404/409/413/422/502/503 ({@link BotManagementException}), 503 (with
 * {@code Retry-After}) when Kafka is unavailable, 500 for anything unexpected (logged with its stack trace, bot tokens masked by {@link TokenRedaction}; never
 * described to the caller).
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
    public Response botManagement(BotManagementException e, UriInfo uri) {
        return problem(status(e.status()), e.getMessage(), uri).build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response notAuthenticated(RuntimeException e, UriInfo uri) {
        return problem(Response.Status.UNAUTHORIZED, "A valid bearer access token is required.", uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(Response.Status.FORBIDDEN, "This token's roles do not allow this request.", uri).build();
    }

    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public Response unreadableBody(Exception e, UriInfo uri) {
        return problem(Response.Status.BAD_REQUEST, "The request body is not valid JSON of the expected shape.", uri)
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
        // logged as redacted text, not as a Throwable: its messages may hold a Bot API URL with the token
        LOG.errorf("Unexpected error on %s: %s", TokenRedaction.redact(uri.getPath()), TokenRedaction.stackTrace(e));
        return problem(Response.Status.INTERNAL_SERVER_ERROR, "An unexpected error occurred", uri).build();
    }

    /** A status type for any code, 422 included (which Jakarta REST does not name). */
    private static Response.StatusType status(int code) {
        Response.Status known = Response.Status.fromStatusCode(code);
        if (known != null) {
            return known;
        }
        String reason = switch (code) {
            case 422 -> "Unprocessable Content";
            case 413 -> "Content Too Large";
            default -> "Error";
        };
        return new Response.StatusType() {
            @Override
            public int getStatusCode() {
                return code;
            }

            @Override
            public Response.Status.Family getFamily() {
                return Response.Status.Family.familyOf(code);
            }

            @Override
            public String getReasonPhrase() {
                return reason;
            }
        };
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
