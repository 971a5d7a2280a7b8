package io.switchboard.emulator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.emulator.Fixtures;

@QuarkusTest
class BotApiRouteUpdatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private EmulatorApi bot;

    @BeforeEach
    void newBot() {
        bot = new EmulatorApi(Fixtures.uniqueToken(5550001));
    }

    @Test
    void queuedFixtureUpdatesComeBackUnchangedInOrder() throws Exception {
        String first = Fixtures.text("updates/01-private-text-language-code.json");
        String second = Fixtures.text("updates/03-private-start-command-entity.json");
        List<Long> ids = bot.queue("[" + first + "," + second + "]");

        // fixture ids are greater than anything issued for a new bot, so they are kept
        assertEquals(List.of(291363467L, 829256010L), ids);
        Response response = bot.getUpdates().then().statusCode(200).body("ok", is(true)).extract().response();
        JsonNode result = JSON.readTree(response.asByteArray()).get("result");
        assertEquals(Fixtures.json("updates/01-private-text-language-code.json"), result.get(0));
        assertEquals(Fixtures.json("updates/03-private-start-command-entity.json"), result.get(1));
    }

    @Test
    void explicitIdsAreKeptUnlessGetUpdatesAlreadyConfirmedThem() {
        String start = Fixtures.text("updates/03-private-start-command-entity.json"); // update_id 829256010
        String yo = Fixtures.text("updates/01-private-text-language-code.json"); // update_id 291363467

        assertEquals(List.of(829256010L), bot.queue(start));
        assertEquals(List.of(829256010L), bot.queue(start), "a redelivery keeps its id, so consumers can de-duplicate");
        assertEquals(List.of(291363467L), bot.queue(yo));
        assertEquals(List.of(291363467L, 829256010L, 829256010L), updateIds(bot.getUpdates()), "in update_id order");

        bot.getUpdates("offset", 829256011L).then().statusCode(200).body("result", hasSize(0));
        assertEquals(List.of(829256011L), bot.queue(yo), "a confirmed id is replaced by the next one");
        long assigned = bot.queue("{\"message\":{\"message_id\":1,\"chat\":{\"id\":5,\"type\":\"private\"},\"date\":1,\"text\":\"x\"}}").get(0);
        assertEquals(829256012L, assigned, "a missing id is assigned");
        assertEquals(List.of(829256011L, 829256012L), updateIds(bot.getUpdates()));
    }

    @Test
    void offsetConfirmsEverythingBelowItAndNegativeOffsetKeepsTheLast() {
        List<Long> ids = queueThreeMessages();
        long a = ids.get(0), b = ids.get(1), c = ids.get(2);

        assertEquals(List.of(a, b, c), updateIds(bot.getUpdates()));
        assertEquals(List.of(a), updateIds(bot.getUpdates("limit", 1)));

        // offset = b confirms a
        assertEquals(List.of(b, c), updateIds(bot.getUpdates("offset", b)));
        assertEquals(List.of(b, c), updateIds(bot.getUpdates()));

        // offset = -1 returns the last update and forgets all earlier ones
        assertEquals(List.of(c), updateIds(bot.getUpdates("offset", -1)));
        assertEquals(List.of(c), updateIds(bot.getUpdates()));

        // offset = c + 1 confirms everything
        bot.getUpdates("offset", c + 1).then().body("result", hasSize(0));
        bot.call("getWebhookInfo").then().body("result.pending_update_count", is(0));
    }

    @Test
    void longPollIsAnsweredAsSoonAsAnUpdateArrives() throws Exception {
        long started = System.nanoTime();
        CompletableFuture<Response> poll = CompletableFuture.supplyAsync(() -> bot.getUpdates("timeout", 20));
        Thread.sleep(700);
        assertFalse(poll.isDone(), "the poll waits while nothing is queued");

        bot.customerSays(777001, "wake up").then().statusCode(202);
        Response response = poll.get(5, TimeUnit.SECONDS);

        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5, "answered long before the timeout");
        response.then().statusCode(200)
                .body("result", hasSize(1))
                .body("result[0].message.text", is("wake up"))
                .body("result[0].message.chat.id", is(777001));
    }

    @Test
    void longPollWithNothingQueuedAnswersAnEmptyListAfterTheTimeout() {
        long started = System.nanoTime();
        bot.getUpdates("timeout", 1).then().statusCode(200).body("ok", is(true)).body("result", hasSize(0));
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertTrue(elapsedMillis >= 900 && elapsedMillis < 4000, "held about a second, was " + elapsedMillis + " ms");
    }

    @Test
    void aNewerGetUpdatesTerminatesTheWaitingOne() throws Exception {
        CompletableFuture<Response> older = CompletableFuture.supplyAsync(() -> bot.getUpdates("timeout", 20));
        Thread.sleep(1000);

        bot.getUpdates("timeout", 0).then().statusCode(200).body("result", hasSize(0));

        older.get(5, TimeUnit.SECONDS).then().statusCode(409)
                .body("ok", is(false))
                .body("error_code", is(409))
                .body("description", equalTo(Fixtures.json("responses/08-error-409-conflict-getupdates.json")
                        .get("description").asText()));
    }

    @Test
    void getUpdatesConflictsWithAWebhook() throws Exception {
        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() -> bot.getUpdates("timeout", 20));
        Thread.sleep(500);
        bot.call("setWebhook", Map.of("url", "http://127.0.0.1:9/unreachable")).then().statusCode(200);

        String expected = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
        waiting.get(5, TimeUnit.SECONDS).then().statusCode(409).body("description", equalTo(expected));
        bot.getUpdates().then().statusCode(409).body("error_code", is(409)).body("description", equalTo(expected));

        bot.call("deleteWebhook").then().statusCode(200).body("result", is(true));
        bot.getUpdates().then().statusCode(200);
    }

    @Test
    void parametersAreReadFromFormsAndQueryStringsToo() {
        List<Long> ids = queueThreeMessages();
        assertEquals(List.of(ids.get(2)),
                updateIds(given().formParam("offset", ids.get(2)).post("/bot" + bot.token() + "/getupdates")));
        given().queryParam("offset", ids.get(2) + 1).get("/bot" + bot.token() + "/GETUPDATES")
                .then().statusCode(200).body("result", hasSize(0));
    }

    private static List<Long> updateIds(Response response) {
        return response.then().statusCode(200).extract().jsonPath().getList("result.update_id", Long.class);
    }

    private List<Long> queueThreeMessages() {
        return List.of(
                bot.customerSays(9001, "one").then().statusCode(202).extract().jsonPath().getLong("update_id"),
                bot.customerSays(9002, "two").then().statusCode(202).extract().jsonPath().getLong("update_id"),
                bot.customerSays(9001, "three").then().statusCode(202).extract().jsonPath().getLong("update_id"));
    }
}
