package io.switchboard.notification.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.notification.OperatorClient;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.TestJwt;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Redis unreachable: presence answers 503 problem+json and readiness is DOWN, but sockets still work. */
@QuarkusTest
@TestProfile(RedisDownTest.UnreachableRedis.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class RedisDownTest {

    /** Points the Redis client at a closed port. */
    public static class UnreachableRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    @TestHTTPResource("/")
    URI baseUri;

    @Test
    void presenceIsAProblem503() {
        given().auth().oauth2(TestJwt.operator(UUID.randomUUID(), "reader"))
                .when().get("/api/presence")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("status", equalTo(503))
                .body("title", equalTo("Service Unavailable"));
    }

    @Test
    void readinessIsDown() {
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }

    @Test
    void theSocketStillOpensAndAnswersPings() {
        try (OperatorClient client = OperatorClient.connect(baseUri, TestJwt.operator(UUID.randomUUID(), "offline-redis"))) {
            client.send("{\"type\":\"ping\"}");
            assertEquals("pong", client.awaitFrame(f -> true, Duration.ofSeconds(10)).get("type").asText());
        }
    }
}
