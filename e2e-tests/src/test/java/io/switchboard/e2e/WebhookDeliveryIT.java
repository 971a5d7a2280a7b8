package io.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Telegram's side of the contract, through the public gateway: an acknowledged update is never lost nor doubled,
 * a forged or broken request stores nothing, and a broker outage makes Telegram retry instead of losing the update.
 */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookDeliveryIT {

    static SwitchboardStack stack;
    static TelegramEmulatorClient telegram;
    static OperatorSession operator;

    @BeforeAll
    static void startSystem() {
        stack = SwitchboardStack.shared();
        telegram = new TelegramEmulatorClient(stack.emulatorUrl(), SwitchboardStack.BOT_TOKEN);
        operator = OperatorSession.login(stack.gatewayUrl(), SwitchboardStack.ADMIN_USERNAME, stack.adminPassword());
    }

    @Test
    @Order(1)
    void theSameUpdateDeliveredTwiceAndConcurrentlyIsStoredOnce() throws Exception {
        String text = "duplicate check " + System.nanoTime();
        String update = TelegramEmulatorClient.privateText(700_001, 555_000_201L, "Dup", text).toString();
        assertEquals(200, postWebhook(update, stack.webhookSecret()).status());
        assertEquals(200, postWebhook(update, stack.webhookSecret()).status());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> postWebhook(update, stack.webhookSecret()).status(), pool));
            }
            for (CompletableFuture<Integer> call : calls) {
                assertEquals(200, call.get());
            }
        } finally {
            pool.shutdown();
        }
        Eventually.await("the message stored", Duration.ofSeconds(30), () -> count(text), n -> n >= 1);
        ServiceProcess.sleep(2000);
        assertEquals(1, count(text), "ten deliveries of one update store one message");
    }

    @Test
    @Order(2)
    void aWrongSecretOrAMalformedBodyIsRefusedAndStoresNothing() {
        String forged = "forged " + System.nanoTime();
        String update = TelegramEmulatorClient.privateText(700_101, 555_000_202L, "Eve", forged).toString();
        Http.Response wrong = postWebhook(update, "not-the-secret");
        assertEquals(401, wrong.status());
        assertTrue(wrong.header("Content-Type").startsWith("application/problem+json"), wrong.header("Content-Type"));
        Http.Response missing = Http.post(stack.gatewayUrl() + "/telegram/webhook", update);
        assertEquals(401, missing.status());

        Http.Response malformed = postWebhook("{\"update_id\": 700102, \"message\": {", stack.webhookSecret());
        assertEquals(400, malformed.status());
        assertEquals(400, malformed.json().get("status").asInt());
        assertTrue(!malformed.body().contains("Exception") && !malformed.body().contains("\tat "), "no stack trace");

        String valid = "valid after refusals " + System.nanoTime();
        assertEquals(200, postWebhook(TelegramEmulatorClient.privateText(700_103, 555_000_202L, "Eve", valid).toString(),
                stack.webhookSecret()).status());
        Eventually.await("the valid message", Duration.ofSeconds(30), () -> count(valid), n -> n == 1);
        assertEquals(0, count(forged), "a forged update is never stored");
    }

    @Test
    @Order(3)
    void duringABrokerOutageTheWebhookAnswers503AndTelegramsRetryIsStored() {
        String text = "sent during the outage " + System.nanoTime();
        stack.stopKafka();
        try {
            Http.Response refused = postWebhook(TelegramEmulatorClient.privateText(700_201, 555_000_203L, "Ivan", text)
                    .toString(), stack.webhookSecret());
            assertEquals(503, refused.status(), refused.body());
            assertTrue(refused.header("Retry-After") != null || refused.status() == 503);
            // the same update through the emulator, which retries like Telegram until it gets a 2xx
            telegram.deliver(TelegramEmulatorClient.privateText(700_201, 555_000_203L, "Ivan", text));
            ServiceProcess.sleep(3000);
        } finally {
            stack.startKafka();
        }
        Eventually.await("the update stored after Telegram's retry", Duration.ofSeconds(90), () -> count(text), n -> n >= 1);
        ServiceProcess.sleep(2000);
        assertEquals(1, count(text));
    }

    private static Http.Response postWebhook(String body, String secret) {
        return Http.post(stack.gatewayUrl() + "/telegram/webhook", body, "X-Telegram-Bot-Api-Secret-Token", secret);
    }

    private static long count(String text) {
        long n = 0;
        for (JsonNode conversation : operator.conversations()) {
            for (JsonNode message : operator.messages(conversation.get("id").asText())) {
                if (text.equals(message.get("text").asText())) {
                    n++;
                }
            }
        }
        return n;
    }
}
