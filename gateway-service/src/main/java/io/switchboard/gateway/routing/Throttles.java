package io.switchboard.gateway.routing;

import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.rest.ProblemException;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;

/** Runs a rate-limit check from a Vert.x route handler (shared by the widget's route throttles). */
final class Throttles {

    private Throttles() {
    }

    /**
     * Waits for {@code allowed} and then lets the request on ({@code ctx.next()}, on the request's context), or
     * answers its {@link ProblemException} (429 + {@code Retry-After}, 503) as problem+json; any other failure is a
     * 503. The request should be paused meanwhile when its body is still to be forwarded.
     */
    static void proceedWhen(RoutingContext ctx, Uni<Void> allowed) {
        Context context = ctx.vertx().getOrCreateContext();
        allowed.subscribe().with(
                ignored -> context.runOnContext(nothing -> ctx.next()),
                failure -> context.runOnContext(nothing -> {
                    ctx.request().resume();
                    if (failure instanceof ProblemException problem) {
                        ProblemResponses.send(ctx, problem.status(), problem.getMessage(), problem.headers());
                    } else {
                        ProblemResponses.send(ctx, 503, "The service is busy; try again shortly");
                    }
                }));
    }
}
