package io.switchboard.e2e;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A customer's web site on an origin of its own ({@code http://localhost:<port>}, while the gateway is
 * {@code http://127.0.0.1:<port>}): one page that embeds the widget with the one-line snippet, so the widget runs
 * cross-origin exactly as on a real site (CORS, the socket's Origin check).
 */
final class DemoSite implements AutoCloseable {

    private final HttpServer server;

    private DemoSite(HttpServer server) {
        this.server = server;
    }

    /** Serves the shop page on {@code port}, embedding {@code <gatewayUrl>/widget.js} with the given locale. */
    static DemoSite start(int port, String gatewayUrl) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/", exchange -> {
                String locale = exchange.getRequestURI().getQuery() != null
                        && exchange.getRequestURI().getQuery().startsWith("locale=")
                        ? exchange.getRequestURI().getQuery().substring("locale=".length()) : "en";
                byte[] page = ("""
                        <!doctype html>
                        <html lang="%s"><head><meta charset="utf-8"><title>Acme Coffee</title>
                        <style>body { font-family: serif; } :root { --switchboard-primary: #6b3e26; }</style></head>
                        <body><h1>Acme Coffee</h1><p>Fresh beans, roasted daily.</p>
                        <script src="%s/widget.js" data-position="right" async></script>
                        </body></html>
                        """).formatted(locale, gatewayUrl).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(page);
                }
            });
            server.start();
            return new DemoSite(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's URL as a browser sees it (the {@code localhost} origin). */
    String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
