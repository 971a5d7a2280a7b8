package io.switchboard.gateway.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.gateway.domain.WidgetProfileRules;
import io.switchboard.gateway.service.WidgetRateLimits;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/**
 * Route handler in front of the proxied {@code PATCH /api/widget/conversations/:id} (after the edge check). It reads
 * the JSON body {@code {nickname}} (at most {@value #MAX_BODY_BYTES} bytes, else 413), checks the nickname with
 * conversation-service's rule ({@link WidgetProfileRules#nickname}: 422 problem+json with that service's reason,
 * 400 for a body that is not JSON of that shape) so that a typo costs no token, then takes a token from the
 * conversation's nickname bucket ({@link WidgetRateLimits#nicknameChange}, 3 an hour) and lets the request on to
 * conversation-service with the body unchanged ({@link UpstreamProxy#BUFFERED_BODY}); over the limit 429
 * problem+json with {@code Retry-After} (503 when Redis is away). Nothing is forwarded when it refuses.
 */
@ApplicationScoped
public class NicknameThrottle implements Handler<RoutingContext> {

    /** Largest body read: a 32-character nickname, JSON-escaped, fits many times over. */
    static final int MAX_BODY_BYTES = 4096;

    /** The body as conversation-service reads it. */
    public record NicknameBody(String nickname) {
    }

    private final WidgetRateLimits limits;
    private final ObjectMapper mapper;

    public NicknameThrottle(WidgetRateLimits limits, ObjectMapper mapper) {
        this.limits = limits;
        this.mapper = mapper;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (!tooLarge[0] && body.length() + chunk.length() > MAX_BODY_BYTES) {
                tooLarge[0] = true;
            }
            if (!tooLarge[0]) {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(failure -> ProblemResponses.send(ctx, 400, "The request body could not be read"));
        request.endHandler(ended -> {
            if (tooLarge[0]) {
                ProblemResponses.send(ctx, 413, "The body must be a small JSON object {nickname}");
                return;
            }
            checked(ctx, body);
        });
        request.resume();
    }

    private void checked(RoutingContext ctx, Buffer body) {
        NicknameBody parsed;
        try {
            parsed = body.length() == 0 ? null : mapper.readValue(body.getBytes(), NicknameBody.class);
        } catch (IOException e) {
            ProblemResponses.send(ctx, 400, "A JSON body {nickname} is required");
            return;
        }
        try {
            WidgetProfileRules.nickname(parsed == null ? null : parsed.nickname());
        } catch (IllegalArgumentException e) {
            ProblemResponses.send(ctx, 422, e.getMessage());
            return;
        }
        ctx.put(UpstreamProxy.BUFFERED_BODY, body);
        Throttles.proceedWhen(ctx, limits.nicknameChange(ctx.pathParam("id")));
    }
}
