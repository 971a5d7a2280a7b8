package io.switchboard.emulator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.emulator.Fixtures;

@QuarkusTest
class BotApiRouteSendMessageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Emoji (surrogate pairs), literal HTML, an entity, Hebrew with a right-to-left mark, Cyrillic. */
    private static final String TRICKY_TEXT = "Привет 👋🏽 <b>not bold</b> &amp; 5 < 6 — שלום \u200Fעולם";

    private EmulatorApi bot;

    @BeforeEach
    void newBot() {
        bot = new EmulatorApi(Fixtures.uniqueToken(5550003));
    }

    @Test
    void getMeDescribesTheBotOfTheToken() throws Exception {
        Response response = bot.call("getMe").then().statusCode(200).extract().response();
        JsonNode me = JSON.readTree(response.asByteArray()).get("result");
        assertEquals(5550003L, me.get("id").asLong());
        assertEquals("switchboard_emulator_bot", me.get("username").asText());
        assertTrue(me.get("is_bot").asBoolean());
        List<String> expectedFields = fieldNames(Fixtures.json("responses/01-getMe.json").get("result"));
        assertEquals(expectedFields, fieldNames(me), "same fields as the real getMe");
    }

    @Test
    void textComesBackExactlyAsSent() throws Exception {
        Response response = bot.sendMessage(461699897L, TRICKY_TEXT).then().statusCode(200).extract().response();

        byte[] raw = response.asByteArray();
        String rawText = new String(raw, StandardCharsets.UTF_8);
        assertTrue(rawText.contains(TRICKY_TEXT), "UTF-8 text unescaped and untouched in the raw answer: " + rawText);
        JsonNode envelope = JSON.readTree(raw);
        assertTrue(envelope.get("ok").asBoolean());
        JsonNode message = envelope.get("result");
        assertEquals(TRICKY_TEXT, message.get("text").asText());
        assertEquals(1, message.get("message_id").asInt());
        assertEquals(5550003L, message.at("/from/id").asLong());
        assertTrue(message.at("/from/is_bot").asBoolean());
        assertEquals(461699897L, message.at("/chat/id").asLong());
        assertEquals("private", message.at("/chat/type").asText());
        assertTrue(message.get("date").asLong() > 1_700_000_000L);
        assertTrue(!message.has("entities"), "no parse_mode processing");
        List<String> realOrder = fieldNames(Fixtures.json("responses/02-sendMessage-ok-inline-keyboard.json").get("result"));
        assertEquals(realOrder.subList(0, 5), fieldNames(message).subList(0, 5), "Telegram's field order");
    }

    @Test
    void formAndQueryStringParametersWorkAndKeepTheText() {
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("chat_id", "12345").formParam("text", TRICKY_TEXT).formParam("parse_mode", "HTML")
                .post("/bot" + bot.token() + "/sendMessage")
                .then().statusCode(200).body("result.text", equalTo(TRICKY_TEXT));
        given().queryParam("chat_id", "12345").queryParam("text", "a+b=c & d")
                .get("/bot" + bot.token() + "/sendMessage")
                .then().statusCode(200).body("result.text", equalTo("a+b=c & d"));
        given().multiPart("chat_id", "12345").multiPart("text", "multi part")
                .post("/bot" + bot.token() + "/sendMessage")
                .then().statusCode(200).body("result.text", equalTo("multi part"));
    }

    @Test
    void messageIdsIncreasePerChatAndChatTypeFollowsTheSign() {
        bot.sendMessage(111, "a").then().body("result.message_id", is(1));
        bot.sendMessage(111, "b").then().body("result.message_id", is(2));
        bot.sendMessage(222, "c").then().body("result.message_id", is(1)).body("result.chat.type", equalTo("private"));
        bot.sendMessage(-1001971186208L, "d").then().statusCode(200)
                .body("result.chat.type", equalTo("supergroup"))
                .body("result.chat.title", notNullValue());
    }

    @Test
    void customerAndBotShareTheChatsMessageIds() {
        bot.customerSays(333, "hello").then().statusCode(202).body("message.message_id", is(1));
        bot.sendMessage(333, "hi, how can I help?").then().statusCode(200)
                .body("result.message_id", is(2))
                .body("result.chat.first_name", equalTo("Alice"));
    }

    @Test
    void invalidMessagesAreRejectedWithTelegramsWording() {
        bot.sendMessage(1, "").then().statusCode(400)
                .body("ok", is(false)).body("error_code", is(400))
                .body("description", equalTo("Bad Request: message text is empty"));
        bot.call("sendMessage", Map.of("chat_id", 1)).then().statusCode(400)
                .body("description", equalTo("Bad Request: message text is empty"));
        bot.call("sendMessage", Map.of("text", "no chat")).then().statusCode(400)
                .body("description", equalTo("Bad Request: chat not found"));
        bot.call("sendMessage", Map.of("chat_id", "@nobody", "text", "x")).then().statusCode(400)
                .body("description", equalTo("Bad Request: chat not found"));
        bot.sendMessage(2, "x".repeat(4097)).then().statusCode(400)
                .body("description", equalTo("Bad Request: message is too long"));
        // 4096 UTF-16 code units: 2048 emoji of two units each
        bot.sendMessage(3, "😀".repeat(2048)).then().statusCode(200);
        bot.sendMessage(4, "😀".repeat(2048) + "x").then().statusCode(400);
    }

    @Test
    void methodNamesAreCaseInsensitiveAndUnknownOnesAre404() {
        given().contentType(ContentType.JSON).body(Map.of("chat_id", 5, "text", "lower"))
                .post("/bot" + bot.token() + "/sendmessage").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("chat_id", 5, "text", "upper"))
                .post("/bot" + bot.token() + "/SENDMESSAGE").then().statusCode(200);
        bot.call("getme").then().statusCode(200).body("result.is_bot", is(true));

        bot.call("sendTelepathy").then().statusCode(404)
                .body("ok", is(false)).body("error_code", is(404)).body("description", equalTo("Not Found"));
        given().post("/botnot-a-token/getMe").then().statusCode(401)
                .body("error_code", is(401)).body("description", equalTo("Unauthorized"));
    }

    @Test
    void callsAreRecordedAndFiltered() {
        bot.sendMessage(601, "first").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("chat_id", "602", "text", "second"))
                .post("/bot" + bot.token() + "/sendmessage").then().statusCode(200);
        bot.sendMessage(601, "").then().statusCode(400);
        bot.call("getMe").then().statusCode(200);

        given().queryParam("token", bot.token()).get("/emulator/calls").then().statusCode(200)
                .body("method", equalTo(List.of("sendMessage", "sendMessage", "sendMessage", "getMe")))
                .body("status", equalTo(List.of(200, 200, 400, 200)))
                .body("[0].botId", is(5550003))
                .body("[0].params.text", equalTo("first"))
                .body("[0].response.result.text", equalTo("first"))
                .body("[0].at", notNullValue())
                .body("[0].token", is((Object) null));

        given().queryParam("token", bot.token()).queryParam("method", "SENDMESSAGE").queryParam("chat_id", "601")
                .get("/emulator/calls").then().statusCode(200)
                .body("params.text", equalTo(List.of("first", "")))
                .body("status", equalTo(List.of(200, 400)));
        given().queryParam("token", bot.token()).queryParam("chat_id", "602")
                .get("/emulator/calls").then().body("params.text", equalTo(List.of("second")));
        List<Long> seqs = given().queryParam("token", bot.token()).get("/emulator/calls")
                .then().extract().jsonPath().getList("seq", Long.class);
        assertTrue(seqs.get(0) < seqs.get(1) && seqs.get(1) < seqs.get(2) && seqs.get(2) < seqs.get(3), "oldest first");
        given().queryParam("token", bot.token()).queryParam("since", seqs.get(2))
                .get("/emulator/calls").then().body("method", equalTo(List.of("getMe")));
    }

    @Test
    void aBurstToOneChatHitsFloodControl() throws Exception {
        List<Integer> statuses = new java.util.ArrayList<>();
        Response limited = null;
        for (int i = 1; i <= 10 && limited == null; i++) {
            Response response = bot.sendMessage(700, "burst " + i);
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertEquals(List.of(200, 200, 200), statuses.subList(0, 3), "a burst of three goes through: " + statuses);
        assertTrue(limited != null, "a quick burst of ten is stopped: " + statuses);
        JsonNode error = JSON.readTree(limited.asByteArray());
        JsonNode real = Fixtures.json("responses/05-error-429-retry-after.json");
        assertEquals(fieldNames(real), fieldNames(error), "same shape as Telegram's 429");
        assertEquals(fieldNames(real.get("parameters")), fieldNames(error.get("parameters")));
        assertEquals(1, error.at("/parameters/retry_after").asInt());
        assertEquals("Too Many Requests: retry after 1", error.get("description").asText());

        bot.sendMessage(701, "another chat is fine").then().statusCode(200);
        Thread.sleep(1100);
        bot.sendMessage(700, "after waiting").then().statusCode(200);
    }

    @Test
    void aBlockedChatAnswers403UntilUnblocked() throws Exception {
        given().queryParam("token", bot.token()).post("/emulator/chats/800/block").then().statusCode(204);
        Response blocked = bot.sendMessage(800, "anyone?").then().statusCode(403).extract().response();
        assertEquals(Fixtures.json("responses/07-error-403-bot-blocked.json"), JSON.readTree(blocked.asByteArray()));
        bot.call("sendChatAction", Map.of("chat_id", 800, "action", "typing")).then().statusCode(403);

        given().queryParam("token", bot.token()).post("/emulator/chats/800/unblock").then().statusCode(204);
        bot.sendMessage(800, "welcome back").then().statusCode(200);
        bot.call("sendChatAction", Map.of("chat_id", 800, "action", "typing")).then().statusCode(200).body("result", is(true));
    }

    @Test
    void inlineKeyboardAndEntitiesAreEchoed() {
        Map<String, Object> markup = Map.of("inline_keyboard", List.of(List.of(Map.of("text", "Yes", "callback_data", "y"))));
        bot.call("sendMessage", Map.of("chat_id", 900, "text", "Sure?", "reply_markup", markup,
                        "entities", List.of(Map.of("type", "bold", "offset", 0, "length", 4))))
                .then().statusCode(200)
                .body("result.reply_markup.inline_keyboard[0][0].callback_data", equalTo("y"))
                .body("result.entities", hasSize(1));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
