package io.switchboard.gateway.routing;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finds the access token of a request: the {@code Authorization: Bearer <token>} header, or for a WebSocket upgrade
 * (browsers cannot set headers there) the {@code Sec-WebSocket-Protocol} value
 * {@code quarkus-http-upgrade#Authorization#Bearer <token>}, which browsers send URL-encoded
 * ({@code encodeURIComponent}). Never the query string.
 */
final class BearerToken {

    /** Prefix of the subprotocol that carries a header into a WebSocket handshake (Quarkus WebSockets Next). */
    static final String HEADER_CARRIER_PREFIX = "quarkus-http-upgrade#Authorization#";
    private static final String SCHEME = "Bearer ";

    private BearerToken() {
    }

    /** The token of {@code request}; the subprotocol is consulted only for WebSocket upgrades. */
    static Optional<String> of(HttpServerRequest request) {
        Optional<String> fromHeader = fromAuthorization(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (fromHeader.isPresent() || !isWebSocketUpgrade(request)) {
            return fromHeader;
        }
        return fromSubprotocols(request.getHeader("Sec-WebSocket-Protocol"));
    }

    /** The token of an {@code Authorization} header value {@code Bearer <token>} (scheme case-insensitive). */
    static Optional<String> fromAuthorization(String header) {
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String token = header.substring(SCHEME.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /**
     * The token carried by a {@code Sec-WebSocket-Protocol} header (comma-separated subprotocols): the first value
     * that, percent-decoded, reads {@code quarkus-http-upgrade#Authorization#Bearer <token>}.
     */
    static Optional<String> fromSubprotocols(String header) {
        if (header == null) {
            return Optional.empty();
        }
        for (String offered : header.split(",")) {
            String value = percentDecode(offered.strip());
            if (value != null && value.startsWith(HEADER_CARRIER_PREFIX)) {
                return fromAuthorization(value.substring(HEADER_CARRIER_PREFIX.length()));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code request} asks to become a WebSocket. */
    static boolean isWebSocketUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    private static String percentDecode(String value) {
        try {
            // '+' is literal in encodeURIComponent output; URLDecoder would turn it into a space.
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
