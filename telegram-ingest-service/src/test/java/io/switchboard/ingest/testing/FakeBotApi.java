package io.switchboard.ingest.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny stand-in for the Telegram Bot API on 127.0.0.1 (Vert.x HTTP server) for this module's tests. It answers
 * {@code /bot{token}/{method}} (method names case-insensitive, as Telegram does) with the envelopes of the shared
 * fixtures ({@code responses/*.json}), records every call, and can be scripted per chat (sendMessage) or per poll
 * (getUpdates). The real emulator is the telegram-bot-api-emulator module.
 */
public final class FakeBotApi implements AutoCloseable {

    /** One request: the token in the path, the lower-case method, its parameters (JSON or form) and when. */
    public record Call(String token, String method, JsonObject params, long atMillis) {
    }

    /** A scripted answer. */
    public record Reply(int status, String body) {
    }

    private static volatile FakeBotApi current;

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<Long, ConcurrentLinkedDeque<Reply>> sendMessageReplies = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> getUpdatesAnswers = new ConcurrentLinkedDeque<>();
    private final AtomicLong nextMessageId = new AtomicLong(20_000);

    private FakeBotApi() throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(this::handle)
                .listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Starts a server on a free port; it becomes {@link #current()}. */
    public static synchronized FakeBotApi start() {
        try {
            current = new FakeBotApi();
            return current;
        } catch (Exception e) {
            throw new IllegalStateException("fake Bot API did not start", e);
        }
    }

    /** The running server. */
    public static FakeBotApi current() {
        return current;
    }

    /** Its port. */
    public int port() {
        return server.actualPort();
    }

    /** Every call of {@code method} (any case), oldest first. */
    public List<Call> calls(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        return calls.stream().filter(c -> c.method().equals(m)).toList();
    }

    /** Every call in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The sendMessage calls for one chat, oldest first. */
    public List<Call> sendMessages(long chatId) {
        return calls("sendMessage").stream()
                .filter(c -> String.valueOf(chatId).equals(String.valueOf(c.params().getValue("chat_id"))))
                .toList();
    }

    /** Queues the answer to the next sendMessage to {@code chatId}; unscripted calls succeed. */
    public void replyToSendMessage(long chatId, int status, String body) {
        sendMessageReplies.computeIfAbsent(chatId, k -> new ConcurrentLinkedDeque<>()).add(new Reply(status, body));
    }

    /** Queues the body of the next getUpdates answer (200); without one, getUpdates returns an empty result. */
    public void answerGetUpdates(String body) {
        getUpdatesAnswers.add(body);
    }

    private void handle(HttpServerRequest request) {
        String type = request.getHeader("Content-Type");
        if (type != null && (type.startsWith("multipart/form-data")
                || type.startsWith("application/x-www-form-urlencoded"))) {
            request.setExpectMultipart(true);
        }
        request.body().onSuccess(body -> {
            String[] path = request.path().split("/");
            if (path.length != 3 || !path[1].startsWith("bot")) {
                request.response().setStatusCode(404).end("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
                return;
            }
            String token = path[1].substring(3);
            String method = path[2].toLowerCase(Locale.ROOT);
            JsonObject params = params(request, body);
            calls.add(new Call(token, method, params, System.currentTimeMillis()));
            answer(request, method, params);
        });
    }

    private static JsonObject params(HttpServerRequest request, Buffer body) {
        JsonObject params = new JsonObject();
        request.params().forEach(e -> params.put(e.getKey(), e.getValue()));
        String type = request.getHeader("Content-Type");
        if (type != null && type.startsWith("application/json") && body.length() > 0) {
            params.mergeIn(body.toJsonObject());
        } else {
            MultiMap form = request.formAttributes();
            form.forEach(e -> params.put(e.getKey(), e.getValue()));
        }
        return params;
    }

    private void answer(HttpServerRequest request, String method, JsonObject params) {
        switch (method) {
            case "getme" -> reply(request, 200, Fixtures.response("01-getMe.json"));
            case "sendmessage" -> {
                long chatId = Long.parseLong(String.valueOf(params.getValue("chat_id")));
                ConcurrentLinkedDeque<Reply> scripted = sendMessageReplies.get(chatId);
                Reply next = scripted == null ? null : scripted.poll();
                if (next != null) {
                    reply(request, next.status(), next.body());
                } else {
                    reply(request, 200, sentMessage(chatId, params.getString("text"), nextMessageId.incrementAndGet()));
                }
            }
            case "getupdates" -> {
                String next = getUpdatesAnswers.poll();
                if (next != null) {
                    reply(request, 200, next);
                } else {
                    long wait = Math.min(1000, 1000L * Long.parseLong(String.valueOf(params.getValue("timeout", 0))));
                    vertx.setTimer(Math.max(wait, 10), t -> reply(request, 200, "{\"ok\":true,\"result\":[]}"));
                }
            }
            case "deletewebhook" -> reply(request, 200, "{\"ok\":true,\"result\":true,\"description\":\"Webhook was deleted\"}");
            case "setwebhook" -> reply(request, 200, Fixtures.response("10-setWebhook-ok.json"));
            default -> reply(request, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found: method not found\"}");
        }
    }

    /** The sendMessage success envelope of responses/02 for this chat, text and message_id. */
    public static String sentMessage(long chatId, String text, long messageId) {
        JsonObject answer = new JsonObject(Fixtures.response("02-sendMessage-ok-inline-keyboard.json"));
        JsonObject message = answer.getJsonObject("result");
        message.remove("reply_markup");
        message.put("message_id", messageId);
        message.put("date", System.currentTimeMillis() / 1000);
        message.put("text", text);
        message.getJsonObject("chat").put("id", chatId);
        return answer.encode();
    }

    private static void reply(HttpServerRequest request, int status, String body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    /** The 429 answer of responses/05 with {@code retry_after} changed to {@code seconds}. */
    public static String tooManyRequests(int seconds) {
        JsonObject answer = new JsonObject(Fixtures.response("05-error-429-retry-after.json"));
        answer.put("description", "Too Many Requests: retry after " + seconds);
        answer.getJsonObject("parameters").put("retry_after", seconds);
        return answer.encode();
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
