package io.switchboard.conversation.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator REST API over a real database, with real signed tokens. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class ConversationResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final UUID OPERATOR = UUID.randomUUID();
    private static final String TOKEN = TestJwt.operator(OPERATOR, "olga");

    @Inject
    CustomerMessageIntake intake;

    @Inject
    TelegramUpdateReader reader;

    @Test
    void requestsWithoutAValidTokenAre401ProblemsAndOtherRolesAre403() {
        given().when().get("/api/conversations")
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401)).body("title", equalTo("Unauthorized"))
                .body("instance", equalTo("/api/conversations"));
        given().auth().oauth2("not-a-jwt").when().get("/api/conversations")
                .then().statusCode(401).contentType(PROBLEM);
        String expired = TestJwt.token(OPERATOR, "olga", Set.of("operator"), Duration.ofMinutes(-5));
        given().auth().oauth2(expired).when().get("/api/conversations")
                .then().statusCode(401).contentType(PROBLEM);
        String viewer = TestJwt.token(OPERATOR, "olga", Set.of("viewer"), Duration.ofMinutes(5));
        given().auth().oauth2(viewer).when().get("/api/conversations")
                .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
        given().auth().oauth2(TestJwt.admin(UUID.randomUUID(), "root")).when().get("/api/conversations")
                .then().statusCode(200);
    }

    @Test
    void listShowsCustomerLastMessageAndUnreadCountNewestFirst() {
        UUID first = customerWrites("Ada", "hello from Ada");
        UUID second = customerWrites("Bo", "hello from Bo");
        UUID third = customerWrites("Cy", "hello from Cy");

        List<Map<String, Object>> items = allPages("/api/conversations", 2);
        List<String> ids = items.stream().map(i -> (String) i.get("id")).toList();
        assertEquals(new HashSet<>(ids).size(), ids.size(), "no item twice across pages");
        assertTrue(ids.indexOf(third.toString()) < ids.indexOf(second.toString()));
        assertTrue(ids.indexOf(second.toString()) < ids.indexOf(first.toString()));
        for (int i = 1; i < items.size(); i++) {
            Instant before = Instant.parse((String) items.get(i - 1).get("updatedAt"));
            Instant after = Instant.parse((String) items.get(i).get("updatedAt"));
            assertFalse(after.isAfter(before), "ordered by updatedAt desc");
        }

        JsonPath one = given().auth().oauth2(TOKEN).when().get("/api/conversations/" + second)
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
        assertEquals(second.toString(), one.getString("id"));
        assertEquals("OPEN_UNCLAIMED", one.getString("status"));
        assertTrue(one.getString("codename").matches("[A-Z][a-z]+ [A-Z][a-z]+ #[0-9A-F]{4}"));
        assertEquals("Bo", one.getString("customer.displayName"));
        assertNotNull(one.getString("customer.id"));
        assertTrue(one.getString("customer.username").startsWith("bo"));
        assertEquals("hello from Bo", one.getString("lastMessage.text"));
        assertEquals("INBOUND", one.getString("lastMessage.direction"));
        assertNotNull(Instant.parse(one.getString("lastMessage.createdAt")));
        assertEquals(1, one.getInt("unreadCount"));
        assertNotNull(Instant.parse(one.getString("createdAt")));
        assertNotNull(Instant.parse(one.getString("updatedAt")));
    }

    @Test
    void statusFilterTakesOneOrSeveralStatusesAndRejectsUnknownOnes() {
        UUID open = customerWrites("Dee", "still open");
        UUID closed = customerWrites("Eve", "will be closed");
        TestDatabase.update("update conversation set status = 'CLOSED' where id = ?", closed);

        List<String> closedIds = ids(allPages("/api/conversations?status=CLOSED", 200));
        assertTrue(closedIds.contains(closed.toString()));
        assertFalse(closedIds.contains(open.toString()));
        List<String> both = ids(allPages("/api/conversations?status=OPEN_UNCLAIMED,CLOSED", 200));
        assertTrue(both.contains(closed.toString()) && both.contains(open.toString()));

        given().auth().oauth2(TOKEN).when().get("/api/conversations?status=OPEN_UNCLAIMED,NOPE")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("NOPE"));
        given().auth().oauth2(TOKEN).when().get("/api/conversations?cursor=garbage!")
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(TOKEN).when().get("/api/conversations?limit=0")
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(TOKEN).when().get("/api/conversations?limit=500")
                .then().statusCode(200);
    }

    @Test
    void unknownConversationsAre404Problems() {
        UUID missing = UUID.randomUUID();
        given().auth().oauth2(TOKEN).when().get("/api/conversations/" + missing)
                .then().statusCode(404).contentType(PROBLEM)
                .body("status", equalTo(404)).body("type", notNullValue()).body("title", equalTo("Not Found"))
                .body("instance", equalTo("/api/conversations/" + missing)).body("$", not(hasKey("stackTrace")));
        given().auth().oauth2(TOKEN).when().get("/api/conversations/" + missing + "/messages")
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "hi"))
                .when().post("/api/conversations/" + missing + "/messages")
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(TOKEN).when().post("/api/conversations/" + missing + "/read")
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(TOKEN).when().get("/api/conversations/not-a-uuid")
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(TOKEN).when().get("/api/nowhere")
                .then().statusCode(404).contentType(PROBLEM).body("instance", equalTo("/api/nowhere"));
        given().auth().oauth2(TOKEN).when().delete("/api/conversations/" + missing)
                .then().statusCode(405).contentType(PROBLEM).body("status", equalTo(405));
    }

    @Test
    void messagesArePagedOldestFirst() {
        long userId = TestUpdates.nextId();
        UUID conversation = write(userId, "Flo", "one");
        write(userId, "Flo", "two");
        write(userId, "Flo", "three");

        // the transcript also holds system bubbles (welcome_message, waiting_for_agent: systemKey set) after "one"
        List<Map<String, Object>> all = allPages("/api/conversations/" + conversation + "/messages", 2);
        List<Map<String, Object>> customer = all.stream().filter(m -> m.get("systemKey") == null).toList();
        assertEquals(List.of("one", "two", "three"), customer.stream().map(m -> m.get("text")).toList());
        assertEquals(List.of("INBOUND", "INBOUND", "INBOUND"), customer.stream().map(m -> m.get("direction")).toList());
        assertEquals(List.of("RECEIVED", "RECEIVED", "RECEIVED"), customer.stream().map(m -> m.get("status")).toList());
        assertEquals("one", all.get(0).get("text"), "oldest first: the customer's first message opened it");
        assertNotNull(customer.get(0).get("id"));
        assertNotNull(Instant.parse((String) customer.get(0).get("createdAt")));
        assertFalse(customer.get(0).containsKey("failureReason"));
        for (int i = 1; i < all.size(); i++) {
            assertFalse(Instant.parse((String) all.get(i).get("createdAt")).isBefore(Instant.parse((String) all.get(i - 1).get("createdAt"))));
        }

        JsonPath page1 = given().auth().oauth2(TOKEN).when().get("/api/conversations/" + conversation + "/messages?limit=2")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, page1.getList("items").size());
        assertNotNull(page1.getString("nextCursor"));
        JsonPath last = given().auth().oauth2(TOKEN).queryParam("limit", all.size())
                .when().get("/api/conversations/" + conversation + "/messages")
                .then().statusCode(200).extract().jsonPath();
        assertNull(last.getString("nextCursor"));
    }

    @Test
    void markingReadResetsTheUnreadCount() {
        long userId = TestUpdates.nextId();
        UUID conversation = write(userId, "Gus", "a");
        write(userId, "Gus", "b");
        assertEquals(2, unread(conversation));
        given().auth().oauth2(TOKEN).when().post("/api/conversations/" + conversation + "/read").then().statusCode(204);
        assertEquals(0, unread(conversation));
        write(userId, "Gus", "c");
        assertEquals(1, unread(conversation));
    }

    @Test
    void replyIsStoredPendingWithLocationAndQueuesEventAndCommand() {
        UUID conversation = customerWrites("Hal", "need help");
        String text = "Hi <b>Hal</b> & welcome 👋 — مرحبا\nline two";
        Response response = given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", text))
                .when().post("/api/conversations/" + conversation + "/messages");
        response.then().statusCode(201).contentType(ContentType.JSON)
                .body("direction", equalTo("OUTBOUND")).body("text", equalTo(text)).body("status", equalTo("PENDING"))
                .body("id", notNullValue()).body("createdAt", notNullValue()).body("$", not(hasKey("failureReason")));
        String id = response.jsonPath().getString("id");
        assertTrue(response.header("Location").endsWith("/api/conversations/" + conversation + "/messages/" + id), response.header("Location"));

        assertEquals(1, TestDatabase.scalar("select count(*) from outbox where topic = 'conversation.events' and payload like ?",
                "%\"message.queued\"%" + id + "%"));
        assertEquals(1, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?", "%" + id + "%"));
        JsonPath after = given().auth().oauth2(TOKEN).when().get("/api/conversations/" + conversation).then().extract().jsonPath();
        assertEquals(text, after.getString("lastMessage.text"));
        assertEquals("OUTBOUND", after.getString("lastMessage.direction"));
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstMessageAndStoresNothingNew() {
        UUID conversation = customerWrites("Ida", "question");
        String key = "retry-" + UUID.randomUUID();
        String first = given().auth().oauth2(TOKEN).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("text", "answer")).when().post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(201).extract().path("id");
        String again = given().auth().oauth2(TOKEN).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("text", "answer (typed again)")).when().post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(201).body("text", equalTo("answer")).extract().path("id");
        assertEquals(first, again);
        assertEquals(1, TestDatabase.scalar("select count(*) from message where conversation_id = ? and direction = 'OUTBOUND' and system_key is null", conversation));
        assertEquals(1, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?", "%" + first + "%"));

        // the same key on another conversation is another request
        UUID other = customerWrites("Jo", "other");
        String third = given().auth().oauth2(TOKEN).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("text", "answer")).when().post("/api/conversations/" + other + "/messages")
                .then().statusCode(201).extract().path("id");
        assertFalse(first.equals(third));
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyStoreOneMessage() throws Exception {
        UUID conversation = customerWrites("Kim", "race me");
        String key = "race-" + UUID.randomUUID();
        List<Thread> threads = new ArrayList<>();
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                ids.add(given().auth().oauth2(TOKEN).header("Idempotency-Key", key).contentType(ContentType.JSON)
                        .body(Map.of("text", "once")).when().post("/api/conversations/" + conversation + "/messages")
                        .then().statusCode(201).extract().path("id"));
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertEquals(4, ids.size());
        assertEquals(1, new HashSet<>(ids).size(), ids.toString());
        assertEquals(1, TestDatabase.scalar("select count(*) from message where conversation_id = ? and direction = 'OUTBOUND' and system_key is null", conversation));
    }

    @Test
    void invalidRepliesAreRejectedWithProblems() {
        UUID conversation = customerWrites("Lu", "hello");
        String path = "/api/conversations/" + conversation + "/messages";
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "   \n\t "))
                .when().post(path).then().statusCode(422).contentType(PROBLEM).body("status", equalTo(422));
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body("{}")
                .when().post(path).then().statusCode(422).contentType(PROBLEM);
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body("{\"text\": ")
                .when().post(path).then().statusCode(400).contentType(PROBLEM).body("status", equalTo(400));
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body("{\"text\": [\"not\", \"a string\"]}")
                .when().post(path).then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "x".repeat(16_385)))
                .when().post(path).then().statusCode(413).contentType(PROBLEM);
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "x".repeat(16_384)))
                .when().post(path).then().statusCode(201);
        assertEquals(1, TestDatabase.scalar("select count(*) from message where conversation_id = ? and direction = 'OUTBOUND' and system_key is null", conversation));
    }

    @Test
    void repliesToClosedOrBlockedConversationsAre409() {
        for (String status : List.of("CLOSED", "BLOCKED")) {
            UUID conversation = customerWrites("Mo", "bye");
            TestDatabase.update("update conversation set status = ? where id = ?", status, conversation);
            given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "hello?"))
                    .when().post("/api/conversations/" + conversation + "/messages")
                    .then().statusCode(409).contentType(PROBLEM).body("status", equalTo(409)).body("detail", containsString(status));
        }
    }

    @Test
    void readinessReportsDatabaseAndKafka() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("Database")))
                .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("Kafka")));
    }

    private long unread(UUID conversation) {
        return given().auth().oauth2(TOKEN).when().get("/api/conversations/" + conversation)
                .then().statusCode(200).extract().jsonPath().getLong("unreadCount");
    }

    private static List<String> ids(List<Map<String, Object>> items) {
        return items.stream().map(i -> (String) i.get("id")).toList();
    }

    private static List<Map<String, Object>> allPages(String path, int limit) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(TOKEN).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get(path).then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
            List<Map<String, Object>> pageItems = page.getList("items");
            assertTrue(pageItems.size() <= limit);
            items.addAll(pageItems);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return items;
    }

    private UUID customerWrites(String name, String text) {
        return write(TestUpdates.nextId(), name, text);
    }

    private UUID write(long userId, String name, String text) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> intake.accept(TestUpdates.BOT_ID, reader.read(TestUpdates.privateText(TestUpdates.nextId(), userId, name, text))));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        return (UUID) TestDatabase.query("""
                select c.id from conversation c join customer u on u.id = c.customer_id
                where u.telegram_user_id = ? and c.status not in ('CLOSED', 'BLOCKED')""", userId).get(0).get("id");
    }
}
