package io.switchboard.conversation.widget;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.switchboard.conversation.CustomerTokens;
import io.switchboard.conversation.FakeTelegramIngest;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.TestUpdates;
import io.switchboard.conversation.domain.UpdateOutcome;
import io.switchboard.conversation.messaging.TelegramUpdateReader;
import io.switchboard.conversation.service.CustomerMessageIntake;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Continue in Telegram": the widget's deep link, then the customer's /start with its payload. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeTelegramIngest.class, restrictToAnnotatedClass = false)
class WidgetTelegramLinkTest {

    @Inject
    TelegramUpdateReader reader;

    @Inject
    CustomerMessageIntake intake;

    @Test
    void aWidgetConversationContinuesInTelegramThroughAOneTimeDeepLink() {
        WidgetFixtures.Visitor visitor = WidgetFixtures.open("Kate", "en");
        String url = given().auth().oauth2(visitor.token()).when()
                .post("/api/widget/conversations/" + visitor.conversationId() + "/telegram-link")
                .then().statusCode(201).extract().path("url");
        assertTrue(url.matches("https://t\\.me/switchboard_test_bot\\?start=w[A-Za-z0-9]{40}"), url);
        String payload = url.substring(url.indexOf("start=") + 6);
        Map<String, Object> link = TestDatabase.query("select expires_at, used_at from telegram_start_link where payload = ?",
                payload).get(0);
        assertNotNull(link.get("expires_at"));

        long user = TestUpdates.nextId();
        assertEquals(UpdateOutcome.APPLIED, accept(start(TestUpdates.nextId(), user, payload)));
        Map<String, Object> conversation = TestDatabase.query(
                "select channel, telegram_chat_id from conversation where id = ?", visitor.conversationId()).get(0);
        assertEquals("TELEGRAM", conversation.get("channel"));
        assertEquals(user, ((Number) conversation.get("telegram_chat_id")).longValue());
        assertEquals(user, ((Number) TestDatabase.query("select telegram_user_id from customer where id = ?",
                visitor.customerId()).get(0).get("telegram_user_id")).longValue());
        assertEquals("deep link: conversation continued in Telegram", TestDatabase.query(
                "select reason from processed_update where reason like 'deep link%' order by received_at desc limit 1")
                .get(0).get("reason"));
        assertEquals(0, TestDatabase.scalar("select count(*) from message where conversation_id = ? and text like '/start%'",
                visitor.conversationId()), "the /start is not a message");

        // the customer's next Telegram message lands in the same conversation
        assertEquals(UpdateOutcome.STORED, accept(TestUpdates.privateText(TestUpdates.nextId(), user, "Kate", "hi from Telegram")));
        assertEquals(1, TestDatabase.scalar("select count(*) from message where conversation_id = ? and text = 'hi from Telegram'",
                visitor.conversationId()));

        // single use: the same payload again is an ordinary message of that customer
        assertEquals(UpdateOutcome.STORED, accept(start(TestUpdates.nextId(), user, payload)));

        // consoles learn the new channel; the widget gets no new link for a conversation that moved
        assertEquals(1, TestDatabase.scalar("""
                select count(*) from outbox where topic = 'conversation.events' and payload like '%"customer.updated"%'
                   and payload like '%"channel":"TELEGRAM"%' and payload like ?""", "%" + visitor.conversationId() + "%"));
        given().auth().oauth2(visitor.token()).when()
                .post("/api/widget/conversations/" + visitor.conversationId() + "/telegram-link")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aStrangersLinkCannotPullAnExistingCustomersChatIntoTheirWidget() {
        long victim = TestUpdates.nextId();
        assertEquals(UpdateOutcome.STORED, accept(TestUpdates.privateText(TestUpdates.nextId(), victim, "Vic", "hello")));
        UUID victimsConversation = (UUID) TestDatabase.query(
                "select id from conversation where telegram_chat_id = ?", victim).get(0).get("id");

        WidgetFixtures.Visitor stranger = WidgetFixtures.open("Mallory", "en");
        String url = given().auth().oauth2(stranger.token()).when()
                .post("/api/widget/conversations/" + stranger.conversationId() + "/telegram-link")
                .then().statusCode(201).extract().path("url");
        String payload = url.substring(url.indexOf("start=") + 6);

        long updateId = TestUpdates.nextId();
        assertEquals(UpdateOutcome.STORED, accept(start(updateId, victim, payload)));
        assertEquals("deep link refused: this Telegram user already has a conversation with us", TestDatabase.query(
                "select reason from processed_update where update_id = ?", updateId).get(0).get("reason"));
        Map<String, Object> strangers = TestDatabase.query(
                "select channel, telegram_chat_id from conversation where id = ?", stranger.conversationId()).get(0);
        assertEquals("WIDGET", strangers.get("channel"));
        assertEquals(null, strangers.get("telegram_chat_id"));
        assertEquals(1, TestDatabase.scalar("select count(*) from message where conversation_id = ? and text like '/start%'",
                victimsConversation), "the /start is the victim's ordinary message in their own conversation");
        assertEquals(0, TestDatabase.scalar("select count(*) from message where conversation_id = ? and text like '/start%'",
                stranger.conversationId()));
    }

    @Test
    void noBotOrAnotherConversationsTokenIsRefused() {
        WidgetFixtures.Visitor visitor = WidgetFixtures.open(null, null);
        String other = CustomerTokens.customer(UUID.randomUUID(), UUID.randomUUID());
        given().auth().oauth2(other).when().post("/api/widget/conversations/" + visitor.conversationId() + "/telegram-link")
                .then().statusCode(403);
        String bot = FakeTelegramIngest.botUsername;
        FakeTelegramIngest.botUsername = null;
        try {
            given().auth().oauth2(visitor.token()).when()
                    .post("/api/widget/conversations/" + visitor.conversationId() + "/telegram-link")
                    .then().statusCode(409).contentType("application/problem+json");
        } finally {
            FakeTelegramIngest.botUsername = bot;
        }
        given().auth().oauth2(TestJwt.operator(UUID.randomUUID(), "olga")).when()
                .post("/api/widget/conversations/" + visitor.conversationId() + "/telegram-link")
                .then().statusCode(403);
    }

    @Test
    void aBlockInTheChatIsRecordedOnEveryCustomerTiedToIt() {
        // as a link made before the refusals could leave it: the Telegram user has their own customer and
        // conversation, and a widget conversation (another customer, no Telegram ids) continues in the same chat
        long user = TestUpdates.nextId();
        assertEquals(UpdateOutcome.STORED, accept(TestUpdates.privateText(TestUpdates.nextId(), user, "Lev", "hi")));
        WidgetFixtures.Visitor visitor = WidgetFixtures.open("Lev", "en");
        TestDatabase.update("update conversation set channel = 'TELEGRAM', telegram_chat_id = ? where id = ?", user,
                visitor.conversationId());

        assertEquals(UpdateOutcome.APPLIED, accept(membership(user, "kicked")));
        assertNotNull(TestDatabase.query("select bot_blocked_at from customer where id = ?", visitor.customerId())
                .get(0).get("bot_blocked_at"), "the widget conversation's own customer is blocked too");
        assertEquals(1, TestDatabase.scalar("select count(*) from customer where telegram_user_id = ? and bot_blocked_at is not null",
                user));
        given().auth().oauth2(TestJwt.operator(UUID.randomUUID(), "olga")).contentType("application/json")
                .body(Map.of("text", "are you there?"))
                .when().post("/api/conversations/" + visitor.conversationId() + "/messages")
                .then().statusCode(409).contentType("application/problem+json");

        assertEquals(UpdateOutcome.APPLIED, accept(membership(user, "member")));
        assertEquals(null, TestDatabase.query("select bot_blocked_at from customer where id = ?", visitor.customerId())
                .get(0).get("bot_blocked_at"));
        assertEquals(0, TestDatabase.scalar("select count(*) from customer where telegram_user_id = ? and bot_blocked_at is not null",
                user));
    }

    private static String membership(long user, String status) {
        return """
                {"update_id":%d,"my_chat_member":{"chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,
                 "first_name":"B"},"date":1656768003,"old_chat_member":{"user":{"id":1,"is_bot":true,"first_name":"Bot"},
                 "status":"member"},"new_chat_member":{"user":{"id":1,"is_bot":true,"first_name":"Bot"},
                 "status":"%s","until_date":0}}}""".formatted(TestUpdates.nextId(), user, user, status);
    }

    private static String start(long updateId, long user, String payload) {
        return """
                {"update_id":%d,"message":{"message_id":%d,"from":{"id":%d,"is_bot":false,"first_name":"Kate"},
                 "chat":{"id":%d,"type":"private","first_name":"Kate"},"date":1700000000,"text":"/start %s",
                 "entities":[{"offset":0,"length":6,"type":"bot_command"}]}}"""
                .formatted(updateId, TestUpdates.nextId() % 1_000_000, user, user, payload);
    }

    private UpdateOutcome accept(String update) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> intake.accept(TestUpdates.BOT_ID, reader.read(update)));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }
}
