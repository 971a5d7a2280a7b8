package io.switchboard.conversation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.conversation.Polling;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.TestUpdates;
import io.switchboard.conversation.messaging.TelegramUpdateReader;
import io.switchboard.conversation.service.CustomerMessageIntake;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static io.switchboard.conversation.rest.RecordsFixtures.conversation;
import static io.switchboard.conversation.rest.RecordsFixtures.customer;
import static io.switchboard.conversation.rest.RecordsFixtures.deletedEvents;
import static io.switchboard.conversation.rest.RecordsFixtures.extras;
import static io.switchboard.conversation.rest.RecordsFixtures.message;
import static io.switchboard.conversation.rest.RecordsFixtures.rowsOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The customer profile and erasure over a real database, with real signed tokens. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class CustomerResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final UUID OPERATOR = UUID.randomUUID();
    private static final String OPERATOR_TOKEN = TestJwt.operator(OPERATOR, "olga");
    private static final UUID ADMIN = UUID.randomUUID();
    private static final String ADMIN_TOKEN = TestJwt.admin(ADMIN, "root");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The outbox relay's advisory lock key (OutboxRepository): whoever holds it publishes. */
    private static final long RELAY_LOCK = 0x5357_424f_5554_4258L;

    @Inject
    CustomerMessageIntake intake;

    @Inject
    TelegramUpdateReader reader;

    @Test
    void profileShowsTheCustomerAndTheirConversationsNewestFirst() {
        Instant t0 = Instant.parse("2024-04-01T08:00:00Z");
        UUID customer = customer("Dana Díaz", "dana_d", "Dee", "pt-BR", t0);
        UUID older = conversation(customer, "CLOSED", "Calm Crane #0001", t0.plusSeconds(60), t0.plusSeconds(3600), null);
        UUID newer = conversation(customer, "OPEN_ASSIGNED", "Bold Bear #0002", t0.plusSeconds(7200), null, OPERATOR);

        JsonPath profile = given().auth().oauth2(OPERATOR_TOKEN).when().get("/api/customers/" + customer)
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
        assertEquals(customer.toString(), profile.getString("id"));
        assertEquals("Dana Díaz", profile.getString("displayName"));
        assertEquals("dana_d", profile.getString("username"));
        assertEquals("Dee", profile.getString("nickname"));
        assertEquals("pt-BR", profile.getString("languageCode"));
        assertEquals("2024-04-01T08:00:00Z", profile.getString("createdAt"));
        assertEquals(List.of(newer.toString(), older.toString()), profile.getList("conversations.id"));
        assertEquals(List.of("Bold Bear #0002", "Calm Crane #0001"), profile.getList("conversations.codename"));
        assertEquals(List.of("OPEN_ASSIGNED", "CLOSED"), profile.getList("conversations.status"));
        assertEquals("2024-04-01T08:01:00Z", profile.getString("conversations[1].createdAt"));
        assertEquals("2024-04-01T09:00:00Z", profile.getString("conversations[1].closedAt"));
        assertNull(profile.get("conversations[0].closedAt"));

        UUID missing = UUID.randomUUID();
        given().auth().oauth2(OPERATOR_TOKEN).when().get("/api/customers/" + missing)
                .then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404))
                .body("instance", equalTo("/api/customers/" + missing));
        given().when().get("/api/customers/" + customer).then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void erasureDeletesEverythingAboutTheCustomerAndNothingAboutOthers() throws Exception {
        String name = "Quillon" + letters(6);
        String word = "zephyrine" + letters(6);
        long userId = TestUpdates.nextId();
        long firstUpdate = TestUpdates.nextId();
        long secondUpdate = TestUpdates.nextId();
        write(firstUpdate, userId, name, "my order " + word + " is late");
        write(secondUpdate, userId, name, "any news?");
        UUID customer = (UUID) TestDatabase.query("select id from customer where telegram_user_id = ?", userId).get(0).get("id");
        UUID live = (UUID) TestDatabase.query("select id from conversation where customer_id = ?", customer).get(0).get("id");
        UUID earlier = conversation(customer, "CLOSED", Instant.parse("2023-01-01T00:00:00Z"),
                Instant.parse("2023-01-02T00:00:00Z"), OPERATOR);
        message(earlier, "INBOUND", "RECEIVED", "an old question", Instant.parse("2023-01-01T00:00:00Z"), null, null, null);
        message(earlier, "INBOUND", "BLOCKED", "blocked words", Instant.parse("2023-01-01T00:00:01Z"), null, null, null);
        extras(earlier, OPERATOR);
        extras(live, OPERATOR);

        UUID other = customer("Other " + name.substring(7), "other", null, "en", Instant.parse("2023-01-01T00:00:00Z"));
        UUID othersConversation = conversation(other, "OPEN_ASSIGNED", Instant.parse("2023-03-01T00:00:00Z"), null, OPERATOR);
        message(othersConversation, "INBOUND", "RECEIVED", "other " + word, Instant.parse("2023-03-01T00:00:00Z"), null, null, null);
        extras(othersConversation, OPERATOR);
        long othersRows = rowsOf(othersConversation);

        // before: search finds the customer by name and their message by a word
        JsonPath found = given().auth().oauth2(OPERATOR_TOKEN).queryParam("q", name).when().get("/api/search")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(customer.toString()), found.getList("customers.id"));
        assertTrue(given().auth().oauth2(OPERATOR_TOKEN).queryParam("q", word).when().get("/api/search")
                .then().statusCode(200).extract().jsonPath().getList("messages.conversationId").contains(live.toString()));
        long auditBefore = auditCount(live) + auditCount(earlier);
        assertTrue(auditBefore >= 2);

        // operators may not erase
        given().auth().oauth2(OPERATOR_TOKEN).when().delete("/api/customers/" + customer)
                .then().statusCode(403).contentType(PROBLEM);
        assertEquals(1, TestDatabase.scalar("select count(*) from customer where id = ?", customer));

        given().auth().oauth2(ADMIN_TOKEN).when().delete("/api/customers/" + customer).then().statusCode(204);

        assertEquals(0, TestDatabase.scalar("select count(*) from customer where id = ?", customer));
        assertEquals(0, TestDatabase.scalar("select count(*) from customer where telegram_user_id = ?", userId));
        assertEquals(0, TestDatabase.scalar("select count(*) from conversation where customer_id = ?", customer));
        for (UUID c : List.of(live, earlier)) {
            assertEquals(0, rowsOf(c), "rows left of " + c);
            assertEquals("erasure", JSON.readTree(deletedEvents(c).get(0)).get("reason").asText());
            assertEquals(1, deletedEvents(c).size());
        }
        // audit entries keep who/what/when, never the states
        assertEquals(auditBefore + 2, auditCount(live) + auditCount(earlier));
        assertEquals(0, TestDatabase.scalar("""
                select count(*) from audit_entry where conversation_id in (?, ?)
                  and (before_state is not null or after_state is not null)""", live, earlier));
        assertEquals(2, TestDatabase.scalar("""
                select count(*) from audit_entry where conversation_id in (?, ?) and action = 'conversation.deleted'
                  and actor_id = ?""", live, earlier, ADMIN));
        List<Map<String, Object>> erased = TestDatabase.query("""
                select conversation_id, actor_id, before_state::text as before, after_state::text as after
                from audit_entry where action = 'customer.erased' and after_state ->> 'customerId' = ?""", customer.toString());
        assertEquals(1, erased.size());
        assertNull(erased.get(0).get("conversation_id"));
        assertNull(erased.get(0).get("before"));
        assertEquals(ADMIN, erased.get(0).get("actor_id"));
        assertEquals(JSON.readTree("{\"customerId\":\"" + customer + "\",\"conversations\":2}"),
                JSON.readTree((String) erased.get(0).get("after")));
        // processed updates keep only what identifies the update: no name, no text, no chat
        for (long update : List.of(firstUpdate, secondUpdate)) {
            List<Map<String, Object>> row = TestDatabase.query("select * from processed_update where update_id = ?", update);
            assertEquals(1, row.size());
            assertNull(row.get(0).get("reason"));
            assertFalse(row.get(0).toString().contains(name));
        }

        // after: search finds nothing of them, the profile is gone, the other customer is intact
        JsonPath byName = given().auth().oauth2(OPERATOR_TOKEN).queryParam("q", name).when().get("/api/search")
                .then().statusCode(200).extract().jsonPath();
        assertFalse(byName.getList("customers.id").contains(customer.toString()));
        JsonPath byWord = given().auth().oauth2(OPERATOR_TOKEN).queryParam("q", word).when().get("/api/search")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(othersConversation.toString()), byWord.getList("messages.conversationId"));
        given().auth().oauth2(OPERATOR_TOKEN).when().get("/api/customers/" + customer).then().statusCode(404);
        given().auth().oauth2(ADMIN_TOKEN).when().delete("/api/customers/" + customer)
                .then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));

        assertEquals(othersRows, rowsOf(othersConversation));
        assertEquals(1, TestDatabase.scalar("select count(*) from customer where id = ?", other));
        assertEquals(1, TestDatabase.scalar("""
                select count(*) from audit_entry where conversation_id = ? and before_state is not null""", othersConversation));
        assertEquals(List.of(), deletedEvents(othersConversation));
    }

    @Test
    void erasureOfAnUnknownCustomerIs404AndOfACustomerWithoutConversations204() {
        given().auth().oauth2(ADMIN_TOKEN).when().delete("/api/customers/" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(ADMIN_TOKEN).when().delete("/api/customers/not-a-uuid")
                .then().statusCode(404).contentType(PROBLEM);
        UUID lonely = customer("Lonely", null, null, null, Instant.parse("2024-01-01T00:00:00Z"));
        given().auth().oauth2(ADMIN_TOKEN).when().delete("/api/customers/" + lonely).then().statusCode(204);
        assertEquals(0, TestDatabase.scalar("select count(*) from customer where id = ?", lonely));
        assertEquals(1, TestDatabase.scalar("""
                select count(*) from audit_entry where action = 'customer.erased' and after_state ->> 'customerId' = ?
                  and (after_state ->> 'conversations')::int = 0""", lonely.toString()));
    }

    @Test
    void erasureDeletesTheCustomersOutboxRowsPublishedOrNotAndLeavesEveryoneElsesAlone() throws Exception {
        String name = "Outboxa" + letters(6);
        long userId = TestUpdates.nextId();
        long otherUserId = TestUpdates.nextId();
        write(TestUpdates.nextId(), userId, name, "hello, I am " + name);
        write(TestUpdates.nextId(), otherUserId, "Bystander", "hello too");
        UUID customer = (UUID) TestDatabase.query("select id from customer where telegram_user_id = ?", userId).get(0).get("id");
        UUID conversation = (UUID) TestDatabase.query("select id from conversation where customer_id = ?", customer).get(0).get("id");
        UUID othersConversation = (UUID) TestDatabase.query("""
                select c.id from conversation c join customer u on u.id = c.customer_id where u.telegram_user_id = ?""",
                otherUserId).get(0).get("id");
        // the relay publishes what the two first messages queued (events, the welcome's send_message)
        Polling.until("the first rows published", Duration.ofSeconds(20),
                () -> TestDatabase.scalar("select count(*) from outbox where published_at is null and message_key in (?, ?, ?, ?)",
                        conversation.toString(), othersConversation.toString(), Long.toString(userId), Long.toString(otherUserId)),
                n -> n == 0);

        try (Connection relay = TestDatabase.open()) {
            relay.setAutoCommit(false);
            // hold the relay's advisory lock: its passes skip, so what is queued from now on stays unpublished
            try (PreparedStatement lock = relay.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, RELAY_LOCK);
                lock.execute();
            }
            for (UUID c : List.of(conversation, othersConversation)) {
                given().auth().oauth2(OPERATOR_TOKEN).contentType(ContentType.JSON).body(Map.of("text", "reply for " + c))
                        .when().post("/api/conversations/" + c + "/messages").then().statusCode(201);
            }
            assertTrue(outboxRows(conversation, userId, "published_at is not null") > 0, "published rows of the customer");
            assertTrue(outboxRows(conversation, userId, "published_at is null") > 0, "unpublished rows of the customer");
            assertEquals(1, TestDatabase.scalar("""
                    select count(*) from outbox where topic = 'telegram.commands' and message_key = ? and published_at is null
                      and payload like ?""", Long.toString(userId), "%reply for " + conversation + "%"), "an unpublished command");
            List<Map<String, Object>> othersRows = othersOutbox(othersConversation, otherUserId);
            assertTrue(othersRows.stream().anyMatch(r -> r.get("published_at") == null));

            given().auth().oauth2(ADMIN_TOKEN).when().delete("/api/customers/" + customer).then().statusCode(204);

            assertEquals(0, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and message_key = ?",
                    Long.toString(userId)), "no command to their chat, published or not");
            assertEquals(List.of("conversation.deleted"), TestDatabase.query("""
                            select payload from outbox where topic = 'conversation.events' and message_key = ? order by id""",
                            conversation.toString()).stream()
                    .map(r -> JsonPath.from((String) r.get("payload")).getString("type")).toList(),
                    "only the announcement that it is gone, which carries ids only");
            assertEquals(0, TestDatabase.scalar("select count(*) from outbox where payload like ?", "%" + name + "%"));
            assertEquals(othersRows, othersOutbox(othersConversation, otherUserId), "the other customer's rows, untouched");
            relay.rollback();
        }
        Polling.until("the deletion announced", Duration.ofSeconds(20),
                () -> TestDatabase.scalar("select count(*) from outbox where message_key = ? and published_at is null",
                        conversation.toString()), n -> n == 0);
    }

    /** Outbox rows of the conversation's events and the chat's commands that match {@code where}. */
    private static long outboxRows(UUID conversation, long chatId, String where) {
        return TestDatabase.scalar("select count(*) from outbox where ((topic = 'conversation.events' and message_key = ?)"
                + " or (topic = 'telegram.commands' and message_key = ?)) and " + where, conversation.toString(), Long.toString(chatId));
    }

    private static List<Map<String, Object>> othersOutbox(UUID conversation, long chatId) {
        return TestDatabase.query("select id, topic, published_at from outbox where message_key in (?, ?) order by id",
                conversation.toString(), Long.toString(chatId));
    }

    private long auditCount(UUID conversationId) {
        return TestDatabase.scalar("select count(*) from audit_entry where conversation_id = ?", conversationId);
    }

    private void write(long updateId, long userId, String name, String text) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> intake.accept(TestUpdates.BOT_ID, reader.read(TestUpdates.privateText(updateId, userId, name, text))));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private static String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }
}
