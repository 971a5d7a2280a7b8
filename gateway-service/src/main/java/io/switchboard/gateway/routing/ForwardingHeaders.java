package io.switchboard.gateway.routing;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Headers the gateway adds to every forwarded request: {@code X-Forwarded-For} (the client address appended to any
 * existing list), {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} (when absent), and {@code X-Request-Id}
 * (kept when the client sent a sane one, otherwise a new UUID).
 */
public final class ForwardingHeaders {

    static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private ForwardingHeaders() {
    }

    /** Adds the headers to {@code request} itself, before the proxy copies its headers. */
    static void apply(HttpServerRequest request) {
        MultiMap headers = request.headers();
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String forwardedFor = headers.get("X-Forwarded-For");
        headers.set("X-Forwarded-For", forwardedFor == null || forwardedFor.isBlank()
                ? client : forwardedFor + ", " + client);
        if (!headers.contains("X-Forwarded-Proto")) {
            headers.set("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
        }
        if (!headers.contains("X-Forwarded-Host") && request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        }
        headers.set(REQUEST_ID, requestIdOf(request));
    }

    /** The client's {@code X-Request-Id} when it is sane (1 to 128 of {@code [A-Za-z0-9._:-]}), else a new UUID. */
    public static String requestIdOf(HttpServerRequest request) {
        String requestId = request.getHeader(REQUEST_ID);
        return requestId != null && SANE_REQUEST_ID.matcher(requestId).matches()
                ? requestId : UUID.randomUUID().toString();
    }
}
