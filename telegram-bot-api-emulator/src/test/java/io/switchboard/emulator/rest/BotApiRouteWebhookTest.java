package io.switchboard.emulator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.emulator.Fixtures;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/** Webhook delivery against a real HTTP server started by the test. */
@QuarkusTest
class BotApiRouteWebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request the test's webhook server received. */
    record Received(long updateId, String chat, String secret, String contentType, JsonNode body) {
    }

    @Inject
    Vertx vertx;

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<Long, Integer> attemptsPerUpdate = new ConcurrentHashMap<>();
    private volatile ToIntFunction<Received> statusFor = r -> 200;
    private EmulatorApi bot;
    private String url;

    @BeforeEach
    void startWebhookServer() throws Exception {
        bot = new EmulatorApi(Fixtures.uniqueToken(5550002));
        server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(buffer -> {
                    try {
                        JsonNode body = JSON.readTree(buffer.getBytes());
                        JsonNode payload = body.has("message") ? body.get("message") : body.path("edited_message");
                        Received r = new Received(body.get("update_id").asLong(), payload.path("chat").path("id").asText(),
                                request.getHeader("X-Telegram-Bot-Api-Secret-Token"), request.getHeader("Content-Type"), body);
                        received.add(r);
                        attemptsPerUpdate.merge(r.updateId(), 1, Integer::sum);
                        request.response().setStatusCode(statusFor.applyAsInt(r)).end();
                    } catch (Exception e) {
                        request.response().setStatusCode(400).end();
                    }
                }))
                .listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        url = "http://127.0.0.1:" + server.actualPort() + "/telegram/webhook";
    }

    @AfterEach
    void stopWebhookServer() throws Exception {
        bot.call("deleteWebhook");
        server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void queuedUpdateIsPostedWithTheSecretAndRetriedUntil2xx() throws Exception {
        statusFor = r -> attemptsPerUpdate.get(r.updateId()) <= 2 ? 500 : 200;
        long updateId = bot.queue(Fixtures.text("updates/08-private-text-cyrillic-emoji.json")).get(0);

        bot.call("setWebhook", Map.of("url", url, "secret_token", "s3cr3t-Token_1"))
                .then().statusCode(200)
                .body("ok", is(true)).body("result", is(true)).body("description", equalTo("Webhook was set"));

        await(() -> received.size() >= 3, "three delivery attempts");
        Thread.sleep(300);
        assertEquals(3, received.size(), "no further attempt after the 2xx answer");
        for (Received r : received) {
            assertEquals(updateId, r.updateId());
            assertEquals("s3cr3t-Token_1", r.secret());
            assertTrue(r.contentType().startsWith("application/json"));
            assertEquals(Fixtures.json("updates/08-private-text-cyrillic-emoji.json"), r.body(), "the Update as queued");
        }

        bot.call("getWebhookInfo").then().statusCode(200)
                .body("result.url", equalTo(url))
                .body("result.has_custom_certificate", is(false))
                .body("result.pending_update_count", is(0))
                .body("result.max_connections", is(40))
                .body("result.last_error_date", notNullValue())
                .body("result.last_error_message", equalTo("Wrong response from the webhook: 500 Internal Server Error"));
        given().queryParam("token", bot.token()).get("/emulator/webhook-deliveries")
                .then().statusCode(200)
                .body("status", equalTo(List.of(500, 500, 200)))
                .body("attempt", equalTo(List.of(1, 2, 3)));
    }

    @Test
    void aChatWaitsBehindItsFailingUpdateWhileOtherChatsFlow() {
        statusFor = r -> text(r).equals("A1") && attemptsPerUpdate.get(r.updateId()) <= 3 ? 502 : 200;
        bot.call("setWebhook", Map.of("url", url)).then().statusCode(200);
        bot.customerSays(1001, "A1").then().statusCode(202);
        bot.customerSays(1001, "A2").then().statusCode(202);
        bot.customerSays(2002, "B1").then().statusCode(202);

        await(() -> received.stream().anyMatch(r -> text(r).equals("A2")), "A2 delivered");

        int lastA1 = lastIndexOf("A1");
        assertEquals(4, received.stream().filter(r -> text(r).equals("A1")).count(), "A1 tried until it got 200");
        assertTrue(firstIndexOf("A2") > lastA1, "A2 only after A1 succeeded: " + texts());
        assertTrue(firstIndexOf("B1") < lastA1, "B1 is not held back by chat A: " + texts());
        received.forEach(r -> assertNull(r.secret(), "no secret header without a secret_token"));
    }

    @Test
    void deleteWebhookStopsRetriesAndKeepsTheUpdate() throws Exception {
        statusFor = r -> 503;
        bot.call("setWebhook", Map.of("url", url)).then().statusCode(200);
        long updateId = bot.customerSays(3003, "are you there?").then().statusCode(202).extract().jsonPath().getLong("update_id");
        await(() -> received.size() >= 2, "two failed attempts");

        bot.call("deleteWebhook").then().statusCode(200).body("description", equalTo("Webhook was deleted"));
        Thread.sleep(200);
        int attempts = received.size();
        Thread.sleep(1500); // longer than the largest test backoff (1 s)
        assertEquals(attempts, received.size(), "no retries after deleteWebhook");

        bot.getUpdates().then().statusCode(200).body("result[0].update_id", is((int) updateId));
    }

    @Test
    void dropPendingUpdatesDiscardsTheQueue() throws Exception {
        bot.customerSays(4004, "old news").then().statusCode(202);
        bot.call("setWebhook", Map.of("url", url, "drop_pending_updates", true)).then().statusCode(200);
        Thread.sleep(500);
        assertEquals(0, received.size());
        bot.call("getWebhookInfo").then().body("result.pending_update_count", is(0));

        bot.customerSays(4004, "fresh").then().statusCode(202);
        await(() -> received.size() == 1, "the new update delivered");
        assertEquals("fresh", text(received.get(0)));
    }

    @Test
    void setWebhookRejectsAnUnusableUrlOrSecret() {
        bot.call("setWebhook", Map.of("url", "ftp://example.org/hook")).then().statusCode(400)
                .body("ok", is(false)).body("error_code", is(400));
        bot.call("setWebhook", Map.of("url", url, "secret_token", "not allowed!")).then().statusCode(400)
                .body("description", equalTo("Bad Request: secret token contains unallowed characters"));
    }

    private static String text(Received r) {
        return r.body().path("message").path("text").asText();
    }

    private int firstIndexOf(String text) {
        for (int i = 0; i < received.size(); i++) {
            if (text(received.get(i)).equals(text)) {
                return i;
            }
        }
        return -1;
    }

    private int lastIndexOf(String text) {
        int last = -1;
        for (int i = 0; i < received.size(); i++) {
            if (text(received.get(i)).equals(text)) {
                last = i;
            }
        }
        return last;
    }

    private List<String> texts() {
        return received.stream().map(BotApiRouteWebhookTest::text).toList();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
        fail("timed out waiting for " + what);
    }
}
