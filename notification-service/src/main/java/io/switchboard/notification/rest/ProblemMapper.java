package io.switchboard.notification.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.switchboard.notification.domain.PresenceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The service's one error mapper: every REST failure becomes an RFC 9457 {@code application/problem+json} body. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** 401: no token, or a token that is malformed, expired, or not signed by the gateway. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return problem(Response.Status.UNAUTHORIZED, "A valid bearer access token is required.", uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** 403: a valid token without the operator or admin role. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(Response.Status.FORBIDDEN, "The operator or admin role is required.", uri).build();
    }

    /** 503: Redis did not answer. */
    @ServerExceptionMapper
    public Response presenceUnavailable(PresenceUnavailableException e, UriInfo uri) {
        LOG.warnf("Presence unavailable: %s", e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        return problem(Response.Status.SERVICE_UNAVAILABLE, "Presence is unavailable right now; retry shortly.", uri)
                .header(HttpHeaders.RETRY_AFTER, "5").build();
    }

    /** The status of a JAX-RS exception (404 unknown path, 405 wrong method, 406, 415, …). */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = status.getStatusCode() >= 500 ? null : e.getMessage();
        return problem(status, detail, uri).build();
    }

    /** 500 for anything unexpected, logged here and never described to the client. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "Unexpected failure on %s", uri.getPath());
        return problem(Response.Status.INTERNAL_SERVER_ERROR, "An unexpected error occurred.", uri).build();
    }

    private static Response.ResponseBuilder problem(Response.StatusType status, String detail, UriInfo uri) {
        Problem body = new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail,
                uri == null ? null : uri.getPath());
        return Response.status(status.getStatusCode()).type(Problem.MEDIA_TYPE).entity(body);
    }
}
