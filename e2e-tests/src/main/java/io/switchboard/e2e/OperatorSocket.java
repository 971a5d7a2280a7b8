package io.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The operator's WebSocket at {@code /ws/operator} through the gateway, opened exactly as a browser opens it: the
 * access token rides in {@code Sec-WebSocket-Protocol} as
 * {@code encodeURIComponent("quarkus-http-upgrade#Authorization#Bearer " + token)} next to
 * {@code bearer-token-carrier}. Collects every frame.
 */
public final class OperatorSocket implements AutoCloseable {

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final WebSocket socket;
    private volatile Consumer<JsonNode> onFrame = f -> { };

    private OperatorSocket(String gatewayUrl, String accessToken) {
        String carrier = URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + accessToken,
                StandardCharsets.UTF_8).replace("+", "%20");
        URI uri = URI.create(gatewayUrl.replaceFirst("^http", "ws") + "/ws/operator");
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .subprotocols("bearer-token-carrier", carrier)
                    .buildAsync(uri, new Listener()).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("WebSocket " + uri + " refused: " + e.getMessage(), e);
        }
    }

    /** Opens the socket; throws IllegalStateException when the handshake is refused. */
    public static OperatorSocket open(String gatewayUrl, String accessToken) {
        return new OperatorSocket(gatewayUrl, accessToken);
    }

    /** Every frame received so far, in order. */
    public List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** Frames matching {@code filter}. */
    public List<JsonNode> frames(Predicate<JsonNode> filter) {
        return frames.stream().filter(filter).toList();
    }

    /** Called for each frame as it arrives (the benchmark measures latency here). */
    public void onFrame(Consumer<JsonNode> consumer) {
        this.onFrame = consumer;
    }

    /** The subprotocol the server selected. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode frame = Http.JSON.readTree(text);
                    frames.add(frame);
                    onFrame.accept(frame);
                } catch (IOException e) {
                    // not JSON: ignore
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
