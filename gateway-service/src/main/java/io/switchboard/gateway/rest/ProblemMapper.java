package io.switchboard.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/**
 * The one exception mapper of the gateway's own endpoints: every failure becomes {@code application/problem+json}
 * ({@link Problem}), never a stack trace or an exception class name. Routed (proxied) paths answer their errors
 * through {@link io.switchboard.gateway.routing.ProblemResponses} with the same shape.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public RestResponse<String> problem(ProblemException e, HttpServerRequest request) {
        return respond(e.status(), e.getMessage(), request, e.headers());
    }

    @ServerExceptionMapper
    public RestResponse<String> unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return respond(401, "A valid bearer token is required", request, Map.of("WWW-Authenticate", "Bearer"));
    }

    @ServerExceptionMapper
    public RestResponse<String> authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return respond(401, "A valid bearer token is required", request, Map.of("WWW-Authenticate", "Bearer"));
    }

    @ServerExceptionMapper
    public RestResponse<String> forbidden(ForbiddenException e, HttpServerRequest request) {
        return respond(403, "Your role does not allow this", request, Map.of());
    }

    @ServerExceptionMapper
    public RestResponse<String> mismatchedJson(MismatchedInputException e, HttpServerRequest request) {
        return respond(400, "The request body is not the expected JSON", request, Map.of());
    }

    @ServerExceptionMapper
    public RestResponse<String> malformedJson(JsonProcessingException e, HttpServerRequest request) {
        return respond(400, "The request body is not valid JSON", request, Map.of());
    }

    @ServerExceptionMapper
    public RestResponse<String> webApplication(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "%s %s failed", request.method(), request.path());
        }
        return respond(status, standardDetail(status), request, Map.of());
    }

    @ServerExceptionMapper
    public RestResponse<String> unexpected(Throwable e, HttpServerRequest request) {
        LOG.errorf(e, "%s %s failed", request.method(), request.path());
        return respond(500, "The gateway failed to handle this request", request, Map.of());
    }

    private static RestResponse<String> respond(int status, String detail, HttpServerRequest request,
                                                Map<String, String> headers) {
        RestResponse.ResponseBuilder<String> builder = RestResponse.ResponseBuilder
                .<String>create(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, detail, request.path()).toJson());
        headers.forEach(builder::header);
        return builder.build();
    }

    private static String standardDetail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed";
            case 404 -> "Nothing is here";
            case 405 -> "This method is not allowed here";
            case 406 -> "No acceptable representation";
            case 415 -> "Unsupported content type";
            default -> status >= 500 ? "The gateway failed to handle this request" : Problem.reasonPhrase(status);
        };
    }
}
