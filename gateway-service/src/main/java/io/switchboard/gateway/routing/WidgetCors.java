package io.switchboard.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * CORS for {@code /api/widget/**}, answered at the edge for the gateway's own widget endpoints and the proxied ones
 * alike. A request from a page whose {@code Origin} {@link WidgetOrigins} allows gets
 * {@code Access-Control-Allow-Origin: <that origin>} (never {@code *}, no credentials: the widget sends its token in
 * {@code Authorization}) and may read {@code Retry-After}, {@code Location} and {@code X-Request-Id}; its preflight
 * ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered 204 here with the allowed methods
 * ({@code GET, POST, PATCH}) and headers ({@code Authorization, Content-Type, X-Request-Id}), cached 10 minutes. A
 * preflight from any other origin is answered 403 problem+json without CORS headers, and its actual requests get no
 * CORS headers (so the browser keeps the answer from the page). Requests without {@code Origin} (not from a browser
 * page) pass unchanged.
 */
@ApplicationScoped
public class WidgetCors implements Handler<RoutingContext> {

    static final String ALLOWED_METHODS = "GET, POST, PATCH";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, X-Request-Id";
    static final String EXPOSED_HEADERS = "Retry-After, Location, X-Request-Id";

    private final WidgetOrigins origins;

    public WidgetCors(WidgetOrigins origins) {
        this.origins = origins;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            ctx.next();
            return;
        }
        HttpServerResponse response = ctx.response();
        response.putHeader(HttpHeaders.VARY, "Origin");
        boolean preflight = ctx.request().method().equals(HttpMethod.OPTIONS)
                && ctx.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
        if (!origins.allows(ctx.request(), origin)) {
            if (preflight) {
                ProblemResponses.send(ctx, 403, "This site may not use the widget API");
            } else {
                ctx.next();
            }
            return;
        }
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if (preflight) {
            response.setStatusCode(204)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600")
                    .end();
            return;
        }
        response.putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        ctx.next();
    }
}
