package io.switchboard.gateway.routing;

import io.switchboard.gateway.service.WidgetRateLimits;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Route handler in front of the proxied widget reads ({@code GET /api/widget/conversations/:id} and
 * {@code .../messages}, after the edge check): takes a token from the client address's read bucket
 * ({@link WidgetRateLimits#read}, 120 a minute per address, IPv6 per /64) and lets the request on to
 * conversation-service, or answers 429 problem+json with {@code Retry-After}. While Redis is away the limit is
 * waived, so the customers' history stays readable.
 */
@ApplicationScoped
public class WidgetReadThrottle implements Handler<RoutingContext> {

    private final WidgetRateLimits limits;
    private final ClientAddresses clientAddresses;

    public WidgetReadThrottle(WidgetRateLimits limits, ClientAddresses clientAddresses) {
        this.limits = limits;
        this.clientAddresses = clientAddresses;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.request().pause();
        Throttles.proceedWhen(ctx, limits.read(clientAddresses.of(ctx.request())));
    }
}
