package io.switchboard.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the web widget from the {@code widget} jar's {@code META-INF/resources}: {@code GET}/{@code HEAD} of
 * {@code /widget.js} (the stable loader a site embeds) and of {@code /widget/<file>} (the content-hashed bundle
 * {@code widget.<hash>.js}, the demo page {@code demo.html}, anything else the build put there).
 *
 * <table>
 *   <tr><th>file</th><th>{@code Cache-Control}</th></tr>
 *   <tr><td>{@code /widget.js}</td><td>{@code public, max-age=300}</td></tr>
 *   <tr><td>{@code /widget/widget.<hash>.js} (a hash of 6 or more letters, digits, {@code _} or {@code -})</td>
 *       <td>{@code public, max-age=31536000, immutable}</td></tr>
 *   <tr><td>{@code .html}</td><td>{@code no-cache}</td></tr>
 *   <tr><td>any other file</td><td>{@code public, max-age=300}</td></tr>
 * </table>
 * Every answer has a strong {@code ETag} (SHA-256 of the bytes; {@code If-None-Match} → 304),
 * {@code X-Content-Type-Options: nosniff}, and scripts (and other non-HTML files) are public to every site:
 * {@code Access-Control-Allow-Origin: *} and {@code Cross-Origin-Resource-Policy: cross-origin}. A file that is not
 * there is 404 problem+json (never the console's index page). Files are read from the classpath on a worker thread
 * the first time and kept in memory (they are few and small).
 */
final class WidgetAssets implements Handler<RoutingContext> {

    static final String ROOT = "META-INF/resources";
    static final String LOADER_CACHE = "public, max-age=300";
    static final String IMMUTABLE_CACHE = "public, max-age=31536000, immutable";
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final Pattern HASHED_BUNDLE = Pattern.compile("widget\\.[A-Za-z0-9_-]{6,}\\.js");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "map", "application/json; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "woff2", "font/woff2",
            "mp3", "audio/mpeg");

    private final Vertx vertx;
    private final ClassLoader classLoader;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    WidgetAssets(Vertx vertx, ClassLoader classLoader) {
        this.vertx = vertx;
        this.classLoader = classLoader;
    }

    /** A file in memory with its validator. */
    private record Asset(Buffer body, String etag, String contentType, String cacheControl, boolean html) {
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            ProblemResponses.send(ctx, 405, "Only GET and HEAD are allowed here", Map.of("Allow", "GET, HEAD"));
            return;
        }
        String path = ctx.normalizedPath();
        Optional<String> resource = resourceOf(path);
        if (resource.isEmpty()) {
            ProblemResponses.send(ctx, 404, "Nothing is here");
            return;
        }
        Asset cached = cache.get(resource.get());
        if (cached != null) {
            send(ctx, cached);
            return;
        }
        vertx.<Optional<Asset>>executeBlocking(() -> load(resource.get()), false).onComplete(result -> {
            if (result.failed() || result.result().isEmpty()) {
                ProblemResponses.send(ctx, 404, "Nothing is here");
                return;
            }
            Asset asset = result.result().get();
            cache.putIfAbsent(resource.get(), asset);
            send(ctx, asset);
        });
    }

    /** The classpath resource behind {@code path}, or empty for a path that cannot name a widget file. */
    static Optional<String> resourceOf(String path) {
        if (path.equals("/widget.js")) {
            return Optional.of(ROOT + "/widget.js");
        }
        if (!path.startsWith("/widget/")) {
            return Optional.empty();
        }
        String name = path.substring("/widget/".length());
        if (!FILE_NAME.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(ROOT + "/widget/" + name);
    }

    /** The {@code Cache-Control} of a resource. */
    static String cacheControl(String resource) {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        if (resource.equals(ROOT + "/widget.js")) {
            return LOADER_CACHE;
        }
        if (HASHED_BUNDLE.matcher(name).matches()) {
            return IMMUTABLE_CACHE;
        }
        return name.endsWith(".html") ? "no-cache" : LOADER_CACHE;
    }

    private Optional<Asset> load(String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String extension = resource.substring(resource.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            String type = TYPES.getOrDefault(extension, "application/octet-stream");
            return Optional.of(new Asset(Buffer.buffer(bytes), etag(bytes), type, cacheControl(resource),
                    extension.equals("html")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(RoutingContext ctx, Asset asset) {
        HttpServerResponse response = ctx.response()
                .putHeader(HttpHeaders.CACHE_CONTROL, asset.cacheControl())
                .putHeader(HttpHeaders.ETAG, asset.etag())
                .putHeader("X-Content-Type-Options", "nosniff");
        if (!asset.html()) {
            response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .putHeader("Cross-Origin-Resource-Policy", "cross-origin");
        }
        if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), asset.etag())) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType());
        if (ctx.request().method().equals(HttpMethod.HEAD)) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(asset.body().length())).end();
        } else {
            response.end(asset.body());
        }
    }

    /** Whether an {@code If-None-Match} value names {@code etag} (weak comparison, {@code *} matches). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String value = candidate.strip();
            if (value.equals("*")) {
                return true;
            }
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
