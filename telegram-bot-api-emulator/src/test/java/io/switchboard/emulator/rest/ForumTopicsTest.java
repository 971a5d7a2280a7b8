package io.switchboard.emulator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
class ForumTopicsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long GROUP = -1001971186208L;

    private EmulatorApi bot;

    @BeforeEach
    void newBotAndGroup() {
        bot = new EmulatorApi(Fixtures.uniqueToken(5550010));
        given().contentType(ContentType.JSON).queryParam("token", bot.token())
                .body(Map.of("chatId", GROUP, "title", "Support", "isForum", true))
                .post("/emulator/groups")
                .then().statusCode(201).body("is_forum", is(true)).body("type", equalTo("supergroup"));
    }

    @Test
    void topicLifecycleFromCreationToDeletion() throws Exception {
        int threadId = bot.call("createForumTopic", Map.of("chat_id", GROUP, "name", "🆕 Anna — blue-fox"))
                .then().statusCode(200)
                .body("result.name", equalTo("🆕 Anna — blue-fox"))
                .body("result.icon_color", is(7322096))
                .extract().path("result.message_thread_id");

        // the forum_topic_created service message reaches the bot; its message_id is the thread id
        bot.getUpdates().then().statusCode(200)
                .body("result", hasSize(1))
                .body("result[0].message.message_id", is(threadId))
                .body("result[0].message.message_thread_id", is(threadId))
                .body("result[0].message.forum_topic_created.name", equalTo("🆕 Anna — blue-fox"))
                .body("result[0].message.chat.is_forum", is(true))
                .body("result[0].message.is_topic_message", is(true));

        bot.call("sendMessage", Map.of("chat_id", GROUP, "text", "👤 Anna: hello", "message_thread_id", threadId,
                        "disable_notification", true))
                .then().statusCode(200)
                .body("result.message_thread_id", is(threadId))
                .body("result.is_topic_message", is(true))
                .body("result.reply_to_message.message_id", is(threadId))
                .body("result.chat.is_forum", is(true));
        bot.call("sendChatAction", Map.of("chat_id", GROUP, "action", "typing", "message_thread_id", threadId))
                .then().statusCode(200);

        bot.call("editForumTopic", Map.of("chat_id", GROUP, "message_thread_id", threadId, "name", "💬 Anna — blue-fox"))
                .then().statusCode(200).body("result", is(true));
        bot.call("editForumTopic", Map.of("chat_id", GROUP, "message_thread_id", threadId, "name", "💬 Anna — blue-fox"))
                .then().statusCode(400).body("description", equalTo("Bad Request: TOPIC_NOT_MODIFIED"));

        bot.call("closeForumTopic", Map.of("chat_id", GROUP, "message_thread_id", threadId)).then().statusCode(200);
        bot.call("sendMessage", Map.of("chat_id", GROUP, "text", "closed?", "message_thread_id", threadId))
                .then().statusCode(400).body("description", equalTo("Bad Request: TOPIC_CLOSED"));
        bot.call("reopenForumTopic", Map.of("chat_id", GROUP, "message_thread_id", threadId)).then().statusCode(200);
        bot.call("reopenForumTopic", Map.of("chat_id", GROUP, "message_thread_id", threadId))
                .then().statusCode(400).body("description", equalTo("Bad Request: TOPIC_NOT_MODIFIED"));
        bot.call("sendMessage", Map.of("chat_id", GROUP, "text", "open again", "message_thread_id", threadId))
                .then().statusCode(200);

        given().queryParam("token", bot.token()).get("/emulator/groups/" + GROUP + "/topics")
                .then().statusCode(200)
                .body("messageThreadId", equalTo(List.of(threadId)))
                .body("[0].name", equalTo("💬 Anna — blue-fox"))
                .body("[0].closed", is(false)).body("[0].deleted", is(false)).body("[0].iconColor", is(7322096));
        given().queryParam("token", bot.token()).get("/emulator/groups/" + GROUP + "/topics/" + threadId + "/messages")
                .then().statusCode(200)
                .body("[0].forum_topic_created.name", equalTo("🆕 Anna — blue-fox"))
                .body("findAll { it.text != null }.text", equalTo(List.of("👤 Anna: hello", "open again")))
                .body("find { it.text == '👤 Anna: hello' }.disable_notification", is(true))
                .body("find { it.forum_topic_edited != null }.forum_topic_edited.name", equalTo("💬 Anna — blue-fox"))
                .body("findAll { it.forum_topic_closed != null }", hasSize(1))
                .body("findAll { it.forum_topic_reopened != null }", hasSize(1));

        // an admin deletes the topic in the app: later sends fail exactly like Telegram (responses/06)
        given().queryParam("token", bot.token()).post("/emulator/groups/" + GROUP + "/topics/" + threadId + "/delete")
                .then().statusCode(204);
        Response gone = bot.call("sendMessage", Map.of("chat_id", GROUP, "text", "anyone?", "message_thread_id", threadId))
                .then().statusCode(400).extract().response();
        assertEquals(Fixtures.json("responses/06-error-400-message-thread-not-found.json"),
                JSON.readTree(gone.asByteArray()));
        given().queryParam("token", bot.token()).get("/emulator/groups/" + GROUP + "/topics")
                .then().body("[0].deleted", is(true));
        given().queryParam("token", bot.token()).get("/emulator/groups/" + GROUP + "/topics/" + threadId + "/messages")
                .then().body("deleted", org.hamcrest.Matchers.everyItem(is(true)));
    }

    @Test
    void threadsThatNeverExistedAndDeleteForumTopic() {
        bot.call("sendMessage", Map.of("chat_id", GROUP, "text", "general?", "message_thread_id", 1))
                .then().statusCode(400).body("description", equalTo("Bad Request: message thread not found"));
        bot.call("sendMessage", Map.of("chat_id", GROUP, "text", "General topic")).then().statusCode(200);

        int threadId = bot.call("createForumTopic", Map.of("chat_id", GROUP, "name", "To delete", "icon_color", 16766590))
                .then().statusCode(200).body("result.icon_color", is(16766590))
                .extract().path("result.message_thread_id");
        bot.call("deleteForumTopic", Map.of("chat_id", GROUP, "message_thread_id", threadId))
                .then().statusCode(200).body("result", is(true));
        bot.call("sendMessage", Map.of("chat_id", GROUP, "text", "x", "message_thread_id", threadId))
                .then().statusCode(400).body("description", equalTo("Bad Request: message thread not found"));
        bot.call("closeForumTopic", Map.of("chat_id", GROUP, "message_thread_id", threadId))
                .then().statusCode(400).body("description", equalTo("Bad Request: TOPIC_DELETED"));
        bot.call("createForumTopic", Map.of("chat_id", GROUP, "name", "")).then().statusCode(400);
        bot.call("createForumTopic", Map.of("chat_id", 12345, "name", "private"))
                .then().statusCode(400).body("description", equalTo("Bad Request: the chat is not a forum"));
    }

    @Test
    void unknownGroupsBecomeForumsOnFirstTopicAndCreationsCountAgainstFloodControl() {
        long other = -1002000000001L;
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(bot.call("createForumTopic", Map.of("chat_id", other, "name", "t" + i)).statusCode());
        }
        assertEquals(List.of(200, 200, 200), statuses.subList(0, 3));
        assertEquals(429, statuses.get(5), "topic creations use the chat's bucket: " + statuses);
        given().queryParam("token", bot.token()).queryParam("method", "createForumTopic").get("/emulator/calls")
                .then().body("find { it.status == 429 }.errorCode", is(429))
                .body("find { it.status == 429 }.description", org.hamcrest.Matchers.startsWith("Too Many Requests: retry after"));
    }

    @Test
    void anOperatorWritesInATopic() throws Exception {
        int threadId = bot.call("createForumTopic", Map.of("chat_id", GROUP, "name", "Anna"))
                .then().statusCode(200).extract().path("result.message_thread_id");
        given().contentType(ContentType.JSON).queryParam("token", bot.token())
                .body(Map.of("fromId", 1253681278L, "firstName", "Olga", "username", "olga_ops", "text", "/claim"))
                .post("/emulator/groups/" + GROUP + "/topics/" + threadId + "/messages")
                .then().statusCode(202);

        JsonNode updates = JSON.readTree(bot.getUpdates().then().statusCode(200).extract().asByteArray()).get("result");
        JsonNode message = updates.get(updates.size() - 1).get("message");
        assertEquals("/claim", message.get("text").asText());
        assertEquals(true, message.get("is_topic_message").asBoolean());
        assertEquals(threadId, message.get("message_thread_id").asInt());
        assertEquals(true, message.at("/chat/is_forum").asBoolean());
        assertEquals(threadId, message.at("/reply_to_message/message_id").asInt());
        assertEquals("Anna", message.at("/reply_to_message/forum_topic_created/name").asText());
        assertEquals(1253681278L, message.at("/from/id").asLong());
        assertEquals("olga_ops", message.at("/from/username").asText());
        assertEquals("bot_command", message.at("/entities/0/type").asText());

        given().contentType(ContentType.JSON).queryParam("token", bot.token())
                .body(Map.of("fromId", 1, "text", "nowhere"))
                .post("/emulator/groups/" + GROUP + "/topics/999999/messages").then().statusCode(404);
    }
}
