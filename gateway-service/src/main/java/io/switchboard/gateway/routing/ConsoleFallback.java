package io.switchboard.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Deep links of the single-page console: runs after the static files and before the JAX-RS endpoints. A
 * {@code GET}/{@code HEAD} for a console path (not under {@code /api}, {@code /ws}, {@code /q}, {@code /telegram}
 * or {@code /widget}, and whose last segment has no file extension) gets the console's
 * {@code META-INF/resources/index.html}, so that the app can route it itself. Everything else, and every path when the console is not packaged, goes on to the
 * next route (the JAX-RS endpoints, whose 404 is problem+json).
 */
final class ConsoleFallback implements Handler<RoutingContext> {

    static final String INDEX = "META-INF/resources/index.html";
    private static final List<String> RESERVED = List.of("/api", "/ws", "/q", "/telegram", "/widget");

    private final Buffer index;

    private ConsoleFallback(Buffer index) {
        this.index = index;
    }

    /** Reads the console's index page from the classpath once (blocking; call at start-up). */
    static ConsoleFallback load(ClassLoader classLoader) {
        try (InputStream in = classLoader.getResourceAsStream(INDEX)) {
            return new ConsoleFallback(in == null ? null : Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + INDEX, e);
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        HttpMethod method = ctx.request().method();
        boolean read = method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD);
        if (index == null || !read || isReserved(path) || looksLikeFile(path)) {
            ctx.next();
            return;
        }
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .end(index);
    }

    static boolean isReserved(String path) {
        for (String prefix : RESERVED) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    static boolean looksLikeFile(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.contains(".");
    }
}
