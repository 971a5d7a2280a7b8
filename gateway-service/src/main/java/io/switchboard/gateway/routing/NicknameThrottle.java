package io.switchboard.gateway.routing;

import io.switchboard.gateway.rest.ProblemException;
import io.switchboard.gateway.service.WidgetRateLimits;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Route handler in front of the proxied {@code PATCH /api/widget/conversations/:id} (after the edge check): takes a
 * token from the conversation's nickname bucket ({@link WidgetRateLimits#nicknameChange}, 3 an hour) and lets the
 * request on to conversation-service, or answers 429 problem+json with {@code Retry-After} (503 when Redis is away).
 * The request body is held back (paused) meanwhile, so that the proxy forwards it whole.
 */
@ApplicationScoped
public class NicknameThrottle implements Handler<RoutingContext> {

    private final WidgetRateLimits limits;

    public NicknameThrottle(WidgetRateLimits limits) {
        this.limits = limits;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.request().pause();
        Context context = ctx.vertx().getOrCreateContext();
        limits.nicknameChange(ctx.pathParam("id")).subscribe().with(
                allowed -> context.runOnContext(ignored -> ctx.next()),
                failure -> context.runOnContext(ignored -> {
                    ctx.request().resume();
                    if (failure instanceof ProblemException problem) {
                        ProblemResponses.send(ctx, problem.status(), problem.getMessage(), problem.headers());
                    } else {
                        ProblemResponses.send(ctx, 503, "The service is busy; try again shortly");
                    }
                }));
    }
}
