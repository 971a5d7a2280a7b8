package io.switchboard.conversation.messaging;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.TestUpdates;
import io.switchboard.conversation.domain.UpdateOutcome;
import io.switchboard.conversation.service.CustomerMessageIntake;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reactions, live locations, replies, unblocking: what each private-chat update changes and what operators see. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class TelegramInboundEffectsTest {

    private static final String TOKEN = TestJwt.operator(UUID.randomUUID(), "olga");

    @Inject
    TelegramUpdateReader reader;

    @Inject
    CustomerMessageIntake intake;

    @Test
    void reactionsReplaceTheCustomersSetAndReachOperators() {
        long user = TestUpdates.nextId();
        accept(TelegramFixturesTest.privateText(TestUpdates.nextId(), user, 501, "react to me"));
        String thumbs = reaction(TestUpdates.nextId(), user, 501, "[{\"type\":\"emoji\",\"emoji\":\"👍\"},"
                + "{\"type\":\"custom_emoji\",\"custom_emoji_id\":\"5456188142006575553\"}]");
        assertEquals(UpdateOutcome.APPLIED, accept(thumbs));
        Map<String, Object> message = message(user, 501);
        UUID conversation = (UUID) message.get("conversation_id");
        given().auth().oauth2(TOKEN).when().get("/api/conversations/" + conversation + "/messages")
                .then().statusCode(200)
                .body("items.find { it.text == 'react to me' }.reactions[0].emoji", equalTo("👍"))
                .body("items.find { it.text == 'react to me' }.reactions[1].emoji", equalTo("5456188142006575553"))
                .body("items.find { it.text == 'react to me' }.reactions[0].byCustomer", equalTo(true))
                .body("items.find { it.text == 'react to me' }.source", equalTo("TELEGRAM"));
        assertEquals(1, TestDatabase.scalar("select count(*) from outbox where payload like '%message.reactions_changed%'"
                + " and payload like ?", "%" + message.get("id") + "%"));
        // the same set again changes nothing; an empty set removes them
        assertEquals(UpdateOutcome.SKIPPED, accept(reaction(TestUpdates.nextId(), user, 501, "[{\"type\":\"emoji\",\"emoji\":\"👍\"},"
                + "{\"type\":\"custom_emoji\",\"custom_emoji_id\":\"5456188142006575553\"}]")));
        assertEquals(UpdateOutcome.APPLIED, accept(reaction(TestUpdates.nextId(), user, 501, "[]")));
        assertNull(message(user, 501).get("reactions"));
        assertEquals(UpdateOutcome.SKIPPED, accept(reaction(TestUpdates.nextId(), user, 999_999, "[]")),
                "a reaction to a message that is not stored");
    }

    @Test
    void aLiveLocationMovesItsAttachmentAndASpuriousEditIsSkipped() {
        long user = TestUpdates.nextId();
        accept("""
                {"update_id":%d,"message":{"message_id":77,"from":{"id":%d,"is_bot":false,"first_name":"Geo"},
                 "chat":{"id":%d,"type":"private"},"date":1700000000,
                 "location":{"latitude":37.151873,"longitude":-111.207452,"live_period":900}}}"""
                .formatted(TestUpdates.nextId(), user, user));
        String moved = """
                {"update_id":%d,"edited_message":{"message_id":77,"from":{"id":%d,"is_bot":false,"first_name":"Geo"},
                 "chat":{"id":%d,"type":"private"},"date":1700000000,"edit_date":1700000060,
                 "location":{"latitude":37.2,"longitude":-111.3,"live_period":900}}}""";
        long firstMove = TestUpdates.nextId();
        assertEquals(UpdateOutcome.APPLIED, accept(moved.formatted(firstMove, user, user)));
        assertEquals("live location moved", TestDatabase.query("select reason from processed_update where update_id = ?",
                firstMove).get(0).get("reason"));
        Map<String, Object> location = TestDatabase.query("""
                select a.latitude, a.longitude, m.text from attachment a join message m on m.id = a.message_id
                 where m.telegram_chat_id = ? and m.telegram_message_id = 77""", user).get(0);
        assertEquals(37.2, location.get("latitude"));
        assertEquals(-111.3, location.get("longitude"));
        assertEquals("", location.get("text"));
        long same = TestUpdates.nextId();
        assertEquals(UpdateOutcome.SKIPPED, accept(moved.formatted(same, user, user)));
        assertEquals("edit changed nothing", TestDatabase.query("select reason from processed_update where update_id = ?",
                same).get(0).get("reason"));
        UUID conversation = (UUID) message(user, 77).get("conversation_id");
        given().auth().oauth2(TOKEN).when().get("/api/conversations/" + conversation)
                .then().statusCode(200).body("lastMessage.text", equalTo("[location]"));
    }

    @Test
    void aReplyToAnEarlierMessageLinksItAndQuotesItsStart() {
        long user = TestUpdates.nextId();
        String longText = "x".repeat(250);
        accept(TelegramFixturesTest.privateText(TestUpdates.nextId(), user, 10, longText));
        accept("""
                {"update_id":%d,"message":{"message_id":11,"from":{"id":%d,"is_bot":false,"first_name":"R"},
                 "chat":{"id":%d,"type":"private"},"date":1700000000,"text":"this one",
                 "reply_to_message":{"message_id":10,"chat":{"id":%d,"type":"private"},"date":1700000000,"text":"%s"}}}"""
                .formatted(TestUpdates.nextId(), user, user, user, longText));
        Map<String, Object> reply = message(user, 11);
        assertEquals(message(user, 10).get("id"), reply.get("reply_to_message_id"));
        assertEquals("x".repeat(200), reply.get("reply_to_text"));
    }

    @Test
    void blockingAndUnblockingTheBotIsRecordedOnTheCustomer() {
        long user = TestUpdates.nextId();
        accept(TestUpdates.privateText(TestUpdates.nextId(), user, "Blocker", "hello"));
        assertEquals(UpdateOutcome.APPLIED, accept(membership(user, "kicked")));
        assertNotNull(TestDatabase.query("select bot_blocked_at from customer where telegram_user_id = ?", user).get(0)
                .get("bot_blocked_at"));
        UUID conversation = (UUID) TestDatabase.query("""
                select c.id from conversation c join customer u on u.id = c.customer_id where u.telegram_user_id = ?""",
                user).get(0).get("id");
        given().auth().oauth2(TOKEN).when().get("/api/conversations/" + conversation)
                .then().statusCode(200).body("customer.botBlockedAt", startsWith("20"));
        assertEquals(UpdateOutcome.SKIPPED, accept(membership(user, "kicked")), "already blocked");
        assertEquals(UpdateOutcome.APPLIED, accept(membership(user, "member")));
        assertNull(TestDatabase.query("select bot_blocked_at from customer where telegram_user_id = ?", user).get(0)
                .get("bot_blocked_at"));
        assertTrue(TestDatabase.scalar("select count(*) from outbox where message_key = ? and payload like '%customer.updated%'",
                conversation.toString()) >= 2);
    }

    private static Map<String, Object> message(long chat, long telegramMessageId) {
        return TestDatabase.query("""
                select id, conversation_id, reply_to_message_id, reply_to_text, cast(reactions as text) as reactions
                  from message where telegram_chat_id = ? and telegram_message_id = ?""", chat, telegramMessageId).get(0);
    }

    private static String reaction(long updateId, long user, long messageId, String newReaction) {
        return """
                {"update_id":%d,"message_reaction":{"chat":{"id":%d,"type":"private"},"message_id":%d,
                 "user":{"id":%d,"is_bot":false,"first_name":"R"},"date":1721306082,"old_reaction":[],
                 "new_reaction":%s}}""".formatted(updateId, user, messageId, user, newReaction);
    }

    private static String membership(long user, String status) {
        return """
                {"update_id":%d,"my_chat_member":{"chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,
                 "first_name":"B"},"date":1656768003,"old_chat_member":{"user":{"id":1,"is_bot":true,"first_name":"Bot"},
                 "status":"member"},"new_chat_member":{"user":{"id":1,"is_bot":true,"first_name":"Bot"},
                 "status":"%s","until_date":0}}}""".formatted(TestUpdates.nextId(), user, user, status);
    }

    private UpdateOutcome accept(String update) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> intake.accept(TestUpdates.BOT_ID, reader.read(update)));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }
}
