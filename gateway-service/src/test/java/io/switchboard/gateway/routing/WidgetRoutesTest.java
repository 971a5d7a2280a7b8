package io.switchboard.gateway.routing;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.switchboard.gateway.testing.DefaultTestProfile;
import io.switchboard.gateway.testing.FakeUpstreams;
import io.switchboard.gateway.testing.WidgetClients;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Customer tokens open their own conversation's widget routes and nothing else; operator tokens no widget route. */
@QuarkusTest
@TestProfile(DefaultTestProfile.class)
class WidgetRoutesTest {

    @TestHTTPResource("/")
    URI gateway;

    @Inject
    Vertx vertx;

    private final UUID conversationId = UUID.randomUUID();
    private final String customer = WidgetClients.customerToken(UUID.randomUUID(), conversationId);
    private final String operator = TestJwt.operator(UUID.randomUUID(), "olga");

    @Test
    void theCustomersConversationAndHistoryAreForwardedWithItsToken() {
        given().auth().oauth2(customer).get("/api/widget/conversations/" + conversationId)
                .then().statusCode(200)
                .body("upstream", equalTo("conversation-service"))
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/widget/conversations/" + conversationId))
                .body("headers.authorization", equalTo("Bearer " + customer))
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"));
        String history = "/api/widget/conversations/" + conversationId + "/messages?cursor=abc&limit=50";
        given().urlEncodingEnabled(false).auth().oauth2(customer).get(history)
                .then().statusCode(200)
                .body("upstream", equalTo("conversation-service"))
                .body("uri", equalTo(history));
        // an upstream answer passes through as it is (e.g. the nickname rules of conversation-service)
        given().auth().oauth2(customer).contentType(ContentType.JSON).body(Map.of("nickname", "Xavier"))
                .patch("/api/widget/conversations/" + conversationId + "?fakeStatus=422")
                .then().statusCode(422).header("X-Fake-Upstream", "conversation-service");
    }

    @Test
    void theTelegramDeepLinkIsForwardedForTheCustomerOfThatConversationOnly() {
        String path = "/api/widget/conversations/" + conversationId + "/telegram-link";
        given().auth().oauth2(customer).post(path + "?fakeStatus=201")
                .then().statusCode(201)
                .body("upstream", equalTo("conversation-service"))
                .body("method", equalTo("POST"))
                .body("uri", equalTo(path + "?fakeStatus=201"))
                .body("headers.authorization", equalTo("Bearer " + customer));
        int before = upstreamCount("CONVERSATION_SERVICE_URL");
        given().auth().oauth2(customer).post("/api/widget/conversations/" + UUID.randomUUID() + "/telegram-link")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(operator).post(path).then().statusCode(403);
        given().post(path).then().statusCode(401);
        assertEquals(before, upstreamCount("CONVERSATION_SERVICE_URL"));
    }

