package io.switchboard.emulator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.emulator.Fixtures;

/** Callbacks, edits, reactions and blocks as a customer does them, and the Updates the bot gets. */
@QuarkusTest
class CustomerActionsTest {

    private static final long CHAT = 568577002L;

    private EmulatorApi bot;

    @BeforeEach
    void newBot() {
        bot = new EmulatorApi(Fixtures.uniqueToken(5550013));
    }

    @Test
    void pressingAButtonSendsACallbackQueryAndTheAnswerIsKept() {
        int messageId = bot.call("sendMessage", Map.of("chat_id", CHAT, "text", "Rate us",
                        "reply_markup", Map.of("inline_keyboard", List.of(List.of(
                                Map.of("text", "👍", "callback_data", "rate:5"), Map.of("text", "👎", "callback_data", "rate:1"))))))
                .then().statusCode(200).extract().path("result.message_id");
        bot.customerSays(CHAT, "hi").then().statusCode(202);

        String queryId = given().contentType(ContentType.JSON).queryParam("token", bot.token())
                .body(Map.of("chatId", CHAT, "messageId", messageId, "fromId", CHAT, "firstName", "bob", "data", "rate:5"))
                .post("/emulator/callbacks")
                .then().statusCode(202)
                .body("callback_query.data", equalTo("rate:5"))
                .body("callback_query.from.first_name", equalTo("bob"))
                .body("callback_query.message.message_id", is(messageId))
                .body("callback_query.message.reply_markup.inline_keyboard[0][1].callback_data", equalTo("rate:1"))
                .body("callback_query.chat_instance", notNullValue())
                .extract().path("callback_query.id");
        bot.getUpdates().then().body("result[1].callback_query.id", equalTo(queryId));

        given().queryParam("token", bot.token()).get("/emulator/callbacks/" + queryId + "/answer").then().statusCode(404);
        bot.call("answerCallbackQuery", Map.of("callback_query_id", queryId, "text", "x".repeat(201)))
                .then().statusCode(400).body("description", equalTo("Bad Request: MESSAGE_TOO_LONG"));
        bot.call("answerCallbackQuery", Map.of("callback_query_id", queryId, "text", "Thanks!", "show_alert", true))
                .then().statusCode(200).body("result", is(true));
        given().queryParam("token", bot.token()).get("/emulator/callbacks/" + queryId + "/answer")
                .then().statusCode(200)
                .body("callbackQueryId", equalTo(queryId)).body("text", equalTo("Thanks!")).body("showAlert", is(true));
        String tooOld = "Bad Request: query is too old and response timeout expired or query ID is invalid";
        bot.call("answerCallbackQuery", Map.of("callback_query_id", queryId)).then().statusCode(400)
                .body("description", equalTo(tooOld));
        bot.call("answerCallbackQuery", Map.of("callback_query_id", "123")).then().statusCode(400)
                .body("description", equalTo(tooOld));

        given().contentType(ContentType.JSON).queryParam("token", bot.token())
                .body(Map.of("chatId", CHAT, "messageId", messageId, "data", "rate:3"))
                .post("/emulator/callbacks").then().statusCode(400);
        given().contentType(ContentType.JSON).queryParam("token", bot.token())
                .body(Map.of("chatId", CHAT, "messageId", 999, "data", "rate:5"))
                .post("/emulator/callbacks").then().statusCode(404);
    }

    @Test
    void editsAndReactionsBecomeUpdates() {
        int mine = bot.customerSays(CHAT, "I ordred a lamp").then().statusCode(202).extract().path("message.message_id");
        int reply = bot.sendMessage(CHAT, "Which one?").then().statusCode(200).extract().path("result.message_id");

        given().contentType(ContentType.JSON).queryParam("token", bot.token()).body(Map.of("text", "I ordered a lamp"))
                .post("/emulator/customers/" + CHAT + "/messages/" + mine + "/edit")
                .then().statusCode(202)
                .body("edited_message.message_id", is(mine))
                .body("edited_message.text", equalTo("I ordered a lamp"))
                .body("edited_message.edit_date", notNullValue());
        given().contentType(ContentType.JSON).queryParam("token", bot.token()).body(Map.of("text", "hijack"))
                .post("/emulator/customers/" + CHAT + "/messages/" + reply + "/edit").then().statusCode(409);

        given().contentType(ContentType.JSON).queryParam("token", bot.token()).body(Map.of("emoji", "👍"))
                .post("/emulator/customers/" + CHAT + "/messages/" + reply + "/reactions")
                .then().statusCode(202)
                .body("message_reaction.message_id", is(reply))
                .body("message_reaction.user.id", is((int) CHAT))
                .body("message_reaction.old_reaction", hasSize(0))
                .body("message_reaction.new_reaction[0].emoji", equalTo("👍"));
        given().contentType(ContentType.JSON).queryParam("token", bot.token()).body(Map.of("emoji", "❤"))
                .post("/emulator/customers/" + CHAT + "/messages/" + reply + "/reactions")
                .then().body("message_reaction.old_reaction[0].emoji", equalTo("👍"))
                .body("message_reaction.new_reaction[0].type", equalTo("emoji"));

        bot.getUpdates().then().body("result", hasSize(4))
                .body("result[1].edited_message.text", equalTo("I ordered a lamp"))
                .body("result[3].message_reaction.new_reaction[0].emoji", equalTo("❤"));
        given().queryParam("token", bot.token()).get("/emulator/chats/" + CHAT + "/messages")
                .then().body("[0].text", equalTo("I ordered a lamp")).body("[0].edited", is(true));
    }

    @Test
    void blockingAndUnblockingSendMyChatMember() {
        bot.customerSays(2000000, "hello").then().statusCode(202);
        given().queryParam("token", bot.token()).post("/emulator/chats/2000000/block").then().statusCode(204);
        given().queryParam("token", bot.token()).post("/emulator/chats/2000000/block").then().statusCode(204);
        bot.sendMessage(2000000, "still there?").then().statusCode(403);
        given().queryParam("token", bot.token()).post("/emulator/chats/2000000/unblock").then().statusCode(204);

        bot.getUpdates().then().body("result", hasSize(3))
                .body("result[1].my_chat_member.chat.id", is(2000000))
                .body("result[1].my_chat_member.from.first_name", equalTo("Alice"))
                .body("result[1].my_chat_member.old_chat_member.status", equalTo("member"))
                .body("result[1].my_chat_member.new_chat_member.status", equalTo("kicked"))
                .body("result[1].my_chat_member.new_chat_member.user.id", is(5550013))
                .body("result[2].my_chat_member.old_chat_member.status", equalTo("kicked"))
                .body("result[2].my_chat_member.new_chat_member.status", equalTo("member"));
    }
}
