package io.switchboard.gateway.routing;

import io.switchboard.gateway.rest.ProblemException;
import io.switchboard.gateway.service.LoginRateLimiter;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;

/**
 * Route handler in front of {@code POST /api/auth/login}: 429 problem+json with {@code Retry-After} (seconds) when
 * the client address has used up its {@link LoginRateLimiter} budget, otherwise on to the login endpoint. The
 * address is the TCP peer, or the forwarded client when {@code quarkus.http.proxy.proxy-address-forwarding} is on.
 */
@ApplicationScoped
public class LoginThrottle implements Handler<RoutingContext> {

    private final LoginRateLimiter limiter;

    public LoginThrottle(LoginRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String client = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        Duration wait = limiter.attempt(client);
        if (wait.isZero()) {
            ctx.next();
            return;
        }
        ProblemResponses.send(ctx, 429, "Too many login attempts from this address; try again later",
                Map.of("Retry-After", Long.toString(ProblemException.retryAfterSeconds(wait))));
    }
}
