package io.switchboard.gateway.routing;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.gateway.testing.Operators;
import io.switchboard.gateway.testing.WidgetClients;
import io.switchboard.testing.TestJwt;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
@TestProfile(UpstreamDownTest.NothingListens.class)
class UpstreamDownTest {

    /** conversation-service and notification-service point at loopback ports where nothing listens. */
    public static class NothingListens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "switchboard.routing.conversation-service", "http://127.0.0.1:" + unusedPort(),
                    "switchboard.routing.notification-service", "http://127.0.0.1:" + unusedPort(),
                    "switchboard.widget.trusted-proxies", "127.0.0.1");
        }
    }

    @TestHTTPResource("/")
    URI gateway;

    @Inject
    Vertx vertx;

    @Inject
    AgroalDataSource dataSource;

    private final String token = TestJwt.operator(UUID.randomUUID(), "olga");

    @Test
    void anUnreachableUpstreamIsABadGatewayProblemRightAway() {
        long started = System.nanoTime();
        given().auth().oauth2(token).get("/api/conversations")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("status", equalTo(502))
                .body("title", equalTo("Bad Gateway"))
                .body("detail", equalTo("conversation-service is unavailable"))
                .body("instance", equalTo("/api/conversations"));
        given().auth().oauth2(token).body("{\"text\":\"hi\"}").contentType("application/json")
                .post("/api/conversations/4f1c/messages")
                .then().statusCode(502).contentType("application/problem+json");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), lessThan(5_000L));
        // the gateway itself is fine
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aWidgetConversationThatCannotBeCreatedLeavesNoSession() {
        long before = Operators.count(dataSource, "select count(*) from widget_session");
        long started = System.nanoTime();
        WidgetClients.postStart(WidgetClients.randomAddress(), Map.of("nickname", "Ada"))
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("detail", equalTo("conversation-service is unavailable"))
                .body("instance", equalTo("/api/widget/conversations"));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), lessThan(5_000L));
        assertEquals(before, Operators.count(dataSource, "select count(*) from widget_session"));
        // the widget's proxied routes answer the same way
        UUID conversation = UUID.randomUUID();
        given().auth().oauth2(WidgetClients.customerToken(UUID.randomUUID(), conversation))
                .get("/api/widget/conversations/" + conversation + "/messages")
                .then().statusCode(502).contentType("application/problem+json");
    }

    @Test
    void aWebSocketToAnUnreachableUpstreamIsRefusedWithBadGateway() {
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            WebSocketConnectOptions options = new WebSocketConnectOptions()
                    .setHost(gateway.getHost()).setPort(gateway.getPort()).setURI("/ws/operator")
                    .setSubProtocols(List.of("bearer-token-carrier", GatewayRoutesTest.encodeUriComponent(
                            "quarkus-http-upgrade#Authorization#Bearer " + token)));
            ExecutionException failure = assertThrows(ExecutionException.class, () ->
                    client.connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertThat(failure.getCause(), instanceOf(UpgradeRejectedException.class));
            UpgradeRejectedException rejected = (UpgradeRejectedException) failure.getCause();
            assertEquals(502, rejected.getStatus());
            assertEquals("application/problem+json", rejected.getHeaders().get("Content-Type"));
        } finally {
            client.close();
        }
    }

    static int unusedPort() {
        // bound to the loopback address itself: a wildcard bind may be handed a port some loopback-only listener (the
        // test Kafka broker) already holds
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
