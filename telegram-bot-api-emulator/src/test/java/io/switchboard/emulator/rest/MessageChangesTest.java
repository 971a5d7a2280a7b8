package io.switchboard.emulator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.emulator.Fixtures;

/** editMessageText, deleteMessage and pinChatMessage, and how the chat history shows them. */
@QuarkusTest
class MessageChangesTest {

    private static final long CHAT = 461699897L;

    private EmulatorApi bot;

    @BeforeEach
    void newBot() {
        bot = new EmulatorApi(Fixtures.uniqueToken(5550012));
    }

    @Test
    void editMessageTextChangesTheTextOnce() {
        int id = bot.sendMessage(CHAT, "Helo").then().statusCode(200).extract().path("result.message_id");
        bot.call("editMessageText", Map.of("chat_id", CHAT, "message_id", id, "text", "Hello"))
                .then().statusCode(200)
                .body("result.message_id", is(id))
                .body("result.text", equalTo("Hello"))
                .body("result.edit_date", notNullValue())
                .body("result.edited", is((Object) null));
        bot.call("editMessageText", Map.of("chat_id", CHAT, "message_id", id, "text", "Hello"))
                .then().statusCode(400)
                .body("description", startsWith("Bad Request: message is not modified: specified new message content"));
        bot.call("editMessageText", Map.of("chat_id", CHAT, "message_id", 9999, "text", "x"))
                .then().statusCode(400).body("description", equalTo("Bad Request: message to edit not found"));
        int customers = bot.customerSays(CHAT, "mine").then().statusCode(202).extract().path("message.message_id");
        bot.call("editMessageText", Map.of("chat_id", CHAT, "message_id", customers, "text", "yours"))
                .then().statusCode(400).body("description", equalTo("Bad Request: message can't be edited"));

        given().queryParam("token", bot.token()).get("/emulator/chats/" + CHAT + "/messages")
                .then().body("[0].text", equalTo("Hello")).body("[0].edited", is(true))
                .body("[1].edited", is(false));
    }

    @Test
    void deleteMessageOnceThenNotFound() {
        int id = bot.sendMessage(CHAT, "oops").then().statusCode(200).extract().path("result.message_id");
        bot.call("deleteMessage", Map.of("chat_id", CHAT, "message_id", id)).then().statusCode(200).body("result", is(true));
        bot.call("deleteMessage", Map.of("chat_id", CHAT, "message_id", id))
                .then().statusCode(400).body("description", equalTo("Bad Request: message to delete not found"));
        bot.call("editMessageText", Map.of("chat_id", CHAT, "message_id", id, "text", "too late"))
                .then().statusCode(400).body("description", equalTo("Bad Request: message to edit not found"));
        given().queryParam("token", bot.token()).get("/emulator/chats/" + CHAT + "/messages")
                .then().body("deleted", equalTo(List.of(true))).body("text", equalTo(List.of("oops")));
    }

    @Test
    void pinChatMessageMarksTheMessage() {
        long group = -1001847508954L;
        int id = bot.call("sendMessage", Map.of("chat_id", group, "text", "⏰ waiting 15 min", "disable_notification", true,
                        "reply_markup", Map.of("inline_keyboard", List.of(List.of(Map.of("text", "Claim", "callback_data", "claim:1"))))))
                .then().statusCode(200).extract().path("result.message_id");
        bot.call("pinChatMessage", Map.of("chat_id", group, "message_id", id, "disable_notification", true))
                .then().statusCode(200).body("result", is(true));
        bot.call("pinChatMessage", Map.of("chat_id", group, "message_id", 777))
                .then().statusCode(400).body("description", equalTo("Bad Request: message to pin not found"));
        given().queryParam("token", bot.token()).get("/emulator/chats/" + group + "/messages")
                .then().body("[0].pinned", is(true))
                .body("[0].disable_notification", is(true))
                .body("[0].reply_markup.inline_keyboard[0][0].callback_data", equalTo("claim:1"))
                .body("[0].deleted", is(false));
    }

    @Test
    void setWebhookKeepsAllowedUpdatesAndGetWebhookInfoShowsThem() {
        bot.call("setWebhook", Map.of("url", "http://127.0.0.1:9/hook", "secret_token", "s3cret_-",
                        "allowed_updates", "[\"message\",\"edited_message\",\"callback_query\",\"my_chat_member\",\"message_reaction\"]",
                        "max_connections", 10, "drop_pending_updates", true))
                .then().statusCode(200).body("description", equalTo("Webhook was set"));
        bot.call("getWebhookInfo").then().statusCode(200)
                .body("result.url", equalTo("http://127.0.0.1:9/hook"))
                .body("result.has_custom_certificate", is(false))
                .body("result.pending_update_count", is(0))
                .body("result.max_connections", is(10))
                .body("result.allowed_updates", equalTo(List.of("message", "edited_message", "callback_query",
                        "my_chat_member", "message_reaction")));
        // leaving allowed_updates out keeps the previous setting
        bot.call("setWebhook", Map.of("url", "http://127.0.0.1:9/hook", "secret_token", "other"))
                .then().statusCode(200);
        bot.call("getWebhookInfo").then().body("result.allowed_updates[4]", equalTo("message_reaction"));
        bot.call("setWebhook", Map.of("url", "http://127.0.0.1:9/hook", "allowed_updates", "not json"))
                .then().statusCode(400);
        bot.call("deleteWebhook").then().statusCode(200);
    }
}
