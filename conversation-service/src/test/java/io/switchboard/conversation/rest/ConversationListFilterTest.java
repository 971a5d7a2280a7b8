package io.switchboard.conversation.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.conversation.Polling;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conversation list's filters (status, assignee, tag, unread, q), their combination, paging, and the tab counts. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class ConversationListFilterTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void allFiltersCombineAndPageWithoutGapsOrRepeats() {
        UUID me = UUID.randomUUID();
        String token = TestJwt.operator(me, "mira");
        UUID someoneElse = UUID.randomUUID();
        String word = ToolsFixtures.token(8);
        UUID tag = ToolsFixtures.tag(token, "Combo " + word);
        UUID otherTag = ToolsFixtures.tag(token, "Other " + word);
        Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

        record Row(Instant at, UUID id) {
        }
        List<Row> matches = new ArrayList<>();
        int n = 0;
        // 7 matches: AWAITING_CUSTOMER or OPEN_ASSIGNED, held by me, tagged, unread, the customer's name/username/nickname has the word
        for (int i = 0; i < 7; i++) {
            String name = i % 3 == 0 ? "Ann " + word.toUpperCase() : "Ann";
            String username = i % 3 == 1 ? "user_" + word + i : null;
            String nickname = i % 3 == 2 ? "Nick" + word : null;
            Instant at = base.plusSeconds(n++);
            matches.add(new Row(at, matching(name, username, nickname, i % 2 == 0 ? "AWAITING_CUSTOMER" : "OPEN_ASSIGNED",
                    me, tag, at)));
        }
        // two of them share updated_at exactly: the keyset (updated_at, id) must still neither skip nor repeat
        matches.add(new Row(base.plusSeconds(3), matching("Ann " + word, null, null, "OPEN_ASSIGNED", me, tag, base.plusSeconds(3))));
        // newest first; ties by id descending (Postgres compares uuids byte by byte, like their lower-case text)
        List<String> expected = matches.stream()
                .sorted(java.util.Comparator.comparing(Row::at).thenComparing(r -> r.id().toString()).reversed())
                .map(r -> r.id().toString()).toList();
        // decoys, each failing exactly one filter
        List<UUID> decoys = List.of(
                matching("Ann " + word, null, null, "CLOSED", me, tag, base.plusSeconds(n++)),
                matching("Ann " + word, null, null, "OPEN_ASSIGNED", someoneElse, tag, base.plusSeconds(n++)),
                matching("Ann " + word, null, null, "OPEN_UNCLAIMED", null, tag, base.plusSeconds(n++)),
                matching("Ann " + word, null, null, "OPEN_ASSIGNED", me, otherTag, base.plusSeconds(n++)),
                matching("Ann " + word, null, null, "OPEN_ASSIGNED", me, null, base.plusSeconds(n++)),
                matching("Bob", "bob", null, "OPEN_ASSIGNED", me, tag, base.plusSeconds(n++)));
        UUID read = matching("Ann " + word, null, null, "OPEN_ASSIGNED", me, tag, base.plusSeconds(n++));
        ToolsFixtures.markRead(read, base.plusSeconds(n + 10));
        UUID onlyBlockedUnread = matching("Ann " + word, null, null, "OPEN_ASSIGNED", me, tag, base.plusSeconds(n++));
        ToolsFixtures.markRead(onlyBlockedUnread, base.plusSeconds(n + 10));
        ToolsFixtures.message(onlyBlockedUnread, "INBOUND", "BLOCKED", "hidden", base.plusSeconds(n + 20));

        String path = "/api/conversations?status=OPEN_ASSIGNED,AWAITING_CUSTOMER&assignee=me&tag=" + tag
                + "&unread=true&q=" + word;
        for (int limit : List.of(1, 2, 3, 50)) {
            List<String> ids = ToolsFixtures.ids(ToolsFixtures.allPages(token, path, limit));
            assertEquals(new HashSet<>(ids).size(), ids.size(), "no repeats with limit " + limit);
            assertEquals(expected, ids, "exactly the matches, newest first, limit " + limit);
        }
        for (UUID decoy : decoys) {
            assertFalse(ToolsFixtures.ids(ToolsFixtures.allPages(token, path, 50)).contains(decoy.toString()));
        }

        // each filter alone
        List<String> mine = ToolsFixtures.ids(ToolsFixtures.allPages(token, "/api/conversations?assignee=me&q=" + word, 200));
        assertTrue(mine.containsAll(List.of(decoys.get(0).toString(), read.toString())));
        assertFalse(mine.contains(decoys.get(1).toString()));
        List<String> theirs = ToolsFixtures.ids(ToolsFixtures.allPages(token, "/api/conversations?assignee=" + someoneElse, 200));
        assertEquals(List.of(decoys.get(1).toString()), theirs);
        List<String> nobodys = ToolsFixtures.ids(ToolsFixtures.allPages(token, "/api/conversations?assignee=none&q=" + word, 200));
        assertEquals(List.of(decoys.get(2).toString()), nobodys);
        List<String> tagged = ToolsFixtures.ids(ToolsFixtures.allPages(token, "/api/conversations?tag=" + otherTag, 200));
        assertEquals(List.of(decoys.get(3).toString()), tagged);
        List<String> unread = ToolsFixtures.ids(ToolsFixtures.allPages(token, "/api/conversations?unread=true&tag=" + tag, 200));
        assertFalse(unread.contains(read.toString()));
        assertFalse(unread.contains(onlyBlockedUnread.toString()), "BLOCKED messages are never unread");
        assertTrue(unread.contains(decoys.get(5).toString()));
        List<String> notUnreadFiltered = ToolsFixtures.ids(ToolsFixtures.allPages(token, "/api/conversations?unread=false&tag=" + tag, 200));
        assertTrue(notUnreadFiltered.contains(read.toString()));
        given().auth().oauth2(token).when().get("/api/conversations/" + onlyBlockedUnread).then().statusCode(200)
                .body("unreadCount", equalTo(0));
    }

    @Test
    void qMatchesNamesUsernamesNicknamesAndCodenamesIgnoringCaseAndLiterally() {
        String token = TestJwt.operator(UUID.randomUUID(), "quinn");
        String word = ToolsFixtures.token(9);
        Instant now = Instant.now();
        UUID byName = ToolsFixtures.conversation(ToolsFixtures.customer("Алёна " + word, null, null), "OPEN_UNCLAIMED", null, now);
        UUID byUsername = ToolsFixtures.conversation(ToolsFixtures.customer("X", "u" + word, null), "CLOSED", null, now);
        UUID byNickname = ToolsFixtures.conversation(ToolsFixtures.customer("Y", null, word.toUpperCase() + "!"), "BLOCKED", null, now);
        UUID other = ToolsFixtures.conversation(ToolsFixtures.customer("Z", null, null), "OPEN_UNCLAIMED", null, now);

        assertEquals(new HashSet<>(List.of(byName.toString(), byUsername.toString(), byNickname.toString())),
                new HashSet<>(listIds(token, Map.of("q", word.substring(1, 8)))));
        assertEquals(List.of(byName.toString()), listIds(token, Map.of("q", "алёна " + word)), "Cyrillic ignoring case");
        String codename = ToolsFixtures.codename(other);
        assertEquals(List.of(other.toString()), listIds(token, Map.of("q", codename.substring(codename.indexOf('#')).toLowerCase())));
        assertEquals(List.of(), listIds(token, Map.of("q", word + "%")), "% is literal");
        assertEquals(List.of(), listIds(token, Map.of("q", "_" + word.substring(1))), "_ is literal");
    }

    @Test
    void badFiltersAre400() {
        String token = TestJwt.operator(UUID.randomUUID(), "bo");
        for (String query : List.of("assignee=someone", "tag=not-a-uuid", "unread=maybe", "q=" + "x".repeat(201),
                "status=OPEN,CLOSED")) {
            given().auth().oauth2(token).when().get("/api/conversations?" + query)
                    .then().statusCode(400).contentType(PROBLEM).body("status", equalTo(400));
        }
        given().auth().oauth2(token).when().get("/api/conversations?assignee=bogus").then().statusCode(400)
                .body("detail", containsString("assignee"));
        given().auth().oauth2(token).when().get("/api/conversations?tag=" + UUID.randomUUID()).then().statusCode(200)
                .body("items", equalTo(List.of())).body("nextCursor", equalTo(null));
    }

    @Test
    void countsAreTheCallersTabs() {
        UUID me = UUID.randomUUID();
        String token = TestJwt.operator(me, "cleo");
        Instant now = Instant.now();
        ToolsFixtures.conversation(ToolsFixtures.customer("Counted", null, null), "OPEN_ASSIGNED", me, now);
        ToolsFixtures.conversation(ToolsFixtures.customer("Counted", null, null), "AWAITING_CUSTOMER", me, now);
        ToolsFixtures.conversation(ToolsFixtures.customer("Counted", null, null), "CLOSED", me, now);
        ToolsFixtures.conversation(ToolsFixtures.customer("Counted", null, null), "OPEN_ASSIGNED", UUID.randomUUID(), now);

        JsonPath counts = Polling.until("counts equal to the database's", Duration.ofSeconds(10), () -> {
            JsonPath api = given().auth().oauth2(token).when().get("/api/conversations/counts")
                    .then().statusCode(200).extract().jsonPath();
            boolean same = api.getLong("unclaimed") == count("status = 'OPEN_UNCLAIMED'")
                    && api.getLong("open") == count("status in ('OPEN_UNCLAIMED', 'OPEN_ASSIGNED', 'AWAITING_CUSTOMER')")
                    && api.getLong("closed") == count("status = 'CLOSED'")
                    && api.getLong("blocked") == count("status = 'BLOCKED'");
            return same ? api : null;
        }, java.util.Objects::nonNull);
        assertEquals(2, counts.getLong("mine"), "open and held by me");
        assertEquals(5, counts.getMap("$").size());
        given().auth().oauth2(TestJwt.operator(UUID.randomUUID(), "new")).when().get("/api/conversations/counts")
                .then().statusCode(200).body("mine", equalTo(0));
        given().when().get("/api/conversations/counts").then().statusCode(401).contentType(PROBLEM);
    }

    /** A conversation with one unread customer message, the given status, assignee and tag. */
    private static UUID matching(String name, String username, String nickname, String status, UUID assignee, UUID tag,
                                 Instant at) {
        UUID c = ToolsFixtures.conversation(ToolsFixtures.customer(name, username, nickname), status, assignee, at);
        ToolsFixtures.message(c, "INBOUND", "RECEIVED", "hi", at);
        if (tag != null) {
            TestDatabase.update("insert into conversation_tag (conversation_id, tag_id, attached_at) values (?, ?, now())", c, tag);
        }
        return c;
    }

    private static long count(String where) {
        return TestDatabase.scalar("select count(*) from conversation where " + where);
    }

    private static List<String> listIds(String token, Map<String, String> query) {
        return given().auth().oauth2(token).queryParams(query).queryParam("limit", 200).when().get("/api/conversations")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
    }
}
