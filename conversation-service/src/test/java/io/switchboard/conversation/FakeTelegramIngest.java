package io.switchboard.conversation;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * telegram-ingest-service's internal endpoints as a tiny JDK HTTP server, for tests: {@code GET /internal/telegram/bot}
 * and {@code GET /internal/telegram/files/{fileId}} (files registered with {@link #file}; "gone-…" ids answer 404,
 * "big-…" 413). Sets {@code telegram-ingest.url}.
 */
public class FakeTelegramIngest implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();
    /** The bot {@code GET /internal/telegram/bot} reports; null = not configured. */
    public static volatile String botUsername = "switchboard_test_bot";
    /** The last {@code mimeType} query parameter received. */
    public static volatile String lastQuery;

    private HttpServer server;

    /** Serves {@code bytes} as file {@code fileId}. */
    public static void file(String fileId, byte[] bytes) {
        FILES.put(fileId, bytes);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/telegram/bot", exchange -> {
            String user = botUsername;
            byte[] body = (user == null ? "{\"configured\":false,\"username\":null}"
                    : "{\"configured\":true,\"username\":\"" + user + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/internal/telegram/files/", exchange -> {
            String fileId = exchange.getRequestURI().getPath().substring("/internal/telegram/files/".length());
            lastQuery = exchange.getRequestURI().getQuery();
            byte[] bytes = FILES.get(fileId);
            int status = fileId.startsWith("big-") ? 413 : bytes == null ? 404 : 200;
            if (status != 200) {
                byte[] problem = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(status, problem.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(problem);
                }
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return Map.of("telegram-ingest.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
