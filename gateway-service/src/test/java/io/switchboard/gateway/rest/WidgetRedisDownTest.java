package io.switchboard.gateway.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.switchboard.gateway.testing.DefaultTestProfile;
import io.switchboard.gateway.testing.Operators;
import io.switchboard.gateway.testing.WidgetClients;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Redis unreachable: the writes the rate limits guard answer 503 (those limits are not waived) and nothing is
 * forwarded or stored, while operators, the widget's reads and token refreshes (limits waived) and readiness are
 * unaffected.
 */
@QuarkusTest
@TestProfile(WidgetRedisDownTest.RedisDown.class)
class WidgetRedisDownTest {

    /** Redis at a closed port. */
    public static class RedisDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new DefaultTestProfile().getConfigOverrides());
            config.put("quarkus.redis.hosts", "redis://127.0.0.1:" + WidgetOutageTest.closedPort());
            return config;
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void rateLimitedWidgetCallsAre503AndNothingHappens() {
        int calls = conversationServiceCount();
        long sessions = Operators.count(dataSource, "select count(*) from widget_session");
        WidgetClients.postStart(WidgetClients.randomAddress(), Map.of())
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5");
        UUID conversation = UUID.randomUUID();
        String token = WidgetClients.customerToken(UUID.randomUUID(), conversation);
        WidgetClients.postMessage(token, conversation, WidgetClients.randomAddress(), "hi",
                WidgetClients.clientMessageId()).then().statusCode(503);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("nickname", "Ada"))
                .patch("/api/widget/conversations/" + conversation)
                .then().statusCode(503).contentType("application/problem+json");
        // what breaks a rule is answered as such before Redis is asked
        WidgetClients.postStart(WidgetClients.randomAddress(), Map.of("locale", "fil-PH")).then().statusCode(422);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("nickname", "x"))
                .patch("/api/widget/conversations/" + conversation)
                .then().statusCode(422);
        assertEquals(calls, conversationServiceCount());
        assertEquals(sessions, Operators.count(dataSource, "select count(*) from widget_session"));

        // reads and token refreshes need no Redis: their per-address limits are waived while it is away
        given().auth().oauth2(token).get("/api/widget/conversations/" + conversation)
                .then().statusCode(200).body("upstream", equalTo("conversation-service"));
        given().auth().oauth2(token).get("/api/widget/conversations/" + conversation + "/messages")
                .then().statusCode(200).body("upstream", equalTo("conversation-service"));
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", "x".repeat(43)))
                .post("/api/widget/token")
                .then().statusCode(401);
    }

    @Test
    void operatorsAndReadinessDoNotDependOnRedis() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", DefaultTestProfile.ADMIN_USERNAME, "password", DefaultTestProfile.ADMIN_PASSWORD))
                .post("/api/auth/login").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static int conversationServiceCount() {
        String base = ConfigProvider.getConfig().getValue("CONVERSATION_SERVICE_URL", String.class);
        return Integer.parseInt(given().baseUri(base).get("/__fake/count").asString());
    }
}
