package io.switchboard.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.regex.Pattern;

/**
 * Request body limits by route, checked on the declared {@code Content-Length} before anything is read or forwarded:
 * {@value #UPLOAD_LIMIT_MB} MB for an operator's multipart message ({@code POST /api/conversations/:id/messages}:
 * a 50 MB document plus the form's overhead), {@value #DEFAULT_LIMIT_MB} MB for everything else. Above: 413 problem.
 * {@code quarkus.http.limits.max-body-size} is set to the larger limit, since Quarkus enforces it on every route,
 * proxied ones included.
 */
final class BodyLimits implements Handler<RoutingContext> {

    /** Limit of the upload route, in MB (2^20 bytes). */
    static final long UPLOAD_LIMIT_MB = 60;
    /** Limit of every other route, in MB (Quarkus's default 10240K). */
    static final long DEFAULT_LIMIT_MB = 10;

    private static final Pattern UPLOAD = Pattern.compile("^/api/conversations/[^/]+/messages/?$");

    @Override
    public void handle(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                ctx.next();
                return;
            }
            long limitMb = ctx.request().method() == HttpMethod.POST && UPLOAD.matcher(ctx.request().path()).matches()
                    ? UPLOAD_LIMIT_MB : DEFAULT_LIMIT_MB;
            if (length > limitMb * 1024 * 1024) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                ProblemResponses.send(ctx, 413, "The request body is larger than " + limitMb + " MB");
                return;
            }
        }
        ctx.next();
    }
}