    @Test
    void anotherConversationOrAnOperatorTokenIsForbiddenAndNotForwarded() {
        int before = upstreamCount("CONVERSATION_SERVICE_URL");
        UUID other = UUID.randomUUID();
        for (String path : List.of("/api/widget/conversations/" + other,
                "/api/widget/conversations/" + other + "/messages")) {
            given().auth().oauth2(customer).get(path)
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("instance", equalTo(path));
        }
        given().auth().oauth2(customer).contentType(ContentType.JSON).body(Map.of("nickname", "Eve"))
                .patch("/api/widget/conversations/" + other)
                .then().statusCode(403);
        for (String token : List.of(operator, TestJwt.admin(UUID.randomUUID(), "root"))) {
            given().auth().oauth2(token).get("/api/widget/conversations/" + conversationId)
                    .then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(token).get("/api/widget/conversations/" + conversationId + "/messages")
                    .then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("nickname", "Olga"))
                    .patch("/api/widget/conversations/" + conversationId)
                    .then().statusCode(403);
        }
        given().get("/api/widget/conversations/" + conversationId)
                .then().statusCode(401).header("WWW-Authenticate", "Bearer");
        assertEquals(before, upstreamCount("CONVERSATION_SERVICE_URL"));
    }

    @Test
    void aCustomerTokenOpensNoOperatorRoute() {
        int conversationCalls = upstreamCount("CONVERSATION_SERVICE_URL");
        int notificationCalls = upstreamCount("NOTIFICATION_SERVICE_URL");
        for (String path : List.of("/api/conversations", "/api/conversations/" + conversationId,
                "/api/conversations/" + conversationId + "/messages", "/api/customers/1", "/api/search?q=x",
                "/api/canned-responses", "/api/tags", "/api/admin/audit", "/api/presence")) {
            given().auth().oauth2(customer).get(path)
                    .then().statusCode(403).contentType("application/problem+json");
        }
        // the gateway's own operator endpoints
        for (String path : List.of("/api/operators", "/api/auth/me", "/api/admin/operators")) {
            given().auth().oauth2(customer).get(path)
                    .then().statusCode(403).contentType("application/problem+json");
        }
        assertEquals(conversationCalls, upstreamCount("CONVERSATION_SERVICE_URL"));
        assertEquals(notificationCalls, upstreamCount("NOTIFICATION_SERVICE_URL"));
        // operators keep their routes
        given().auth().oauth2(operator).get("/api/conversations").then().statusCode(200);
        given().auth().oauth2(operator).get("/api/operators").then().statusCode(200);
    }

    @Test
    void theWidgetSocketTakesACustomerTokenAndTheOperatorSocketRefusesIt() throws Exception {
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            WebSocket socket = connect(client, "/ws/widget", customer, null, frames);
            JsonObject greeting = new JsonObject(poll(frames));
            assertEquals("notification-service", greeting.getString("upstream"));
            assertEquals("/ws/widget", greeting.getString("uri"));
            socket.writeTextMessage("{\"type\":\"typing\",\"active\":true}");
            assertEquals("echo:{\"type\":\"typing\",\"active\":true}", poll(frames));
            socket.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

            // an allowed site and the gateway's own host may open it from a browser page
            connect(client, "/ws/widget", customer, DefaultTestProfile.WIDGET_SITE, new LinkedBlockingQueue<>())
                    .close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            connect(client, "/ws/widget", customer, "http://" + gateway.getHost() + ":" + gateway.getPort(),
                    new LinkedBlockingQueue<>())
                    .close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

            int before = upstreamCount("NOTIFICATION_SERVICE_URL");
            assertRefused(client, "/ws/widget", operator, null, 403);
            assertRefused(client, "/ws/widget", null, null, 401);
            assertRefused(client, "/ws/widget", customer, "https://evil.example.net", 403);
            assertRefused(client, "/ws/widget", customer, "null", 403);
            assertRefused(client, "/ws/operator", customer, null, 403);
            assertEquals(before, upstreamCount("NOTIFICATION_SERVICE_URL"));
        } finally {
            client.close();
        }
    }

    private void assertRefused(WebSocketClient client, String path, String token, String origin, int status) {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> connect(client, path, token, origin, new LinkedBlockingQueue<>()));
        assertThat(failure.getCause(), instanceOf(UpgradeRejectedException.class));
        assertEquals(status, ((UpgradeRejectedException) failure.getCause()).getStatus(), path + " " + origin);
    }

    private WebSocket connect(WebSocketClient client, String path, String token, String origin,
                              LinkedBlockingQueue<String> frames) throws Exception {
        List<String> protocols = token == null ? List.of(FakeUpstreams.CARRIER_SUBPROTOCOL)
                : List.of(FakeUpstreams.CARRIER_SUBPROTOCOL, GatewayRoutesTest.encodeUriComponent(
                        "quarkus-http-upgrade#Authorization#Bearer " + token));
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(gateway.getHost())
                .setPort(gateway.getPort())
                .setURI(path)
                .setSubProtocols(protocols)
                .setAllowOriginHeader(origin != null); // only the Origin the test names, or none
        if (origin != null) {
            options.addHeader("Origin", origin);
        }
        return client.connect(options)
                .onSuccess(socket -> socket.textMessageHandler(frames::add))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String poll(LinkedBlockingQueue<String> frames) throws InterruptedException {
        String frame = frames.poll(10, TimeUnit.SECONDS);
        assertNotNull(frame, "no WebSocket frame within 10 s");
        return frame;
    }

    private static int upstreamCount(String urlKey) {
        String base = ConfigProvider.getConfig().getValue(urlKey, String.class);
        return Integer.parseInt(given().baseUri(base).get("/__fake/count").asString());
    }
}
