package io.switchboard.emulator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.emulator.Fixtures;

/** Injected faults and the call journal's status, errorCode and description. */
@QuarkusTest
class FaultsTest {

    @TestHTTPResource("/")
    URL emulator;

    private EmulatorApi bot;

    @BeforeEach
    void newBot() {
        bot = new EmulatorApi(Fixtures.uniqueToken(5550014));
    }

    @AfterEach
    void clearFaults() {
        given().queryParam("token", bot.token()).delete("/emulator/faults").then().statusCode(204);
    }

    @Test
    void theNextCallsAnswerTheInjectedErrorWithoutSending() {
        given().contentType(ContentType.JSON).queryParam("token", bot.token())
                .body(Map.of("method", "sendmessage", "times", 2, "errorCode", 502, "description", "Bad Gateway"))
                .post("/emulator/faults")
                .then().statusCode(201).body("method", equalTo("sendMessage")).body("remaining", is(2));
        given().contentType(ContentType.JSON).queryParam("token", bot.token())
                .body(Map.of("method", "createForumTopic", "errorCode", 429, "retryAfter", 7))
                .post("/emulator/faults").then().statusCode(201);

        bot.sendMessage(10, "one").then().statusCode(502).body("ok", is(false)).body("error_code", is(502))
                .body("description", equalTo("Bad Gateway"));
        bot.sendMessage(10, "two").then().statusCode(502);
        bot.sendMessage(10, "three").then().statusCode(200);
        bot.call("createForumTopic", Map.of("chat_id", -100123, "name", "t")).then().statusCode(429)
                .body("description", equalTo("Too Many Requests: retry after 7"))
                .body("parameters.retry_after", is(7));
        bot.call("createForumTopic", Map.of("chat_id", -100123, "name", "t")).then().statusCode(200);

        given().queryParam("token", bot.token()).get("/emulator/chats/10/messages").then().body("text", equalTo(List.of("three")));
        given().queryParam("token", bot.token()).queryParam("method", "sendMessage").get("/emulator/calls")
                .then().body("status", equalTo(List.of(502, 502, 200)))
                .body("errorCode", equalTo(java.util.Arrays.asList(502, 502, null)))
                .body("description", equalTo(java.util.Arrays.asList("Bad Gateway", "Bad Gateway", null)));
        given().queryParam("token", bot.token()).get("/emulator/faults").then().body("$", hasSize(0));

        given().contentType(ContentType.JSON).queryParam("token", bot.token())
                .body(Map.of("method", "sendTelepathy", "errorCode", 400)).post("/emulator/faults").then().statusCode(400);
        given().contentType(ContentType.JSON).queryParam("token", bot.token())
                .body(Map.of("method", "sendMessage")).post("/emulator/faults").then().statusCode(400);
    }

    @Test
    void aDelayedAnswerTimesTheClientOutAfterTheMessageWasSent() throws Exception {
        given().contentType(ContentType.JSON).queryParam("token", bot.token())
                .body(Map.of("method", "sendMessage", "delayMs", 1500))
                .post("/emulator/faults").then().statusCode(201);

        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.toString() + "bot" + bot.token() + "/sendMessage"))
                .timeout(Duration.ofMillis(400))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"chat_id\":20,\"text\":\"sent anyway\"}"))
                .build();
        assertThrows(HttpTimeoutException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofString()));

        // the message is in the chat although the client never got an answer
        given().queryParam("token", bot.token()).get("/emulator/chats/20/messages")
                .then().body("text", equalTo(List.of("sent anyway")));
        long deadline = System.currentTimeMillis() + 5000;
        List<Integer> statuses = List.of();
        while (System.currentTimeMillis() < deadline && statuses.isEmpty()) {
            Thread.sleep(100);
            statuses = given().queryParam("token", bot.token()).queryParam("method", "sendMessage").get("/emulator/calls")
                    .then().extract().jsonPath().getList("status", Integer.class);
        }
        assertEquals(List.of(200), statuses, "recorded once the held answer is given");

        long start = System.nanoTime();
        bot.sendMessage(20, "no delay any more").then().statusCode(200);
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "only the next call is delayed");
    }

    @Test
    void floodControlIsRecordedWithItsErrorCode() {
        for (int i = 0; i < 5; i++) {
            bot.sendMessage(30, "burst " + i);
        }
        given().queryParam("token", bot.token()).queryParam("method", "sendMessage").get("/emulator/calls")
                .then().body("status", equalTo(List.of(200, 200, 200, 429, 429)))
                .body("[3].errorCode", is(429))
                .body("[3].description", equalTo("Too Many Requests: retry after 1"))
                .body("[0].errorCode", is((Object) null));
    }
}
