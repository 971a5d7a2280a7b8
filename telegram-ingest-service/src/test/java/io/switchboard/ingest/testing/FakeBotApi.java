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
    /** Outbound side: scripted answers by "method:chatId" (any method), hangs, uploads, files received. */
    private final Map<String, ConcurrentLinkedDeque<Reply>> scriptedReplies = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedDeque<Long>> hangs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
    private final Map<HttpServerRequest, JsonObject> receivedFiles = new ConcurrentHashMap<>();
    private final AtomicLong nextThreadId = new AtomicLong(500);
    /** Files getFile knows, by file_id: their path and bytes (bytes null: only described, e.g. too big). */
    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private volatile int pendingUpdateCount;
    private volatile Long lastErrorDate;

    /** A file served at {@code /file/bot<token>/<path>}. */
    private record StoredFile(String path, long size, byte[] bytes) {
    }

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

    /**
     * Makes getFile know {@code fileId} and serve {@code bytes} at {@code /file/bot<token>/documents/<fileId>.bin}.
     */
    public void addFile(String fileId, byte[] bytes) {
        files.put(fileId, new StoredFile("documents/" + fileId + ".bin", bytes.length, bytes));
    }

    /** Makes getFile describe {@code fileId} with {@code size} bytes, without serving it (e.g. over 20 MB). */
    public void describeFile(String fileId, long size) {
        files.put(fileId, new StoredFile("documents/" + fileId + ".bin", size, null));
    }

    /** What getWebhookInfo reports as pending_update_count and last_error_date (unix seconds, null for none). */
    public void webhookState(int pending, Long errorDate) {
        pendingUpdateCount = pending;
        lastErrorDate = errorDate;
    }

    /** Queues the answer to the next call of {@code method} (any case) for {@code chatId}; checked before defaults. */
    public void replyTo(String method, long chatId, int status, String body) {
        scriptedReplies.computeIfAbsent(method.toLowerCase(Locale.ROOT) + ":" + chatId,
                k -> new ConcurrentLinkedDeque<>()).add(new Reply(status, body));
    }

    /** Queues the answer to the next call of {@code method} (any case) that has no chat_id (e.g. setWebhook). */
    public void replyToNext(String method, int status, String body) {
        scriptedReplies.computeIfAbsent(method.toLowerCase(Locale.ROOT) + ":null",
                k -> new ConcurrentLinkedDeque<>()).add(new Reply(status, body));
    }

    /** The next call of {@code method} for {@code chatId} is answered only after {@code millis} (a read timeout). */
    public void hangNext(String method, long chatId, long millis) {
        hangs.computeIfAbsent(method.toLowerCase(Locale.ROOT) + ":" + chatId, k -> new ConcurrentLinkedDeque<>())
                .add(millis);
    }

    /** Serves {@code bytes} as conversation-service's {@code GET /internal/uploads/{id}}. */
    public void addUpload(java.util.UUID id, byte[] bytes) {
        uploads.put(id.toString(), bytes);
    }

    /** Every call of {@code method} whose chat_id is {@code chatId}, oldest first. */
    public List<Call> calls(String method, long chatId) {
        return calls(method).stream()
                .filter(c -> String.valueOf(chatId).equals(String.valueOf(c.params().getValue("chat_id"))))
                .toList();
    }

    /** A 400 answer with {@code description}. */
    public static String badRequest(String description) {
        return new JsonObject().put("ok", false).put("error_code", 400).put("description", description).encode();
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
            request.uploadHandler(upload -> {
                Buffer bytes = Buffer.buffer();
                upload.handler(bytes::appendBuffer);
                upload.endHandler(v -> receivedFiles.computeIfAbsent(request, r -> new JsonObject())
                        .put(upload.name(), new JsonObject().put("filename", upload.filename())
                                .put("content_type", upload.contentType()).put("size", bytes.length())
                                .put("base64", java.util.Base64.getEncoder().encodeToString(bytes.getBytes()))));
            });
        }
        request.body().onSuccess(body -> {
            if (request.path().startsWith("/internal/uploads/")) {
                byte[] upload = uploads.get(request.path().substring("/internal/uploads/".length()));
                calls.add(new Call("", "internal-upload", new JsonObject().put("path", request.path()),
                        System.currentTimeMillis()));
                if (upload == null) {
                    request.response().setStatusCode(404).end();
                } else {
                    request.response().setStatusCode(200).putHeader("Content-Type", "application/octet-stream")
                            .end(Buffer.buffer(upload));
                }
                return;
            }
            if (request.path().startsWith("/file/bot")) {
                serveFile(request);
                return;
            }
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
        JsonObject files = receivedFiles.remove(request);
        if (files != null) {
            params.mergeIn(files);
        }
        if (answerOutbound(request, method, params)) {
            return;
        }
        switch (method) {
            case "getme" -> {
                String token = request.path().split("/")[1].substring(3);
                if (token.endsWith("REFUSED")) {
                    reply(request, 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
                } else {
                    reply(request, 200, Fixtures.response("01-getMe.json"));
                }
            }
            case "getwebhookinfo" -> {
                String token = request.path().split("/")[1].substring(3);
                JsonObject info = new JsonObject().put("url", "").put("has_custom_certificate", false)
                        .put("pending_update_count", pendingUpdateCount);
                calls.stream().filter(c -> (c.method().equals("setwebhook") || c.method().equals("deletewebhook"))
                                && c.token().equals(token))
                        .reduce((a, b) -> b).filter(c -> c.method().equals("setwebhook")).ifPresent(c -> {
                            info.put("url", c.params().getString("url")).put("max_connections", 40);
                            Object allowed = c.params().getValue("allowed_updates");
                            if (allowed instanceof io.vertx.core.json.JsonArray array) {
                                info.put("allowed_updates", array);
                            } else if (allowed != null) {
                                info.put("allowed_updates", new io.vertx.core.json.JsonArray(allowed.toString()));
                            }
                        });
                if (lastErrorDate != null) {
                    info.put("last_error_date", lastErrorDate).put("last_error_message", "Connection refused");
                }
                reply(request, 200, new JsonObject().put("ok", true).put("result", info).encode());
            }
            case "getfile" -> {
                StoredFile file = this.files.get(String.valueOf(params.getValue("file_id")));
                if (file == null) {
                    reply(request, 400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: invalid file_id\"}");
                } else {
                    reply(request, 200, new JsonObject().put("ok", true).put("result", new JsonObject()
                            .put("file_id", params.getValue("file_id")).put("file_unique_id", "u" + file.path().hashCode())
                            .put("file_size", file.size()).put("file_path", file.path())).encode());
                }
            }
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

    private void serveFile(HttpServerRequest request) {
        String rest = request.path().substring("/file/bot".length());
        int slash = rest.indexOf('/');
        String token = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        calls.add(new Call(token, "file", new JsonObject().put("path", path), System.currentTimeMillis()));
        StoredFile file = files.values().stream().filter(f -> f.path().equals(path) && f.bytes() != null)
                .findFirst().orElse(null);
        if (file == null) {
            request.response().setStatusCode(404).end("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
            return;
        }
        request.response().setStatusCode(200).putHeader("Content-Type", "application/octet-stream")
                .end(Buffer.buffer(file.bytes()));
    }

    /** Scripted answers, hangs and the default answers of the outbound methods; false: not handled here. */
    private boolean answerOutbound(HttpServerRequest request, String method, JsonObject params) {
        String chat = String.valueOf(params.getValue("chat_id"));
        Long hang = hangs.getOrDefault(method + ":" + chat, new ConcurrentLinkedDeque<>()).poll();
        if (hang != null) {
            vertx.setTimer(hang, t -> {
                if (!request.response().closed()) {
                    reply(request, 200, sentMessage(Long.parseLong(chat), params.getString("text"),
                            nextMessageId.incrementAndGet()));
                }
            });
            return true;
        }
        Reply scripted = scriptedReplies.getOrDefault(method + ":" + chat, new ConcurrentLinkedDeque<>()).poll();
        if (scripted != null) {
            reply(request, scripted.status(), scripted.body());
            return true;
        }
        String ok = "{\"ok\":true,\"result\":true}";
        switch (method) {
            case "sendphoto", "senddocument" -> reply(request, 200, sentMessage(Long.parseLong(chat),
                    params.getString("caption"), nextMessageId.incrementAndGet()));
            case "editmessagetext" -> reply(request, 200, sentMessage(Long.parseLong(chat), params.getString("text"),
                    Long.parseLong(String.valueOf(params.getValue("message_id")))));
            case "createforumtopic" -> reply(request, 200, new JsonObject().put("ok", true).put("result",
                    new JsonObject().put("message_thread_id", nextThreadId.incrementAndGet())
                            .put("name", params.getString("name")).put("icon_color", 7322096)).encode());
            case "editforumtopic", "closeforumtopic", "reopenforumtopic", "pinchatmessage", "deletemessage",
                 "answercallbackquery", "sendchataction" -> reply(request, 200, ok);
            default -> {
                return false;
            }
        }
        return true;
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
