package io.switchboard.ingest.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.ingest.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

/** With no broker reachable, the webhook answers 503 with Retry-After (so Telegram retries) and readiness is DOWN. */
@QuarkusTest
@TestProfile(BrokerOutageTest.BrokerDown.class)
class BrokerOutageTest {

    /** Kafka at a closed port, short producer timeouts, no command consumer. */
    public static class BrokerDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kafka.bootstrap.servers", "127.0.0.1:" + closedPort(),
                    "telegram.publish-timeout", "3S",
                    "telegram.webhook-url", "",
                    "mp.messaging.outgoing.telegram-updates.max.block.ms", "1500",
                    "mp.messaging.outgoing.telegram-updates.request.timeout.ms", "1000",
                    "mp.messaging.outgoing.telegram-updates.delivery.timeout.ms", "1500",
                    "mp.messaging.incoming.telegram-commands.enabled", "false");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void anUpdateThatKafkaCannotTakeIs503WithRetryAfter() {
        long started = System.nanoTime();
        given().header(TelegramWebhookResourceTest.HEADER, TelegramWebhookResourceTest.SECRET)
                .contentType("application/json").body(Fixtures.update("01-private-text-language-code.json"))
                .when().post("/telegram/webhook")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("status", equalTo(503)).body("title", equalTo("Service Unavailable"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        org.hamcrest.MatcherAssert.assertThat("answered within the publish timeout", millis, lessThan(6000L));
    }

    @Test
    void authenticationAndValidationStillComeFirst() {
        given().contentType("application/json").body("{\"update_id\":1}")
                .when().post("/telegram/webhook").then().statusCode(401);
        given().header(TelegramWebhookResourceTest.HEADER, TelegramWebhookResourceTest.SECRET)
                .contentType("application/json").body("{}")
                .when().post("/telegram/webhook").then().statusCode(400);
    }

    @Test
    void readinessIsDownWithoutKafka() {
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }
}
