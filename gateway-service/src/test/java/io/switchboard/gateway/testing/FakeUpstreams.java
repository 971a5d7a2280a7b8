package io.switchboard.gateway.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test resource: three tiny Vert.x servers standing in for conversation-service, notification-service and
 * telegram-ingest-service, on free loopback ports; sets {@code CONVERSATION_SERVICE_URL},
 * {@code NOTIFICATION_SERVICE_URL} and {@code TELEGRAM_INGEST_URL}.
 *
 * <p>Every HTTP request is answered with a JSON echo {@code {upstream, method, uri, headers (lower-case names),
 * body}}, status 200 or the {@code fakeStatus} query parameter. A WebSocket (any path) selects the
 * {@code bearer-token-carrier} subprotocol, first sends {@code {upstream, uri, protocols, authorization,
 * forwardedFor}} and then echoes each text frame as {@code echo:<text>}. {@code GET /__fake/count}, called directly,
 * answers how many requests and sockets the server has seen (itself excluded).
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    /** Subprotocol the fake selects, as notification-service does. */
    public static final String CARRIER_SUBPROTOCOL = "bearer-token-carrier";

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        return Map.of(
                "CONVERSATION_SERVICE_URL", "http://127.0.0.1:" + listen("conversation-service"),
                "NOTIFICATION_SERVICE_URL", "http://127.0.0.1:" + listen("notification-service"),
                "TELEGRAM_INGEST_URL", "http://127.0.0.1:" + listen("telegram-ingest-service"));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            await(vertx.close().toCompletionStage().toCompletableFuture());
        }
    }

    private int listen(String name) {
        AtomicInteger seen = new AtomicInteger();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                        .setWebSocketSubProtocols(List.of(CARRIER_SUBPROTOCOL)))
                .webSocketHandler(ws -> {
                    seen.incrementAndGet();
                    greet(name, ws);
                })
                .requestHandler(request -> {
                    if (request.path().equals("/__fake/count")) {
                        request.response().end(Integer.toString(seen.get()));
                        return;
                    }
                    seen.incrementAndGet();
                    echo(name, request);
                });
        return await(server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()).actualPort();
    }

    private static void greet(String name, ServerWebSocket ws) {
        ws.writeTextMessage(new JsonObject()
                .put("upstream", name)
                .put("uri", ws.uri())
                .put("protocols", ws.headers().get("Sec-WebSocket-Protocol"))
                .put("authorization", ws.headers().get("Authorization"))
                .put("forwardedFor", ws.headers().get("X-Forwarded-For"))
                .encode());
        ws.textMessageHandler(text -> ws.writeTextMessage("echo:" + text));
    }

    private static void echo(String name, HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Map<String, Object> headers = new TreeMap<>();
            request.headers().names().forEach(header ->
                    headers.put(header.toLowerCase(), String.join(", ", new ArrayList<>(request.headers().getAll(header)))));
            String status = request.getParam("fakeStatus");
            request.response()
                    .setStatusCode(status == null ? 200 : Integer.parseInt(status))
                    .putHeader("Content-Type", "application/json")
                    .putHeader("X-Fake-Upstream", name)
                    .end(new JsonObject()
                            .put("upstream", name)
                            .put("method", request.method().name())
                            .put("uri", request.uri())
                            .put("headers", new JsonObject(headers))
                            .put("body", body.toString())
                            .encode());
        });
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake upstream failed", e);
        }
    }
}
