package io.switchboard.gateway.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;

import java.util.ArrayList;
import java.util.Base64;
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
 *
 * <p>conversation-service's {@code POST /api/widget/conversations} answers as the real one does: 201
 * {@code {conversationId, codename}} with the conversation id read from the bearer token's {@code conversation}
 * claim; a nickname {@code fake-<status>} makes it answer that status instead (a problem for 4xx). Every such
 * request is recorded as {@code {authorization, body}}; {@code GET /__fake/widget-creates} lists them.
 *
 * <p>conversation-service's {@code DELETE /internal/operators/{id}/telegram-link} answers 204 (or the status set by
 * {@code PUT /__fake/operator-unlinks?status=503}); {@code GET /__fake/operator-unlinks} lists the operator ids of
 * those requests, in order.
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
        JsonArray widgetCreates = new JsonArray();
        JsonArray unlinks = new JsonArray();
        AtomicInteger unlinkStatus = new AtomicInteger(204);
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
                    if (request.path().equals("/__fake/widget-creates")) {
                        synchronized (widgetCreates) {
                            request.response().putHeader("Content-Type", "application/json")
                                    .end(widgetCreates.encode());
                        }
                        return;
                    }
                    if (request.path().equals("/__fake/operator-unlinks")) {
                        if (request.method() == HttpMethod.PUT) {
                            unlinkStatus.set(Integer.parseInt(request.getParam("status")));
                            request.response().setStatusCode(204).end();
                            return;
                        }
                        synchronized (unlinks) {
                            request.response().putHeader("Content-Type", "application/json").end(unlinks.encode());
                        }
                        return;
                    }
                    seen.incrementAndGet();
                    if (name.equals("conversation-service") && request.method() == HttpMethod.DELETE
                            && request.path().matches("/internal/operators/[^/]+/telegram-link")) {
                        synchronized (unlinks) {
                            unlinks.add(request.path().split("/")[3]);
                        }
                        request.response().setStatusCode(unlinkStatus.get()).end();
                        return;
                    }
                    if (name.equals("conversation-service") && request.method() == HttpMethod.POST
                            && request.path().equals("/api/widget/conversations")) {
                        createWidgetConversation(request, widgetCreates);
                        return;
                    }
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

    private static void createWidgetConversation(HttpServerRequest request, JsonArray recorded) {
        request.body().onSuccess(body -> {
            String authorization = request.getHeader("Authorization");
            synchronized (recorded) {
                recorded.add(new JsonObject().put("authorization", authorization).put("body", body.toString())
                        .put("requestId", request.getHeader("X-Request-Id")));
            }
            String nickname = body.length() == 0 ? null : body.toJsonObject().getString("nickname");
            if (nickname != null && nickname.startsWith("fake-")) {
                int status = Integer.parseInt(nickname.substring("fake-".length()));
                request.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                        .end(new JsonObject().put("type", "about:blank").put("status", status)
                                .put("detail", "fake conversation-service refused with " + status).encode());
                return;
            }
            String token = authorization.substring("Bearer ".length());
            JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                    StandardCharsets.UTF_8));
            request.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("conversationId", claims.getString("conversation"))
                            .put("codename", "Blue Lion #84C2").encode());
        });
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
                            .put("bodyLength", body.length())
                            // large bodies (uploads) are only counted, not echoed
                            .put("body", body.length() <= 1_048_576 ? body.toString() : null)
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
