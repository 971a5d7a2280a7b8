package io.switchboard.conversation.rest;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.TestUpdates;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows written straight into the test database for the operator-tools tests (canned responses, tags, notes, lists,
 * search, audit), with exactly the names, states and times a test needs. Names carry random tokens, because every
 * test class of the run shares one database.
 */
final class ToolsFixtures {

    private ToolsFixtures() {
    }

    /** A random lower-case ASCII token of {@code length} letters, e.g. for unique names. */
    static String token(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }

    /** A random token of Cyrillic letters (а..я). */
    static String cyrillicToken(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((char) ('а' + ThreadLocalRandom.current().nextInt(32)));
        }
        return s.toString();
    }

    static UUID customer(String displayName, String username, String nickname) {
        UUID id = UUID.randomUUID();
        long telegramId = TestUpdates.nextId();
        Timestamp now = Timestamp.from(Instant.now());
        TestDatabase.update("""
                insert into customer (id, telegram_user_id, telegram_chat_id, first_name, username, language_code,
                                      display_name, nickname, created_at, updated_at)
                values (?, ?, ?, ?, ?, 'en', ?, ?, ?, ?)""", id, telegramId, telegramId, displayName, username,
                displayName, nickname, now, now);
        return id;
    }

    /** A conversation last active at {@code updatedAt}, never read. */
    static UUID conversation(UUID customerId, String status, UUID assigneeId, Instant updatedAt) {
        UUID id = UUID.randomUUID();
        String codename = "Tool Owl #" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000000, 0xFFFFFFF)).toUpperCase();
        TestDatabase.update("""
                insert into conversation (id, customer_id, telegram_chat_id, status, codename, created_at, updated_at,
                                          assignee_id, closed_at)
                values (?, ?, (select telegram_chat_id from customer where id = ?), ?, ?, ?, ?, ?, ?)""",
                id, customerId, customerId, status, codename, Timestamp.from(updatedAt), Timestamp.from(updatedAt),
                assigneeId, "CLOSED".equals(status) ? Timestamp.from(updatedAt) : null);
        return id;
    }

    /**
     * A message of the conversation, made its latest one (unless BLOCKED); a customer's one also moves
     * {@code last_inbound_at}, as the intake does.
     */
    static UUID message(UUID conversationId, String direction, String status, String text, Instant createdAt) {
        UUID id = UUID.randomUUID();
        TestDatabase.update("""
                insert into message (id, conversation_id, direction, status, text, telegram_chat_id, created_at, updated_at)
                values (?, ?, ?, ?, ?, (select telegram_chat_id from conversation where id = ?), ?, ?)""",
                id, conversationId, direction, status, text, conversationId, Timestamp.from(createdAt),
                Timestamp.from(createdAt));
        if (!"BLOCKED".equals(status)) {
            TestDatabase.update("update conversation set last_message_id = ?, last_message_at = ? where id = ?",
                    id, Timestamp.from(createdAt), conversationId);
        }
        if ("INBOUND".equals(direction) && !"BLOCKED".equals(status)) {
            // as the intake keeps it: the latest customer message that operators see
            TestDatabase.update("update conversation set last_inbound_at = greatest(last_inbound_at, ?) where id = ?",
                    Timestamp.from(createdAt), conversationId);
        }
        return id;
    }

    static void markRead(UUID conversationId, Instant at) {
        TestDatabase.update("update conversation set last_read_at = ? where id = ?", Timestamp.from(at), conversationId);
    }

    static String codename(UUID conversationId) {
        return (String) TestDatabase.query("select codename from conversation where id = ?", conversationId).get(0).get("codename");
    }

    /** A tag created through the API by {@code token}'s operator; returns its id. */
    static UUID tag(String token, String name) {
        return UUID.fromString(given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", name, "color", "#336699"))
                .when().post("/api/tags").then().statusCode(201).extract().path("id"));
    }

    /** Every item of a paged list, following {@code nextCursor} with {@code limit} items per page. */
    static List<Map<String, Object>> allPages(String token, String path, int limit) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get(path).then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
            List<Map<String, Object>> pageItems = page.getList("items");
            assertTrue(pageItems.size() <= limit, "page larger than limit");
            items.addAll(pageItems);
            cursor = page.getString("nextCursor");
            assertTrue(++pages < 1000, "too many pages");
        } while (cursor != null);
        return items;
    }

    static List<String> ids(List<Map<String, Object>> items) {
        return items.stream().map(i -> (String) i.get("id")).toList();
    }
}
