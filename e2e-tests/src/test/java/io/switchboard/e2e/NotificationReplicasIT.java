package io.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Replicas are normal: with two notification-service replicas, an operator connected to either one gets every
 * event exactly once (each replica consumes conversation.events in its own group and pushes to its own sockets).
 */
@Order(4)
class NotificationReplicasIT {

    @Test
    void operatorsOnDifferentReplicasEachReceiveEveryEventOnce() {
        SwitchboardStack stack = SwitchboardStack.shared();
        ServiceProcess secondReplica = stack.startNotificationReplica();
        TelegramEmulatorClient telegram = new TelegramEmulatorClient(stack.emulatorUrl(), SwitchboardStack.BOT_TOKEN);
        OperatorSession operator = OperatorSession.login(stack.gatewayUrl(), SwitchboardStack.ADMIN_USERNAME, stack.adminPassword());

        try (OperatorSocket viaGateway = OperatorSocket.open(stack.gatewayUrl(), operator.accessToken());
             OperatorSocket onSecondReplica = OperatorSocket.open(secondReplica.baseUrl(), operator.accessToken())) {
            // the new replica's consumer starts at the latest offset once it has joined its group: probe until it
            // pushes something, then count
            long probe = 510_000;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (onSecondReplica.frames(f -> f.path("payload").path("message").path("text").asText()
                    .startsWith("probe ")).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the second replica never pushed an event");
                }
                telegram.deliver(TelegramEmulatorClient.privateText(probe, 555_000_499L, "Probe", "probe " + probe));
                probe++;
                ServiceProcess.sleep(500);
            }
            for (int i = 0; i < 5; i++) {
                telegram.deliver(TelegramEmulatorClient.privateText(500_001 + i, 555_000_401L + i, "Replica" + i,
                        "fan-out check " + i));
            }
            for (OperatorSocket socket : List.of(viaGateway, onSecondReplica)) {
                List<JsonNode> frames = Eventually.await("five message.received frames", Duration.ofSeconds(30),
                        () -> socket.frames(f -> "message.received".equals(f.path("type").asText())
                                && f.path("payload").path("message").path("text").asText().startsWith("fan-out check ")),
                        fs -> fs.size() >= 5);
                ServiceProcess.sleep(1000);
                frames = socket.frames(f -> "message.received".equals(f.path("type").asText())
                        && f.path("payload").path("message").path("text").asText().startsWith("fan-out check "));
                assertEquals(5, frames.size(), "every event exactly once on each replica's socket");
                assertEquals(5, frames.stream().map(f -> f.path("payload").path("message").path("text").asText())
                        .distinct().count());
            }
        }
    }
}
