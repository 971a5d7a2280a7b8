package io.switchboard.gateway.routing;

import io.switchboard.gateway.config.WidgetConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may use the widget API from a browser: those whose {@code Origin} is listed in
 * {@code switchboard.widget.allowed-origins}, and pages of the gateway's own host (the {@code Host} header, or
 * {@code X-Forwarded-Host} when the peer is a trusted proxy), such as the demo page. Origins compare as
 * {@code scheme://host[:port]}, case-insensitive, with the scheme's default port left out.
 */
@ApplicationScoped
public class WidgetOrigins {

    private final Set<String> allowed;
    private final ClientAddresses clientAddresses;

    public WidgetOrigins(WidgetConfig config, ClientAddresses clientAddresses) {
        this.clientAddresses = clientAddresses;
        this.allowed = config.allowedOrigins().orElse(List.of()).stream()
                .filter(value -> !value.isBlank())
                .map(value -> normalize(value).orElseThrow(() -> new IllegalArgumentException(
                        "switchboard.widget.allowed-origins: not an origin (scheme://host[:port]): " + value)))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether a page of {@code origin} (the request's {@code Origin} header) may call the widget API. */
    public boolean allows(HttpServerRequest request, String origin) {
        Optional<String> normalized = normalize(origin);
        if (normalized.isEmpty()) {
            return false;
        }
        if (allowed.contains(normalized.get())) {
            return true;
        }
        String authority = normalized.get().substring(normalized.get().indexOf("://") + 3);
        String scheme = normalized.get().substring(0, normalized.get().indexOf("://"));
        if (sameAuthority(scheme, authority, request.getHeader("Host"))) {
            return true;
        }
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String forwardedHost = request.getHeader("X-Forwarded-Host");
        return forwardedHost != null && peer != null && clientAddresses.isTrustedProxy(peer)
                && sameAuthority(scheme, authority, forwardedHost.split(",")[0].strip());
    }

    private static boolean sameAuthority(String scheme, String originAuthority, String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        return normalize(scheme + "://" + host.strip()).map(h -> h.equals(scheme + "://" + originAuthority))
                .orElse(false);
    }

    /**
     * {@code scheme://host[:port]} in lower case without a default port, or empty when {@code origin} is not an
     * http(s) origin (e.g. {@code null}, a path, user info).
     */
    static Optional<String> normalize(String origin) {
        if (origin == null || origin.isBlank()) {
            return Optional.empty();
        }
        String value = origin.strip();
        if (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
                    || ("https".equals(scheme) && port == 443);
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            return Optional.of(scheme + "://" + host + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
