package io.switchboard.gateway.routing;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.switchboard.gateway.testing.DefaultTestProfile;
import io.switchboard.gateway.testing.FakeUpstreams;
import io.switchboard.testing.TestJwt;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
@TestProfile(DefaultTestProfile.class)
class GatewayRoutesTest {

    private static final Path UPDATES = Path.of("../../shared/fixtures/telegram/updates");

    @TestHTTPResource("/")
    URI gateway;

    @Inject
    Vertx vertx;

    private final String token = TestJwt.operator(UUID.randomUUID(), "olga");

    @Test
    void conversationPathsWithoutATokenAreRefusedAndNotForwarded() {
        int before = upstreamCount("CONVERSATION_SERVICE_URL");
        given().get("/api/conversations")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401))
                .body("instance", equalTo("/api/conversations"));
        given().auth().oauth2("not-a-jwt").post("/api/conversations/abc/messages")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(foreignToken()).get("/api/customers/7")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestJwt.token(UUID.randomUUID(), "x", Set.of("operator"), Duration.ofMinutes(-5)))
                .get("/api/search?q=x")
                .then().statusCode(401);
        // a token in the query string is never read
        given().get("/api/conversations?access_token=" + token + "&token=" + token)
                .then().statusCode(401);
        assertEquals(before, upstreamCount("CONVERSATION_SERVICE_URL"));
    }

    @Test
    void aValidTokenIsForwardedWithTheRequestUnchanged() {
        Response response = given().auth().oauth2(token)
                .header("X-Request-Id", "req-123")
                .header("Keep-Alive", "timeout=5")
                .header("Proxy-Authorization", "Basic c2VjcmV0")
                .get("/api/conversations/4f1c?status=OPEN_UNCLAIMED&page=2");
        response.then().statusCode(200)
                .header("X-Fake-Upstream", "conversation-service")
                .body("upstream", equalTo("conversation-service"))
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/conversations/4f1c?status=OPEN_UNCLAIMED&page=2"))
                .body("headers.authorization", equalTo("Bearer " + token))
                .body("headers.x-request-id", equalTo("req-123"))
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                .body("headers.x-forwarded-proto", equalTo("http"))
                .body("headers.keep-alive", nullValue())
                .body("headers.proxy-authorization", nullValue());
    }

    @Test
    void statusBodyAndMethodPassThroughBothWays() {
        given().auth().oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"text\":\"Hello, Ada\"}")
                .post("/api/conversations/4f1c/messages?fakeStatus=409")
                .then().statusCode(409)
                .contentType(ContentType.JSON)
                .body("method", equalTo("POST"))
                .body("body", equalTo("{\"text\":\"Hello, Ada\"}"))
                .body("headers.content-type", containsString("application/json"))
                .body("headers.x-request-id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void eachPathGoesToItsOwner() {
        given().auth().oauth2(token).get("/api/customers/42").then().statusCode(200)
                .body("upstream", equalTo("conversation-service"));
        given().urlEncodingEnabled(false).auth().oauth2(token).get("/api/search?q=blue+lion").then().statusCode(200)
                .body("upstream", equalTo("conversation-service"))
                .body("uri", equalTo("/api/search?q=blue+lion"));
        given().auth().oauth2(token).get("/api/presence").then().statusCode(200)
                .body("upstream", equalTo("notification-service"));
        given().get("/api/presence").then().statusCode(401);
    }

    @Test
    void theOperatorToolAndAdminPathsOfConversationServiceAreForwarded() {
        List<String> paths = List.of(
                "/api/canned-responses",
                "/api/canned-responses/7c1e/use",
                "/api/tags",
                "/api/tags/9f2a",
                "/api/admin/system-messages",
                "/api/admin/system-messages/welcome_message",
                "/api/admin/timers",
                "/api/admin/audit",
                "/api/admin/audit?action=conversation.claimed&cursor=abc");
        for (String path : paths) {
            given().urlEncodingEnabled(false).auth().oauth2(token).get(path)
                    .then().statusCode(200)
                    .body("upstream", equalTo("conversation-service"))
                    .body("method", equalTo("GET"))
                    .body("uri", equalTo(path))
                    .body("headers.authorization", equalTo("Bearer " + token));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\":\"vip\",\"color\":\"#ff0000\"}")
                .post("/api/tags?fakeStatus=201")
                .then().statusCode(201)
                .body("method", equalTo("POST"))
                .body("body", equalTo("{\"name\":\"vip\",\"color\":\"#ff0000\"}"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"firstReminderSeconds\":60}")
                .put("/api/admin/timers")
                .then().statusCode(200)
                .body("method", equalTo("PUT"))
                .body("upstream", equalTo("conversation-service"));
        given().auth().oauth2(token).delete("/api/canned-responses/7c1e")
                .then().statusCode(200).body("method", equalTo("DELETE"));
    }

    @Test
    void theNewPathsNeedATokenAtTheEdge() {
        int before = upstreamCount("CONVERSATION_SERVICE_URL");
        for (String path : List.of("/api/canned-responses", "/api/tags/1", "/api/admin/system-messages/welcome_message",
                "/api/admin/timers", "/api/admin/audit")) {
            given().get(path)
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("instance", equalTo(path));
            given().auth().oauth2(foreignToken()).get(path).then().statusCode(401);
        }
        assertEquals(before, upstreamCount("CONVERSATION_SERVICE_URL"));
    }

    @Test
    void onlyWholePathSegmentsAreForwardedAndOperatorAdministrationStaysAtTheGateway() {
        int before = upstreamCount("CONVERSATION_SERVICE_URL");
        for (String path : List.of("/api/tagsXYZ", "/api/tags-old/1", "/api/canned-responsesX", "/api/searching",
                "/api/admin/timersX", "/api/admin/auditlog", "/api/admin/system-messagesX", "/api/admin",
                "/api/admin/other")) {
            given().auth().oauth2(token).get(path)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("instance", equalTo(path));
        }
        // the gateway's own admin endpoint: an operator token is forbidden there, no token unauthorized
        given().auth().oauth2(token).get("/api/admin/operators")
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/api/admin/operators")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(token).get("/api/admin/operators/" + UUID.randomUUID() + "/audit")
                .then().statusCode(403);
        assertEquals(before, upstreamCount("CONVERSATION_SERVICE_URL"));
    }

    @Test
    void botAndWebhookManagementGoToTelegramIngestAndTheTelegramFeaturesToConversationService() {
        for (String path : List.of("/api/admin/telegram/bot", "/api/admin/telegram/webhook-info",
                "/api/admin/telegram/webhook/register")) {
            given().auth().oauth2(token).post(path)
                    .then().statusCode(200)
                    .body("upstream", equalTo("telegram-ingest-service"))
                    .body("uri", equalTo(path))
                    .body("headers.authorization", equalTo("Bearer " + token));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"token\":\"1:x\"}")
                .put("/api/admin/telegram/bot")
                .then().statusCode(200).body("upstream", equalTo("telegram-ingest-service"))
                .body("method", equalTo("PUT")).body("body", equalTo("{\"token\":\"1:x\"}"));
        for (String path : List.of("/api/media/7f3c", "/api/telegram/link", "/api/admin/telegram/support-group")) {
            given().auth().oauth2(token).get(path)
                    .then().statusCode(200)
                    .body("upstream", equalTo("conversation-service"))
                    .body("uri", equalTo(path));
        }
        int ingestBefore = upstreamCount("TELEGRAM_INGEST_URL");
        int conversationBefore = upstreamCount("CONVERSATION_SERVICE_URL");
        for (String path : List.of("/api/admin/telegram/bot", "/api/admin/telegram/webhook-info",
                "/api/media/7f3c", "/api/telegram/link", "/api/admin/telegram/support-group")) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer");
        }
        // look-alike paths are nobody's
        for (String path : List.of("/api/admin/telegram", "/api/admin/telegram/botX", "/api/admin/telegram/webhooks",
                "/api/admin/telegram/other", "/api/mediaX/1", "/api/telegramX")) {
            given().auth().oauth2(token).get(path).then().statusCode(404).contentType("application/problem+json");
        }
        // the internal endpoints of telegram-ingest are never routed (the console's fallback page answers them)
        for (String path : List.of("/internal/telegram/bot", "/internal/telegram/files/abc")) {
            given().auth().oauth2(token).get(path).then().header("X-Fake-Upstream", nullValue());
        }
        assertEquals(ingestBefore, upstreamCount("TELEGRAM_INGEST_URL"));
        assertEquals(conversationBefore, upstreamCount("CONVERSATION_SERVICE_URL"));
    }

    @Test
    void aMultipartUploadOfFiftyMegabytesIsStreamedToConversationService() throws Exception {
        byte[] head = ("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"manual.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n--b0undary--\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + 50 * 1024 * 1024 + tail.length];
        new java.util.Random(7).nextBytes(body);
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(tail, 0, body, body.length - tail.length, tail.length);
        // with a Content-Length far above Quarkus's 10 MB default body limit
        Response response = given().auth().oauth2(token)
                .contentType("multipart/form-data; boundary=b0undary")
                .body(body)
                .post("/api/conversations/4f1c/messages?fakeStatus=202");
        response.then().statusCode(202)
                .body("upstream", equalTo("conversation-service"))
                .body("headers.content-type", containsString("multipart/form-data"))
                .body("headers.content-length", equalTo(Integer.toString(body.length)));
        assertEquals(body.length, response.jsonPath().getInt("bodyLength"));
        // above 60 MB, or above 10 MB anywhere else: 413 before anything is forwarded
        int before = upstreamCount("CONVERSATION_SERVICE_URL");
        assertThat(statusLine("POST", "/api/conversations/4f1c/messages", 60L * 1024 * 1024 + 1),
                containsString(" 413 "));
        assertThat(statusLine("PUT", "/api/conversations/4f1c/messages/9", 10L * 1024 * 1024 + 1),
                containsString(" 413 "));
        assertThat(statusLine("POST", "/api/tags", 10L * 1024 * 1024 + 1), containsString(" 413 "));
        assertEquals(before, upstreamCount("CONVERSATION_SERVICE_URL"));
    }

    /** Sends only the head of a request declaring {@code length} bytes and answers the response's status line. */
    private String statusLine(String method, String path, long length) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                    + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void theWebhookIsForwardedWithoutATokenAndUnchanged() throws Exception {
        byte[] update = Files.readAllBytes(UPDATES.resolve("01-private-text-language-code.json"));
        given().header("X-Telegram-Bot-Api-Secret-Token", "s3cr3t-Token_1")
                .contentType(ContentType.JSON)
                .body(update)
                .post("/telegram/webhook")
                .then().statusCode(200)
                .body("upstream", equalTo("telegram-ingest-service"))
                .body("uri", equalTo("/telegram/webhook"))
                .body("headers.x-telegram-bot-api-secret-token", equalTo("s3cr3t-Token_1"))
                .body("headers.authorization", nullValue())
                .body("body", equalTo(new String(update, StandardCharsets.UTF_8)));
    }

    @Test
    void aWebSocketWithTheSubprotocolTokenIsTunnelledBothWays() throws Exception {
        String carrier = encodeUriComponent("quarkus-http-upgrade#Authorization#Bearer " + token);
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            WebSocket socket = connect(client, List.of(FakeUpstreams.CARRIER_SUBPROTOCOL, carrier), frames);
            assertEquals(FakeUpstreams.CARRIER_SUBPROTOCOL, socket.subProtocol());

            JsonObject greeting = new JsonObject(poll(frames));
            assertEquals("notification-service", greeting.getString("upstream"));
            assertEquals("/ws/operator", greeting.getString("uri"));
            assertEquals(FakeUpstreams.CARRIER_SUBPROTOCOL + "," + carrier,
                    greeting.getString("protocols").replace(", ", ","));
            assertEquals("127.0.0.1", greeting.getString("forwardedFor"));

            socket.writeTextMessage("claim 4f1c");
            assertEquals("echo:claim 4f1c", poll(frames));
            socket.writeTextMessage("ping");
            assertEquals("echo:ping", poll(frames));
            socket.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    @Test
    void aWebSocketWithoutAValidTokenIsRefusedAndNotForwarded() throws Exception {
        int before = upstreamCount("NOTIFICATION_SERVICE_URL");
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            for (List<String> protocols : List.of(
                    List.of(FakeUpstreams.CARRIER_SUBPROTOCOL),
                    List.of(FakeUpstreams.CARRIER_SUBPROTOCOL,
                            encodeUriComponent("quarkus-http-upgrade#Authorization#Bearer " + foreignToken())))) {
                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> connect(client, protocols, new LinkedBlockingQueue<>()));
                assertThat(failure.getCause(), instanceOf(UpgradeRejectedException.class));
                assertEquals(401, ((UpgradeRejectedException) failure.getCause()).getStatus());
            }
        } finally {
            client.close();
        }
        assertEquals(before, upstreamCount("NOTIFICATION_SERVICE_URL"));
    }

    @Test
    void healthIsLocal() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void consolePathsFallBackToTheIndexPageWhenTheConsoleIsPackaged() {
        boolean packaged = Thread.currentThread().getContextClassLoader().getResource(ConsoleFallback.INDEX) != null;
        Response deepLink = given().accept(ContentType.HTML).get("/conversations/4f1c");
        if (packaged) {
            deepLink.then().statusCode(200).contentType(containsString("text/html"));
            given().get("/").then().statusCode(200).contentType(containsString("text/html"));
        } else {
            deepLink.then().statusCode(404).contentType("application/problem+json");
        }
        given().get("/assets/missing-0000.js").then().statusCode(404).contentType("application/problem+json");
        given().post("/conversations/4f1c").then().statusCode(404).contentType("application/problem+json");
        given().get("/q/nothing-here").then().statusCode(404);
        given().get("/api/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Not Found"))
                .body("detail", notNullValue())
                .body("detail", not(containsString("Exception")));
    }

    private WebSocket connect(WebSocketClient client, List<String> protocols, LinkedBlockingQueue<String> frames)
            throws Exception {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(gateway.getHost())
                .setPort(gateway.getPort())
                .setURI("/ws/operator")
                .setSubProtocols(protocols);
        // the handler is set on the connection's event loop as the upgrade completes, so that a frame the upstream
        // sends straight away (the greeting) cannot arrive before anyone listens
        return client.connect(options)
                .onSuccess(socket -> socket.textMessageHandler(frames::add))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String poll(LinkedBlockingQueue<String> frames) throws InterruptedException {
        String frame = frames.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no WebSocket frame within 10 s");
        }
        return frame;
    }

    /** What the browser's {@code encodeURIComponent} makes of a token-carrier value. */
    static String encodeUriComponent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int upstreamCount(String urlKey) {
        String base = ConfigProvider.getConfig().getValue(urlKey, String.class);
        return Integer.parseInt(given().baseUri(base).get("/__fake/count").asString());
    }

    /** A well-formed token signed with a key the gateway does not trust. */
    private static String foreignToken() {
        try {
            return Jwt.issuer(TestJwt.ISSUER).subject(UUID.randomUUID().toString()).upn("mallory")
                    .groups(Set.of("admin")).expiresIn(600)
                    .sign(KeyUtils.generateKeyPair(2048).getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
