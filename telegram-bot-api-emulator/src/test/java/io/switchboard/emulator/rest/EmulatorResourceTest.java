package io.switchboard.emulator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.emulator.Fixtures;

@QuarkusTest
class EmulatorResourceTest {

    private EmulatorApi bot;

    @BeforeEach
    void newBot() {
        bot = new EmulatorApi(Fixtures.uniqueToken(5550005));
    }

    @Test
    void customerMessageBuildsARealisticPrivateTextUpdate() {
        given().contentType(ContentType.JSON).queryParam("token", bot.token())
                .body(Map.of("text", "/start hello", "firstName", "Anton", "lastName", "T", "username", "anton",
                        "languageCode", "ru"))
                .post("/emulator/customers/461699897/messages")
                .then().statusCode(202)
                .body("update_id", notNullValue())
                .body("message.message_id", is(1))
                .body("message.from.id", is(461699897))
                .body("message.from.is_bot", is(false))
                .body("message.from.first_name", equalTo("Anton"))
                .body("message.from.language_code", equalTo("ru"))
                .body("message.chat.id", is(461699897))
                .body("message.chat.type", equalTo("private"))
                .body("message.chat.username", equalTo("anton"))
                .body("message.text", equalTo("/start hello"))
                .body("message.entities[0].type", equalTo("bot_command"))
                .body("message.entities[0].length", is(6));

        bot.getUpdates().then().statusCode(200).body("result", hasSize(1))
                .body("result[0].message.text", equalTo("/start hello"));
    }

    @Test
    void updatesWithoutIdGetTheNextOnes() {
        List<Long> ids = bot.queue("[{\"message\":{\"message_id\":1,\"date\":1,\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"a\"}},"
                + "{\"message\":{\"message_id\":2,\"date\":1,\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"b\"}}]");
        assertEquals(2, ids.size());
        assertEquals(ids.get(0) + 1, ids.get(1));
        assertTrue(ids.get(0) < Integer.MAX_VALUE, "fits telegrambots' Integer update_id");
        bot.getUpdates().then().body("result[0].update_id", is(ids.get(0).intValue()))
                .body("result[1].message.text", equalTo("b"));
    }

    @Test
    void badControlRequestsAreProblemDetails() {
        given().contentType(ContentType.JSON).queryParam("token", bot.token()).body("[1, 2]")
                .post("/emulator/updates")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", is(400))
                .body("title", equalTo("Bad Request"))
                .body("detail", containsString("Update object"));
        given().contentType(ContentType.JSON).queryParam("token", bot.token()).body("{not json")
                .post("/emulator/updates").then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).queryParam("token", bot.token()).body(Map.of("firstName", "x"))
                .post("/emulator/customers/5/messages").then().statusCode(400)
                .body("detail", equalTo("text is required."));
        given().contentType(ContentType.JSON).queryParam("token", "nonsense").body("{}")
                .post("/emulator/updates").then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().get("/emulator/no-such-thing").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void chatHistoryHoldsBothSidesInOrder() {
        bot.customerSays(555, "I need help").then().statusCode(202);
        bot.sendMessage(555, "Sure, what is it?").then().statusCode(200);
        given().queryParam("token", bot.token()).get("/emulator/chats/555/messages")
                .then().statusCode(200)
                .body("text", equalTo(List.of("I need help", "Sure, what is it?")))
                .body("from.is_bot", equalTo(List.of(false, true)));
    }

    @Test
    void defaultTokenIsUsedWhenNoneIsGiven() {
        String defaultToken = "123456789:EMULATOR-TOKEN";
        given().contentType(ContentType.JSON).body(Map.of("text", "hi")).post("/emulator/customers/66/messages")
                .then().statusCode(202);
        new EmulatorApi(defaultToken).getUpdates("offset", -1).then().body("result[0].message.text", equalTo("hi"));
    }

    @Test
    void resetForgetsCallsUpdatesWebhooksAndBlocks() {
        bot.customerSays(10, "pending").then().statusCode(202);
        bot.sendMessage(10, "recorded").then().statusCode(200);
        given().queryParam("token", bot.token()).post("/emulator/chats/11/block").then().statusCode(204);

        given().post("/emulator/reset").then().statusCode(204);

        given().queryParam("token", bot.token()).get("/emulator/calls").then().body("$", hasSize(0));
        bot.call("getWebhookInfo").then().body("result.pending_update_count", is(0)).body("result.url", equalTo(""));
        bot.sendMessage(11, "unblocked").then().statusCode(200);
        given().delete("/emulator/calls").then().statusCode(204);
        given().get("/emulator/calls").then().body("$", hasSize(0));
    }

    @Test
    void consolePageIsServedAtRootAndEmulator() {
        given().get("/").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("Customer console"));
        given().get("/emulator").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("/emulator/customers/"));
        given().get("/emulator/webhook-deliveries").then().statusCode(200);
        bot.call("getWebhookInfo").then().body("result.last_error_date", nullValue());
    }
}
