package io.switchboard.gateway.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.gateway.testing.WidgetClients;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

/**
 * Kafka unreachable for the widget channel: a posted message is 503 + Retry-After within the publish timeout (never
 * a 202 for a message that is not on Kafka), while the rest of the gateway, readiness included, carries on.
 */
@QuarkusTest
@TestProfile(WidgetOutageTest.KafkaDown.class)
class WidgetOutageTest {

    /** The widget channel's broker at a closed port, short producer timeouts. */
    public static class KafkaDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.outgoing.widget-messages.bootstrap.servers", "127.0.0.1:" + closedPort(),
                    "mp.messaging.outgoing.widget-messages.max.block.ms", "1500",
                    "mp.messaging.outgoing.widget-messages.request.timeout.ms", "1000",
                    "mp.messaging.outgoing.widget-messages.delivery.timeout.ms", "1500",
                    "switchboard.widget.publish-timeout", "PT3S",
                    "switchboard.widget.trusted-proxies", "127.0.0.1");
        }
    }

    @Test
    void aMessageKafkaCannotTakeIs503AndTheGatewayStaysReady() {
        WidgetClients.Started started = WidgetClients.start(); // needs no Kafka
        for (int i = 0; i < 2; i++) {
            long began = System.nanoTime();
            WidgetClients.postMessage(started.token(), started.conversationId(), WidgetClients.randomAddress(),
                            "hello", WidgetClients.clientMessageId())
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("title", equalTo("Service Unavailable"));
            assertThat((System.nanoTime() - began) / 1_000_000, lessThan(5_000L));
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    static int closedPort() {
        // bound to the loopback address itself: a wildcard bind may be handed a port some loopback-only listener (the
        // test Kafka broker) already holds
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
