package io.switchboard.conversation.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.switchboard.conversation.service.ConversationNotWritableException;
import io.switchboard.conversation.service.UnknownConversationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The service's one exception mapper: every error leaves as RFC 9457 {@code application/problem+json}
 * ({@code {type, title, status, detail, instance}}), never with a stack trace or an exception class name.
 */
public class ProblemMapper {

    /** Media type of every error body. */
    public static final String PROBLEM_JSON = "application/problem+json";

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final ObjectMapper mapper;

    public ProblemMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return problem(e.status(), e.title(), e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response unknownConversation(UnknownConversationException e, UriInfo uri) {
        return problem(404, "Not Found", e.getMessage(), uri);
    }

    /** An operator tool refused (canned responses, tags, notes, audit): 404, 403 or 409 by its reason. */
    @ServerExceptionMapper
    public Response refused(io.switchboard.conversation.service.RefusedException e, UriInfo uri) {
        return problem(e.reason().status(), e.reason().title(), e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response notWritable(ConversationNotWritableException e, UriInfo uri) {
        return problem(409, "Conflict", e.getMessage(), uri);
    }

    /** The conversation state machine refused: 403 (not allowed for this operator) or 409 (wrong state, a race lost). */
    @ServerExceptionMapper
    public Response lifecycleRefused(io.switchboard.conversation.service.LifecycleRefusedException e, UriInfo uri) {
        return e.kind() == io.switchboard.conversation.domain.ConversationLifecycle.RefusalKind.NOT_ALLOWED
                ? problem(403, "Forbidden", e.getMessage(), uri)
                : problem(409, "Conflict", e.getMessage(), uri);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(problem(401, "Unauthorized", "A valid bearer access token is required.", uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "Forbidden", "This token's roles do not allow this request.", uri);
    }

    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class})
    public Response unreadableBody(Exception e, UriInfo uri) {
        return problem(400, "Bad Request", "The request body is not valid JSON of the expected shape.", uri);
    }

    @ServerExceptionMapper
    public Response constraint(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        return problem(409, "Conflict", "The request conflicts with stored data.", uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No such resource.";
            case 405 -> "Method not allowed on this resource.";
            case 406 -> "No acceptable representation; this API produces application/json.";
            case 415 -> "Unsupported media type; send application/json.";
            default -> title + ".";
        };
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        return problem(status, title, detail, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("Unexpected failure", e);
        return problem(500, "Internal Server Error", "The request could not be completed.", uri);
    }

    private Response problem(int status, String title, String detail, UriInfo uri) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", uri == null ? null : uri.getRequestUri().getRawPath());
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            json = "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500}";
        }
        return Response.status(status).type(PROBLEM_JSON).entity(json).build();
    }
}
