package io.switchboard.emulator.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.emulator.service.CustomerActions;

/**
 * The one exception mapper of the control API: every error is RFC 9457 {@code application/problem+json}
 * ({@code type, title, status, detail, instance}), never a stack trace. The Bot API surface itself answers with
 * Telegram's envelope instead (see {@link BotApiRoute}).
 */
public class ProblemResponses {

    /** Media type of RFC 9457 problem details. */
    public static final String PROBLEM_JSON = "application/problem+json";

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        return problem(status, e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response refused(CustomerActions.Refused e, UriInfo uri) {
        return problem(e.status(), e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.error("control API request failed", e);
        return problem(500, "The emulator failed to handle the request.", uri);
    }

    /** A problem+json response. */
    static Response problem(int status, String detail, UriInfo uri) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("type", "about:blank")
                .put("title", type == null ? "Error" : type.getReasonPhrase())
                .put("status", status)
                .put("detail", detail == null ? "" : detail);
        if (uri != null) {
            body.put("instance", uri.getRequestUri().getRawPath());
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
