package io.switchboard.conversation.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.switchboard.conversation.KafkaTestClient;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.TestUpdates;
import io.switchboard.conversation.messaging.TelegramUpdateReader;
import io.switchboard.conversation.service.CustomerMessageIntake;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Private notes: stored, listed and announced to operators, and never sent to the customer. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class NoteResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final UUID OLGA = UUID.randomUUID();
    private static final String OLGA_TOKEN = TestJwt.operator(OLGA, "olga");

    @Inject
    CustomerMessageIntake intake;

    @Inject
    TelegramUpdateReader reader;

    @Test
    void aNoteIsStoredListedAuditedAndAnnouncedToOperators() {
        UUID conversation = ToolsFixtures.conversation(ToolsFixtures.customer("Xia", null, null), "OPEN_UNCLAIMED", null, Instant.now());
        String text = "Customer is a reseller — дилер, تماس گرفت\nsecond line <b>raw</b>";
        Response added = add(conversation, text);
        added.then().statusCode(201).contentType(ContentType.JSON)
                .body("conversationId", equalTo(conversation.toString())).body("operatorId", equalTo(OLGA.toString()))
                .body("operatorName", equalTo("olga")).body("text", equalTo(text)).body("id", notNullValue());
        String id = added.path("id");
        assertTrue(added.header("Location").endsWith("/api/conversations/" + conversation + "/notes/" + id));

        JsonPath list = given().auth().oauth2(OLGA_TOKEN).when().get("/api/conversations/" + conversation + "/notes")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(id), list.getList("items.id"));
        assertEquals(text, list.getString("items[0].text"));
        assertNotNull(Instant.parse(list.getString("items[0].createdAt")));
        assertNull(list.getString("nextCursor"));

        Map<String, Object> audit = TestDatabase.query("""
                select actor_id, after_state ->> 'noteId' as note_id from audit_entry
                where conversation_id = ? and action = 'note.added'""", conversation).get(0);
        assertEquals(OLGA, audit.get("actor_id"));
        assertEquals(id, audit.get("note_id"));

        List<Map<String, Object>> events = TestDatabase.query(
                "select payload from outbox where topic = 'conversation.events' and payload like ?", "%\"note.added\"%" + id + "%");
        assertEquals(1, events.size());
        JsonPath event = JsonPath.from((String) events.get(0).get("payload"));
        assertEquals(conversation.toString(), event.getString("conversationId"));
        assertEquals(text, event.getString("note.text"));
        assertEquals("olga", event.getString("note.operatorName"));
        assertEquals(OLGA.toString(), event.getString("note.operatorId"));
    }

    @Test
    void notesNeverReachTheCustomer() {
        long userId = TestUpdates.nextId();
        write(userId, "Yan", "my parcel is late");
        UUID conversation = (UUID) TestDatabase.query("""
                select c.id from conversation c join customer u on u.id = c.customer_id where u.telegram_user_id = ?""", userId)
                .get(0).get("id");
        String chat = Long.toString(userId);
        List<Object> messagesBefore = messages(conversation);
        long commandsBefore = TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and message_key = ?", chat);
        String secret = "internal-" + UUID.randomUUID();

        String noteId = add(conversation, "Do not tell the customer: " + secret).then().statusCode(201).extract().path("id");

        // no channel command at all for this chat, and no record anywhere in the outbox except the operators' event
        assertEquals(commandsBefore, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and message_key = ?", chat));
        assertEquals(0, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?", "%" + secret + "%"));
        assertEquals(List.of("conversation.events"), TestDatabase.query("select topic from outbox where payload like ?", "%" + secret + "%")
                .stream().map(r -> r.get("topic")).toList());
        // not a message: the conversation's messages and last message are unchanged
        assertEquals(messagesBefore, messages(conversation));
        assertEquals(0, TestDatabase.scalar("select count(*) from message where text like ?", "%" + secret + "%"));
        given().auth().oauth2(OLGA_TOKEN).when().get("/api/conversations/" + conversation).then().statusCode(200)
                .body("lastMessage.text", equalTo("my parcel is late"));
        // the operators' event is published (keyed by the conversation)
        var published = KafkaTestClient.readUntil("conversation.events", r -> r.value().contains(noteId), seen -> !seen.isEmpty(),
                Duration.ofSeconds(30));
        assertEquals(conversation.toString(), published.get(0).key());
        assertTrue(published.get(0).value().contains("\"type\":\"note.added\""));
    }

    @Test
    void notesArePagedOldestFirst() {
        UUID conversation = ToolsFixtures.conversation(ToolsFixtures.customer("Zoe", null, null), "BLOCKED", null, Instant.now());
        for (String text : List.of("one", "two", "three")) {
            add(conversation, text).then().statusCode(201);
        }
        List<Map<String, Object>> all = ToolsFixtures.allPages(OLGA_TOKEN, "/api/conversations/" + conversation + "/notes", 2);
        assertEquals(List.of("one", "two", "three"), all.stream().map(n -> n.get("text")).toList());
    }

    @Test
    void invalidNotesAre422AndUnknownConversations404() {
        UUID conversation = ToolsFixtures.conversation(ToolsFixtures.customer("Abe", null, null), "CLOSED", null, Instant.now());
        for (Object body : List.of(Map.of("text", "  \n"), Map.of(), Map.of("text", "x".repeat(4001)))) {
            given().auth().oauth2(OLGA_TOKEN).contentType(ContentType.JSON).body(body)
                    .when().post("/api/conversations/" + conversation + "/notes")
                    .then().statusCode(422).contentType(PROBLEM).body("status", equalTo(422));
        }
        add(conversation, "ж".repeat(4000)).then().statusCode(201);
        add(conversation, "😀".repeat(4000)).then().statusCode(201);
        UUID missing = UUID.randomUUID();
        add(missing, "hello").then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(OLGA_TOKEN).when().get("/api/conversations/" + missing + "/notes").then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(OLGA_TOKEN).when().get("/api/conversations/" + conversation + "/notes?cursor=nope!")
                .then().statusCode(400).contentType(PROBLEM);
        given().when().get("/api/conversations/" + conversation + "/notes").then().statusCode(401).contentType(PROBLEM);
    }

    private static Response add(UUID conversation, String text) {
        return given().auth().oauth2(OLGA_TOKEN).contentType(ContentType.JSON).body(Map.of("text", text))
                .when().post("/api/conversations/" + conversation + "/notes");
    }

    private static List<Object> messages(UUID conversation) {
        return given().auth().oauth2(OLGA_TOKEN).when().get("/api/conversations/" + conversation + "/messages?limit=200")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    private void write(long userId, String name, String text) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> intake.accept(TestUpdates.BOT_ID, reader.read(TestUpdates.privateText(TestUpdates.nextId(), userId, name, text))));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }
}
