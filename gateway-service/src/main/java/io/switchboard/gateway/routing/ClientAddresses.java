package io.switchboard.gateway.routing;

import io.switchboard.gateway.config.WidgetConfig;
import io.switchboard.gateway.domain.IpRange;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The client address of a request, for the widget's per-address rate limits. The TCP peer, unless the peer is a
 * trusted proxy ({@code switchboard.widget.trusted-proxies}): then the {@code X-Forwarded-For} hops are read from
 * the right (the hop the proxy itself appended) leftwards, skipping trusted proxies, and the first hop that is not
 * one is the client. With a single proxy in front that is the one address the proxy wrote; an address a client put
 * into the header itself is never believed when a trusted proxy appended the real one after it. A hop that is not an
 * IP literal ends the walk at the last believed address.
 */
@ApplicationScoped
public class ClientAddresses {

    private final List<IpRange> trustedProxies;

    public ClientAddresses(WidgetConfig config) {
        this.trustedProxies = config.trustedProxies().orElse(List.of()).stream()
                .filter(value -> !value.isBlank())
                .map(IpRange::parse)
                .toList();
    }

    /** The client address of {@code request} (canonical IP text, or {@code unknown}). */
    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String client = peer == null ? "unknown" : IpRange.canonical(peer).orElse(peer);
        if (!isTrustedProxy(client)) {
            return client;
        }
        List<String> hops = forwardedHops(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = IpRange.canonical(hops.get(i)).orElse(null);
            if (hop == null) {
                return client;
            }
            client = hop;
            if (!isTrustedProxy(client)) {
                return client;
            }
        }
        return client;
    }

    /** Whether {@code address} is one of the configured trusted proxies. */
    public boolean isTrustedProxy(String address) {
        for (IpRange range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> forwardedHops(HttpServerRequest request) {
        List<String> hops = new ArrayList<>();
        for (String header : request.headers().getAll("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        return hops;
    }
}
