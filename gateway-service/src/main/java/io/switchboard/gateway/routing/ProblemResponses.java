package io.switchboard.gateway.routing;

import io.switchboard.gateway.rest.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** Writes {@code application/problem+json} answers from Vert.x route handlers (the routed, non-JAX-RS paths). */
final class ProblemResponses {

    private ProblemResponses() {
    }

    /** Ends the exchange with a {@link Problem} for {@code status}; does nothing if an answer was already sent. */
    static void send(RoutingContext ctx, int status, String detail, Map<String, String> headers) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        headers.forEach(response::putHeader);
        response.end(Problem.of(status, detail, ctx.request().path()).toJson());
    }

    static void send(RoutingContext ctx, int status, String detail) {
        send(ctx, status, detail, Map.of());
    }
}
