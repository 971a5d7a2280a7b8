package io.switchboard.conversation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.config.ConversationConfig;
import io.switchboard.conversation.service.ConversationDeletions;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.MutableClock;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static io.switchboard.conversation.rest.RecordsFixtures.conversation;
import static io.switchboard.conversation.rest.RecordsFixtures.customer;
import static io.switchboard.conversation.rest.RecordsFixtures.deletedEvents;
import static io.switchboard.conversation.rest.RecordsFixtures.extras;
import static io.switchboard.conversation.rest.RecordsFixtures.message;
import static io.switchboard.conversation.rest.RecordsFixtures.rowsOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transcript export, bulk delete and retention over a real database, with real signed tokens. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class RecordsResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final UUID OPERATOR = UUID.randomUUID();
    private static final String OPERATOR_TOKEN = TestJwt.operator(OPERATOR, "olga");
    private static final UUID ADMIN = UUID.randomUUID();
    private static final String ADMIN_TOKEN = TestJwt.admin(ADMIN, "root");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ConversationDeletions deletions;

    @Inject
    ConversationConfig config;

    // ---------------------------------------------------------------- transcripts

    /** A CLOSED conversation with every kind of message, a blocked one, a note and two tags. */
    private record Seeded(UUID customer, UUID conversation, UUID angry, UUID billing, List<UUID> messages, UUID note,
                          String codename) {
    }

    private Seeded seedTranscript() {
        Instant t0 = Instant.parse("2025-03-01T10:00:00Z");
        UUID customer = customer("-Ana, Díaz", "ana_d", "Ani", "es", t0.minusSeconds(3600));
        String codename = "Amber Otter #0A1B";
        UUID conversation = conversation(customer, "CLOSED", codename, t0, t0.plusSeconds(600), OPERATOR);
        UUID billing = RecordsFixtures.tag("Billing", "#1a2b3c");
        UUID angry = RecordsFixtures.tag("Angry", "#ff0000");
        RecordsFixtures.attach(conversation, billing);
        RecordsFixtures.attach(conversation, angry);
        List<UUID> messages = new ArrayList<>();
        messages.add(message(conversation, "INBOUND", "RECEIVED", "Hello, \"world\"\nsecond line", t0, null, null, null));
        messages.add(message(conversation, "OUTBOUND", "SENT", "=SUM(A1:A9)", t0.plusSeconds(60), OPERATOR, "Olga", null));
        message(conversation, "INBOUND", "BLOCKED", "never shown to operators", t0.plusSeconds(90), null, null, null);
        messages.add(message(conversation, "OUTBOUND", "RECORDED", "Conversation closed", t0.plusSeconds(120), null, null,
                "closing_message"));
        messages.add(message(conversation, "OUTBOUND", "FAILED", "@channel, plain", t0.plusSeconds(180), OPERATOR, null, null));
        messages.add(message(conversation, "INBOUND", "RECEIVED", "Спасибо 👋", t0.plusSeconds(240), null, null, null));
        UUID note = RecordsFixtures.note(conversation, OPERATOR, "Olga", "VIP, \"handle\" with care", t0.plusSeconds(30));
        return new Seeded(customer, conversation, angry, billing, messages, note, codename);
    }

    @Test
    void jsonTranscriptHoldsConversationCustomerMessagesAndInternalNotes() throws Exception {
        Seeded s = seedTranscript();
        Response response = given().auth().oauth2(OPERATOR_TOKEN)
                .when().get("/api/conversations/" + s.conversation() + "/transcript.json");
        response.then().statusCode(200).contentType(ContentType.JSON);
        JsonNode actual = JSON.readTree(response.asByteArray());

        Instant exportedAt = Instant.parse(actual.get("exportedAt").asText());
        assertEquals("attachment; filename=\"transcript-amber-otter-0a1b-" + LocalDate.ofInstant(exportedAt, ZoneOffset.UTC)
                + ".json\"", response.header("Content-Disposition"));
        List<String> keys = new ArrayList<>();
        actual.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("conversation", "customer", "messages", "notes", "exportedAt"), keys);

        String expected = """
                {"conversation":{"id":"%1$s","codename":"Amber Otter #0A1B","status":"CLOSED",
                  "createdAt":"2025-03-01T10:00:00Z","closedAt":"2025-03-01T10:10:00Z","assigneeId":"%2$s",
                  "tags":[{"id":"%3$s","name":"%4$s","color":"#ff0000"},{"id":"%5$s","name":"%6$s","color":"#1a2b3c"}]},
                 "customer":{"id":"%7$s","displayName":"-Ana, Díaz","username":"ana_d","nickname":"Ani","languageCode":"es"},
                 "messages":[
                  {"id":"%8$s","createdAt":"2025-03-01T10:00:00Z","direction":"INBOUND","author":"-Ana, Díaz","status":"RECEIVED",
                   "text":"Hello, \\"world\\"\\nsecond line","systemKey":null,"operatorId":null},
                  {"id":"%9$s","createdAt":"2025-03-01T10:01:00Z","direction":"OUTBOUND","author":"Olga","status":"SENT",
                   "text":"=SUM(A1:A9)","systemKey":null,"operatorId":"%2$s"},
                  {"id":"%10$s","createdAt":"2025-03-01T10:02:00Z","direction":"OUTBOUND","author":"system","status":"RECORDED",
                   "text":"Conversation closed","systemKey":"closing_message","operatorId":null},
                  {"id":"%11$s","createdAt":"2025-03-01T10:03:00Z","direction":"OUTBOUND","author":"operator","status":"FAILED",
                   "text":"@channel, plain","systemKey":null,"operatorId":"%2$s"},
                  {"id":"%12$s","createdAt":"2025-03-01T10:04:00Z","direction":"INBOUND","author":"-Ana, Díaz","status":"RECEIVED",
                   "text":"Спасибо 👋","systemKey":null,"operatorId":null}],
                 "notes":[{"id":"%13$s","createdAt":"2025-03-01T10:00:30Z","operatorId":"%2$s","operatorName":"Olga",
                   "text":"VIP, \\"handle\\" with care","internal":true}],
                 "exportedAt":"%14$s"}
                """.formatted(s.conversation(), OPERATOR, s.angry(), RecordsFixtures.tagName("Angry", s.angry()),
                s.billing(), RecordsFixtures.tagName("Billing", s.billing()), s.customer(), s.messages().get(0),
                s.messages().get(1), s.messages().get(2), s.messages().get(3), s.messages().get(4), s.note(),
                actual.get("exportedAt").asText());
        assertEquals(JSON.readTree(expected), actual);
        assertTrue(!new String(response.asByteArray(), StandardCharsets.UTF_8).contains("never shown"),
                "a BLOCKED message is never exported");

        List<Map<String, Object>> audit = TestDatabase.query("""
                select actor_id, actor_name, after_state::text as after from audit_entry
                where conversation_id = ? and action = 'transcript.exported'""", s.conversation());
        assertEquals(1, audit.size());
        assertEquals(OPERATOR, audit.get(0).get("actor_id"));
        assertEquals("olga", audit.get(0).get("actor_name"));
        assertEquals(JSON.readTree("{\"format\":\"json\"}"), JSON.readTree((String) audit.get(0).get("after")));
    }

    @Test
    void csvTranscriptIsQuotedGuardedAgainstFormulasAndStartsWithABom() {
        Seeded s = seedTranscript();
        Response response = given().auth().oauth2(ADMIN_TOKEN)
                .when().get("/api/conversations/" + s.conversation() + "/transcript.csv");
        response.then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Type", containsString("charset=UTF-8"));
        byte[] body = response.asByteArray();
        assertArrayEquals(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(body, 3), "UTF-8 BOM first");
        String expected = "\uFEFF"
                + "created_at,direction,author,status,text\r\n"
                + "2025-03-01T10:00:00Z,INBOUND,\"'-Ana, Díaz\",RECEIVED,\"Hello, \"\"world\"\"\nsecond line\"\r\n"
                + "2025-03-01T10:01:00Z,OUTBOUND,Olga,SENT,'=SUM(A1:A9)\r\n"
                + "2025-03-01T10:02:00Z,OUTBOUND,system,RECORDED,Conversation closed\r\n"
                + "2025-03-01T10:03:00Z,OUTBOUND,operator,FAILED,\"'@channel, plain\"\r\n"
                + "2025-03-01T10:04:00Z,INBOUND,\"'-Ana, Díaz\",RECEIVED,Спасибо 👋\r\n";
        assertEquals(expected, new String(body, StandardCharsets.UTF_8));
        String disposition = response.header("Content-Disposition");
        assertTrue(disposition.matches("attachment; filename=\"transcript-amber-otter-0a1b-\\d{4}-\\d{2}-\\d{2}\\.csv\""),
                disposition);
        assertEquals(1, TestDatabase.scalar("""
                select count(*) from audit_entry where conversation_id = ? and action = 'transcript.exported'
                  and actor_id = ? and after_state ->> 'format' = 'csv'""", s.conversation(), ADMIN));
    }

    @Test
    void longTranscriptsAreReadPageByPageInOrder() throws Exception {
        Instant t0 = Instant.parse("2025-05-01T00:00:00Z");
        UUID customer = customer("Long Talker", null, null, null, t0);
        UUID conversation = conversation(customer, "OPEN_ASSIGNED", t0, null, OPERATOR);
        // 1000 shown messages (two full pages of 500, so the last read is empty), pairs sharing a timestamp (the id
        // breaks the tie), and BLOCKED ones in between that are never exported
        TestDatabase.update("""
                insert into message (id, conversation_id, direction, status, text, telegram_chat_id, created_at, updated_at)
                select gen_random_uuid(), ?, 'INBOUND', 'RECEIVED', 'message ' || g, 1,
                       timestamptz '2025-05-01T00:00:00Z' + (g / 2) * interval '1 second',
                       timestamptz '2025-05-01T00:00:00Z'
                from generate_series(1, 1000) g""", conversation);
        TestDatabase.update("""
                insert into message (id, conversation_id, direction, status, text, telegram_chat_id, created_at, updated_at)
                select gen_random_uuid(), ?, 'INBOUND', 'BLOCKED', 'blocked ' || g, 1,
                       timestamptz '2025-05-01T00:00:00Z' + (g * 97) * interval '1 second',
                       timestamptz '2025-05-01T00:00:00Z'
                from generate_series(1, 5) g""", conversation);
        List<String> expected = TestDatabase.query("""
                select text from message where conversation_id = ? and status <> 'BLOCKED' order by created_at, id""",
                conversation).stream().map(row -> (String) row.get("text")).toList();
        assertEquals(1000, expected.size());

        JsonNode json = JSON.readTree(given().auth().oauth2(OPERATOR_TOKEN)
                .when().get("/api/conversations/" + conversation + "/transcript.json")
                .then().statusCode(200).extract().asByteArray());
        List<String> texts = new ArrayList<>();
        json.get("messages").forEach(m -> texts.add(m.get("text").asText()));
        assertEquals(expected, texts);
        assertEquals(0, json.get("notes").size());

        String csv = given().auth().oauth2(OPERATOR_TOKEN)
                .when().get("/api/conversations/" + conversation + "/transcript.csv")
                .then().statusCode(200).extract().asString();
        List<String> lines = Arrays.asList(csv.split("\r\n"));
        assertEquals(1001, lines.size());
        assertEquals(expected, lines.subList(1, lines.size()).stream().map(l -> l.substring(l.lastIndexOf(',') + 1)).toList());
    }

    @Test
    void transcriptsOfUnknownConversationsAre404AndNeedAToken() {
        UUID missing = UUID.randomUUID();
        for (String ext : List.of("json", "csv")) {
            given().auth().oauth2(OPERATOR_TOKEN).when().get("/api/conversations/" + missing + "/transcript." + ext)
                    .then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404))
                    .header("Content-Disposition", nullValue());
            given().when().get("/api/conversations/" + missing + "/transcript." + ext)
                    .then().statusCode(401).contentType(PROBLEM);
        }
        assertEquals(0, TestDatabase.scalar("select count(*) from audit_entry where conversation_id = ?", missing));
    }

    // ---------------------------------------------------------------- bulk delete

    @Test
    void bulkDeleteByIdsRemovesEverythingOfThoseConversationsAndNothingElse() throws Exception {
        Instant t0 = Instant.parse("2024-02-01T00:00:00Z");
        UUID ana = customer("Ana", "ana", null, "en", t0);
        UUID bo = customer("Bo", "bo", null, "en", t0);
        UUID closed = conversation(ana, "CLOSED", t0, t0.plusSeconds(60), null);
        UUID open = conversation(bo, "OPEN_ASSIGNED", t0, null, OPERATOR);
        UUID kept = conversation(ana, "OPEN_UNCLAIMED", t0.plusSeconds(120), null, null);
        for (UUID c : List.of(closed, open, kept)) {
            message(c, "INBOUND", "RECEIVED", "hi", t0, null, null, null);
            message(c, "OUTBOUND", "SENT", "hello", t0.plusSeconds(1), OPERATOR, "Olga", null);
            extras(c, OPERATOR);
        }
        long keptRows = rowsOf(kept);
        String codename = (String) TestDatabase.query("select codename from conversation where id = ?", closed).get(0).get("codename");

        given().auth().oauth2(ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("ids", List.of(closed, open, UUID.randomUUID(), closed)))
                .when().post("/api/conversations/bulk-delete")
                .then().statusCode(200).contentType(ContentType.JSON).body("deleted", equalTo(2));

        assertEquals(0, rowsOf(closed));
        assertEquals(0, rowsOf(open));
        assertEquals(keptRows, rowsOf(kept));
        assertEquals(2, TestDatabase.scalar("select count(*) from customer where id in (?, ?)", ana, bo),
                "bulk delete keeps customers");

        List<Map<String, Object>> audit = TestDatabase.query("""
                select actor_id, actor_name, before_state::text as before, after_state::text as after from audit_entry
                where conversation_id = ? and action = 'conversation.deleted'""", closed);
        assertEquals(1, audit.size());
        assertEquals(ADMIN, audit.get(0).get("actor_id"));
        assertEquals("root", audit.get(0).get("actor_name"));
        assertEquals(JSON.readTree("{\"codename\":\"" + codename + "\",\"status\":\"CLOSED\"}"),
                JSON.readTree((String) audit.get(0).get("before")));
        assertNull(audit.get(0).get("after"));
        assertEquals(1, TestDatabase.scalar("""
                select count(*) from audit_entry where conversation_id = ? and action = 'conversation.claimed'
                  and before_state is not null""", closed), "earlier audit entries stay as they were");

        for (UUID c : List.of(closed, open)) {
            List<String> events = deletedEvents(c);
            assertEquals(1, events.size());
            JsonNode event = JSON.readTree(events.get(0));
            assertEquals("bulk", event.get("reason").asText());
            assertEquals(c.toString(), event.get("conversationId").asText());
        }
        assertEquals(List.of(), deletedEvents(kept));
    }

    @Test
    void bulkDeleteByFilterTakesOnlyConversationsClosedBeforeTheInstant() {
        Instant t0 = Instant.parse("1990-01-01T00:00:00Z");
        UUID customer = customer("Filter Fan", null, null, null, t0);
        UUID oldest = conversation(customer, "CLOSED", t0, t0, null);
        UUID older = conversation(customer, "CLOSED", t0, Instant.parse("1990-12-30T22:59:59Z"), null);
        UUID justAfter = conversation(customer, "CLOSED", t0, Instant.parse("1990-12-30T23:00:00Z"), null);
        UUID blocked = conversation(customer, "BLOCKED", t0, t0, null);
        UUID reopened = conversation(customer, "OPEN_UNCLAIMED", t0, t0, null);
        message(oldest, "INBOUND", "RECEIVED", "old", t0, null, null, null);

        given().auth().oauth2(ADMIN_TOKEN).contentType(ContentType.JSON)
                .body("{\"filter\":{\"status\":\"CLOSED\",\"closedBefore\":\"1990-12-31T00:00:00+01:00\"}}")
                .when().post("/api/conversations/bulk-delete")
                .then().statusCode(200).body("deleted", equalTo(2));

        assertEquals(0, rowsOf(oldest));
        assertEquals(0, rowsOf(older));
        for (UUID c : List.of(justAfter, blocked, reopened)) {
            assertEquals(1, rowsOf(c));
        }
        assertEquals("bulk", readTree(deletedEvents(older).get(0)).get("reason").asText());
    }

    @Test
    void bulkDeleteIsForAdminsWithExactlyOneOfIdsAndFilter() {
        UUID customer = customer("Guarded", null, null, null, Instant.parse("2024-01-01T00:00:00Z"));
        UUID conversation = conversation(customer, "CLOSED", Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2024-01-02T00:00:00Z"), null);
        String path = "/api/conversations/bulk-delete";

        given().auth().oauth2(OPERATOR_TOKEN).contentType(ContentType.JSON).body(Map.of("ids", List.of(conversation)))
                .when().post(path).then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
        given().contentType(ContentType.JSON).body(Map.of("ids", List.of(conversation)))
                .when().post(path).then().statusCode(401).contentType(PROBLEM);

        String ids1001 = IntStream.range(0, 1001).mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
                .collect(Collectors.joining(",", "{\"ids\":[", "]}"));
        for (String body : List.of(
                "{}",
                "{\"ids\":[]}",
                ids1001,
                "{\"ids\":[null]}",
                "{\"ids\":[\"" + conversation + "\"],\"filter\":{\"status\":\"CLOSED\",\"closedBefore\":\"2030-01-01T00:00:00Z\"}}",
                "{\"filter\":{\"status\":\"OPEN_UNCLAIMED\",\"closedBefore\":\"2030-01-01T00:00:00Z\"}}",
                "{\"filter\":{\"closedBefore\":\"2030-01-01T00:00:00Z\"}}",
                "{\"filter\":{\"status\":\"CLOSED\"}}",
                "{\"filter\":{\"status\":\"CLOSED\",\"closedBefore\":\"yesterday\"}}",
                "{\"filter\":{\"status\":\"CLOSED\",\"olderThan\":\"2030-01-01T00:00:00Z\"}}")) {
            given().auth().oauth2(ADMIN_TOKEN).contentType(ContentType.JSON).body(body)
                    .when().post(path).then().statusCode(422).contentType(PROBLEM).body("status", equalTo(422));
        }
        given().auth().oauth2(ADMIN_TOKEN).contentType(ContentType.JSON).body("{\"ids\": [")
                .when().post(path).then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(ADMIN_TOKEN).contentType(ContentType.JSON).body("{\"ids\":[\"not-a-uuid\"]}")
                .when().post(path).then().statusCode(400).contentType(PROBLEM);

        assertEquals(1, rowsOf(conversation), "nothing was deleted by refused requests");
    }

    // ---------------------------------------------------------------- retention

    @Test
    void retentionDefaultsAreAYearAndChunksOf200() {
        assertEquals(Duration.ofDays(365), config.retention().closedMaxAge());
        assertEquals(200, config.retention().batchSize());
    }

    @Test
    void retentionDeletesOnlyConversationsClosedLongerThanTheMaxAge() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2003-06-01T00:00:00Z"));
        Instant now = clock.instant();
        UUID customer = customer("Kept Long", null, null, null, now.minus(Duration.ofDays(900)));
        UUID expired = conversation(customer, "CLOSED", now.minus(Duration.ofDays(800)), now.minus(Duration.ofDays(400)), null);
        UUID almost = conversation(customer, "CLOSED", now.minus(Duration.ofDays(800)), now.minus(Duration.ofDays(364)), null);
        UUID recent = conversation(customer, "CLOSED", now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)), null);
        UUID blocked = conversation(customer, "BLOCKED", now.minus(Duration.ofDays(800)), now.minus(Duration.ofDays(500)), null);
        UUID reopened = conversation(customer, "OPEN_UNCLAIMED", now.minus(Duration.ofDays(800)), now.minus(Duration.ofDays(500)), null);
        for (UUID c : List.of(expired, almost, recent, blocked, reopened)) {
            message(c, "INBOUND", "RECEIVED", "hello", now.minus(Duration.ofDays(800)), null, null, null);
            extras(c, OPERATOR);
        }
        String codename = (String) TestDatabase.query("select codename from conversation where id = ?", expired).get(0).get("codename");

        long first = purge(clock.instant());
        assertTrue(first >= 1, "deleted " + first);
        assertEquals(0, rowsOf(expired));
        for (UUID c : List.of(almost, recent, blocked, reopened)) {
            assertTrue(rowsOf(c) > 1, "kept " + c);
        }
        List<Map<String, Object>> audit = TestDatabase.query("""
                select actor_id, actor_name, before_state::text as before from audit_entry
                where conversation_id = ? and action = 'conversation.deleted'""", expired);
        assertEquals(1, audit.size());
        assertNull(audit.get(0).get("actor_id"), "the system deleted it");
        assertNull(audit.get(0).get("actor_name"));
        assertEquals(JSON.readTree("{\"codename\":\"" + codename + "\",\"status\":\"CLOSED\"}"),
                JSON.readTree((String) audit.get(0).get("before")));
        assertEquals("retention", readTree(deletedEvents(expired).get(0)).get("reason").asText());

        clock.advance(Duration.ofDays(2));
        purge(clock.instant());
        assertEquals(0, rowsOf(almost), "365 days and one day after closing it goes");
        for (UUID c : List.of(recent, blocked, reopened)) {
            assertTrue(rowsOf(c) > 1, "kept " + c);
        }
        assertEquals(1, TestDatabase.scalar("select count(*) from customer where id = ?", customer),
                "retention keeps customers");
    }

    @Test
    void retentionOnTwoReplicasAtOnceDeletesEachConversationOnce() throws Exception {
        UUID customer = customer("Many Closed", null, null, null, Instant.parse("1975-01-01T00:00:00Z"));
        int count = 450; // more than two chunks of 200
        TestDatabase.update("""
                insert into conversation (id, customer_id, telegram_chat_id, status, codename, created_at, updated_at, closed_at)
                select gen_random_uuid(), ?, 1, 'CLOSED', 'Old Owl #' || g,
                       timestamptz '1975-01-01T00:00:00Z' + g * interval '1 hour',
                       timestamptz '1975-01-01T00:00:00Z' + g * interval '1 hour',
                       timestamptz '1975-01-01T00:00:00Z' + g * interval '1 hour'
                from generate_series(1, ?) g""", customer, count);
        TestDatabase.update("""
                insert into message (id, conversation_id, direction, status, text, telegram_chat_id, created_at, updated_at)
                select gen_random_uuid(), c.id, 'INBOUND', 'RECEIVED', 'hi', 1, c.created_at, c.created_at
                from conversation c where c.customer_id = ?""", customer);
        List<UUID> ids = TestDatabase.query("select id from conversation where customer_id = ?", customer).stream()
                .map(row -> (UUID) row.get("id")).toList();
        assertEquals(count, ids.size());

        Instant now = Instant.parse("1980-01-01T00:00:00Z"); // cutoff 1979-01-01: all of them, nothing of other tests
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            Callable<Long> run = () -> purge(now);
            Future<Long> a = replicas.submit(run);
            Future<Long> b = replicas.submit(run);
            assertEquals(count, a.get() + b.get());
        } finally {
            replicas.shutdownNow();
        }
        assertEquals(0, TestDatabase.scalar("select count(*) from conversation where customer_id = ?", customer));
        assertEquals(0, TestDatabase.scalar("""
                select count(*) from message m where not exists (select 1 from conversation c where c.id = m.conversation_id)"""));
        String idList = ids.stream().map(UUID::toString).collect(Collectors.joining(","));
        List<Map<String, Object>> audit = TestDatabase.query("""
                select count(*) as entries, count(distinct conversation_id) as conversations from audit_entry
                where action = 'conversation.deleted' and conversation_id::text = any(string_to_array(?, ','))""", idList);
        assertEquals((long) count, ((Number) audit.get(0).get("entries")).longValue());
        assertEquals((long) count, ((Number) audit.get(0).get("conversations")).longValue());
        assertEquals(count, TestDatabase.scalar("""
                select count(*) from outbox where topic = 'conversation.events' and payload like '%"type":"conversation.deleted"%'
                  and message_key = any(string_to_array(?, ','))""", idList));
    }

    private long purge(Instant now) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> deletions.purgeExpired(now));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
