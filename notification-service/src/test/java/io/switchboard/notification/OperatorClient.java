package io.switchboard.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketClientConnection;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A test WebSocket client of {@code /ws/operator} (or {@code /ws/widget}) that connects exactly as the browser console
 * and the widget do: it offers the subprotocols {@code bearer-token-carrier} and
 * {@code encodeURIComponent("quarkus-http-upgrade#Authorization#Bearer " + token)}. Collects every text frame it
 * receives.
 */
public final class OperatorClient implements AutoCloseable {

    /** The subprotocol the server selects. */
    public static final String CARRIER = "bearer-token-carrier";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final WebSocketClientConnection connection;

    private OperatorClient(URI baseUri, String path, String token) {
        this.connection = BasicWebSocketConnector.create()
                .baseUri(baseUri)
                .path(path)
                // on the connection's event loop, so frames are queued in the order they arrived (the default,
                // BLOCKING, runs callbacks on worker threads that may reorder them)
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .addSubprotocol(CARRIER)
                .addSubprotocol(tokenSubprotocol(token))
                .onTextMessage((c, text) -> frames.add(text))
                .onClose((c, reason) -> closed.complete(reason))
                .connectAndAwait();
    }

    /** Opens a connection; throws when the server refuses the upgrade. */
    public static OperatorClient connect(URI baseUri, String token) {
        return new OperatorClient(baseUri, "/ws/operator", token);
    }

    /** Opens a connection to {@code path} (e.g. {@code /ws/widget}); throws when the server refuses the upgrade. */
    public static OperatorClient connect(URI baseUri, String path, String token) {
        return new OperatorClient(baseUri, path, token);
    }

    /** The raw text of every frame received within {@code window}. */
    public List<String> textsWithin(Duration window) {
        List<String> result = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        try {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                String text = frames.poll(left, TimeUnit.NANOSECONDS);
                if (text != null) {
                    result.add(text);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return result;
    }

    /** What a browser sends as the second subprotocol: {@code encodeURIComponent("quarkus-http-upgrade#Authorization#Bearer " + token)}. */
    public static String tokenSubprotocol(String token) {
        return encodeUriComponent("quarkus-http-upgrade#Authorization#Bearer " + token);
    }

    /** JavaScript's {@code encodeURIComponent}. */
    public static String encodeUriComponent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("%21", "!").replace("%27", "'")
                .replace("%28", "(").replace("%29", ")").replace("%7E", "~");
    }

    /** The underlying connection. */
    public WebSocketClientConnection connection() {
        return connection;
    }

    /** Completes with the close reason when the connection closes. */
    public CompletableFuture<CloseReason> closed() {
        return closed;
    }

    /** Sends a text frame and waits until it is written. */
    public void send(String text) {
        connection.sendTextAndAwait(text);
    }

    /** The next frame matching {@code filter} (frames before it are dropped); fails after {@code timeout}. */
    public JsonNode awaitFrame(Predicate<JsonNode> filter, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String text = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
                if (text == null) {
                    return fail("no matching frame within " + timeout);
                }
                JsonNode node = JSON.readTree(text);
                if (filter.test(node)) {
                    return node;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every frame received within {@code window}, parsed. */
    public List<JsonNode> framesWithin(Duration window) {
        List<JsonNode> result = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        try {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                String text = frames.poll(left, TimeUnit.NANOSECONDS);
                if (text != null) {
                    result.add(JSON.readTree(text));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    /** Forgets the frames received so far. */
    public void clear() {
        frames.clear();
    }

    @Override
    public void close() {
        if (!connection.isClosed()) {
            connection.closeAndAwait();
        }
    }
}
