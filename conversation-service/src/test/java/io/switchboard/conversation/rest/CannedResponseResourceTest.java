package io.switchboard.conversation.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Canned responses over a real database with real signed tokens: visibility, rights, shortcuts, usage. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class CannedResponseResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final UUID OLGA = UUID.randomUUID();
    private static final UUID PETR = UUID.randomUUID();
    private static final UUID ADMIN = UUID.randomUUID();
    private static final String OLGA_TOKEN = TestJwt.operator(OLGA, "olga");
    private static final String PETR_TOKEN = TestJwt.operator(PETR, "petr");
    private static final String ADMIN_TOKEN = TestJwt.admin(ADMIN, "root");

    @Test
    void personalOnesAreSeenByTheirOwnerAndSharedOnesByEveryone() {
        String category = "cat-" + ToolsFixtures.token(8);
        Response created = create(OLGA_TOKEN, body("Olga's greeting", "Hello, how can I help?", category, null, false));
        created.then().statusCode(201).contentType(ContentType.JSON)
                .body("title", equalTo("Olga's greeting")).body("text", equalTo("Hello, how can I help?"))
                .body("category", equalTo(category)).body("shared", equalTo(false))
                .body("ownerId", equalTo(OLGA.toString())).body("usageCount", equalTo(0));
        String personal = created.path("id");
        assertTrue(created.header("Location").endsWith("/api/canned-responses/" + personal));
        String shared = create(ADMIN_TOKEN, body("Refund policy", "Refunds take 5 days.", category, null, true))
                .then().statusCode(201).body("shared", equalTo(true)).extract().path("id");

        assertEquals(List.of(personal, shared), listIds(OLGA_TOKEN, "category=" + category), "both unused: by title");
        assertEquals(List.of(shared), listIds(PETR_TOKEN, "category=" + category));
        assertEquals(List.of(shared), listIds(ADMIN_TOKEN, "category=" + category), "admins do not see others' personal ones");
        assertEquals(2, listIds(OLGA_TOKEN, "category=" + category.toUpperCase()).size(), "category ignores case");

        // personal: owner only, even for admins
        given().auth().oauth2(PETR_TOKEN).contentType(ContentType.JSON).body(body("x", "y", null, null, false))
                .when().put("/api/canned-responses/" + personal).then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(ADMIN_TOKEN).when().delete("/api/canned-responses/" + personal)
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(PETR_TOKEN).when().post("/api/canned-responses/" + personal + "/use")
                .then().statusCode(403).contentType(PROBLEM);
        // shared: admins only
        given().auth().oauth2(OLGA_TOKEN).contentType(ContentType.JSON).body(body("Mine now", "y", null, null, null))
                .when().put("/api/canned-responses/" + shared).then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("admins"));
        given().auth().oauth2(OLGA_TOKEN).when().delete("/api/canned-responses/" + shared).then().statusCode(403);
        create(OLGA_TOKEN, body("Sneaky", "shared by an operator", category, null, true))
                .then().statusCode(403).contentType(PROBLEM);
        // an operator cannot share their personal one either
        given().auth().oauth2(OLGA_TOKEN).contentType(ContentType.JSON).body(body("Olga's greeting", "Hi", category, null, true))
                .when().put("/api/canned-responses/" + personal).then().statusCode(403);

        given().auth().oauth2(OLGA_TOKEN).contentType(ContentType.JSON)
                .body(body("  Olga's greeting v2 ", "Hi there!", category, null, null))
                .when().put("/api/canned-responses/" + personal).then().statusCode(200)
                .body("title", equalTo("Olga's greeting v2")).body("text", equalTo("Hi there!")).body("shared", equalTo(false));
        given().auth().oauth2(ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(body("Refund policy", "Refunds take 3 days.", category, null, null))
                .when().put("/api/canned-responses/" + shared).then().statusCode(200)
                .body("text", equalTo("Refunds take 3 days.")).body("shared", equalTo(true));

        given().auth().oauth2(OLGA_TOKEN).when().delete("/api/canned-responses/" + personal).then().statusCode(204);
        given().auth().oauth2(ADMIN_TOKEN).when().delete("/api/canned-responses/" + shared).then().statusCode(204);
        assertEquals(List.of(), listIds(OLGA_TOKEN, "category=" + category));
        given().auth().oauth2(OLGA_TOKEN).when().delete("/api/canned-responses/" + personal).then().statusCode(404).contentType(PROBLEM);

        List<String> actions = TestDatabase.query("""
                select action from audit_entry where conversation_id is null and (before_state ->> 'id' = ? or after_state ->> 'id' = ?)
                order by occurred_at, id""", shared, shared).stream().map(r -> (String) r.get("action")).toList();
        assertEquals(List.of("canned_response.created", "canned_response.updated", "canned_response.deleted"), actions);
        Map<String, Object> update = TestDatabase.query("""
                select actor_id, actor_name, before_state ->> 'text' as before, after_state ->> 'text' as after
                from audit_entry where action = 'canned_response.updated' and after_state ->> 'id' = ?""", shared).get(0);
        assertEquals(ADMIN, update.get("actor_id"));
        assertEquals("root", update.get("actor_name"));
        assertEquals("Refunds take 5 days.", update.get("before"));
        assertEquals("Refunds take 3 days.", update.get("after"));
    }

    @Test
    void listIsOrderedByUsageThenTitleAndSearchesTitleTextAndShortcut() {
        String category = "cat-" + ToolsFixtures.token(8);
        String word = ToolsFixtures.token(10);
        String b = create(OLGA_TOKEN, body("b title", "text with " + word, category, null, false)).path("id");
        String a = create(OLGA_TOKEN, body("A title", "plain", category, null, false)).path("id");
        String c = create(ADMIN_TOKEN, body("c title", "plain", category, "sc" + word.substring(0, 6), true)).path("id");
        assertEquals(List.of(a, b, c), listIds(OLGA_TOKEN, "category=" + category), "equal usage: by title ignoring case");

        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(OLGA_TOKEN).when().post("/api/canned-responses/" + c + "/use")
                    .then().statusCode(200).body("usageCount", equalTo(i + 1));
        }
        given().auth().oauth2(OLGA_TOKEN).when().post("/api/canned-responses/" + b + "/use").then().statusCode(200);
        assertEquals(List.of(c, b, a), listIds(OLGA_TOKEN, "category=" + category));

        assertEquals(List.of(b), listIds(OLGA_TOKEN, "category=" + category + "&q=" + word.toUpperCase()), "text, ignoring case");
        assertEquals(List.of(c), listIds(OLGA_TOKEN, "q=/sc" + word.substring(0, 4)), "shortcut with a leading slash");
        assertEquals(List.of(a), listIds(OLGA_TOKEN, "category=" + category + "&q=A TIT"), "title");
        assertEquals(List.of(), listIds(OLGA_TOKEN, "category=" + category + "&q=%"), "a % is a literal, not a wildcard");
        String d = create(OLGA_TOKEN, body("Discount", "We give 100% back", category, null, false)).path("id");
        assertEquals(List.of(d), listIds(OLGA_TOKEN, "category=" + category + "&q=0%"));
        assertEquals(List.of(), listIds(OLGA_TOKEN, "category=" + category + "&q=_"), "an _ is a literal too");
        given().auth().oauth2(OLGA_TOKEN).when().post("/api/canned-responses/" + UUID.randomUUID() + "/use")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void concurrentUsesAreAllCounted() throws Exception {
        String id = create(OLGA_TOKEN, body("Popular", "used a lot", null, null, false)).path("id");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> uses = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                uses.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(OLGA_TOKEN).when().post("/api/canned-responses/" + id + "/use").statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> use : uses) {
                assertEquals(200, use.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(12, TestDatabase.scalar("select usage_count from canned_response where id = ?", UUID.fromString(id)));
    }

    @Test
    void aShortcutIsUniqueAmongWhatOneOperatorSees() {
        String s = "s" + ToolsFixtures.token(10);
        create(ADMIN_TOKEN, body("Shared", "shared text", null, s, true)).then().statusCode(201).body("shortcut", equalTo(s));
        // another shared one with it
        create(ADMIN_TOKEN, body("Shared 2", "text", null, s, true)).then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("/" + s)).body("detail", containsString("shared canned response \"Shared\""));
        // a personal one that would hide behind the shared one
        create(OLGA_TOKEN, body("Mine", "text", null, "/" + s, false)).then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("shared"));

        String p = "p" + ToolsFixtures.token(10);
        create(OLGA_TOKEN, body("Olga's", "text", null, p, false)).then().statusCode(201);
        create(PETR_TOKEN, body("Petr's", "text", null, p, false)).then().statusCode(201);  // personal: per owner
        String second = create(OLGA_TOKEN, body("Olga's other", "text", null, null, false)).then().statusCode(201).extract().path("id");
        create(OLGA_TOKEN, body("Olga's again", "text", null, p, false)).then().statusCode(409)
                .body("detail", containsString("your canned response \"Olga's\""));
        given().auth().oauth2(OLGA_TOKEN).contentType(ContentType.JSON).body(body("Olga's other", "text", null, p, null))
                .when().put("/api/canned-responses/" + second).then().statusCode(409).contentType(PROBLEM);
        // a shared one would clash with Olga's and Petr's personal ones
        create(ADMIN_TOKEN, body("Shared 3", "text", null, p, true)).then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("unique for everyone"));
        // keeping one's own shortcut on update is fine
        String own = create(OLGA_TOKEN, body("Keep", "text", null, "k" + p, false)).path("id");
        given().auth().oauth2(OLGA_TOKEN).contentType(ContentType.JSON).body(body("Keep (edited)", "text 2", null, "k" + p, null))
                .when().put("/api/canned-responses/" + own).then().statusCode(200).body("shortcut", equalTo("k" + p));
    }

    @Test
    void concurrentCreatesOfOneSharedShortcutLetExactlyOneWin() throws Exception {
        String s = "race" + ToolsFixtures.token(8);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    // two admins' shared ones and two operators' personal ones, all with the same shortcut
                    return n % 2 == 0
                            ? create(ADMIN_TOKEN, body("Shared " + n, "t", null, s, true)).statusCode()
                            : create(TestJwt.operator(UUID.randomUUID(), "op" + n), body("Mine " + n, "t", null, s, false)).statusCode();
                }));
            }
            start.countDown();
            List<Integer> codes = new java.util.ArrayList<>();
            for (Future<Integer> answer : answers) {
                codes.add(answer.get(30, TimeUnit.SECONDS));
            }
            long shared = TestDatabase.scalar("select count(*) from canned_response where shortcut = ? and shared", s);
            long personal = TestDatabase.scalar("select count(*) from canned_response where shortcut = ? and not shared", s);
            assertTrue(shared <= 1, "at most one shared: " + codes);
            assertTrue(shared == 0 || personal == 0, "never a shared and a personal one with one shortcut: " + codes);
            assertEquals(shared + personal, codes.stream().filter(c -> c == 201).count(), codes.toString());
            assertTrue(codes.stream().allMatch(c -> c == 201 || c == 409), codes.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidBodiesAre422AndUnknownIdsAre404() {
        Map<String, Object> ok = body("Title", "Text", null, null, false);
        assertInvalid(with(ok, "title", "  "), "title");
        assertInvalid(with(ok, "title", null), "title");
        assertInvalid(with(ok, "title", "t".repeat(121)), "title");
        assertInvalid(with(ok, "text", " \n "), "text");
        assertInvalid(with(ok, "text", "x".repeat(4097)), "text");
        assertInvalid(with(ok, "category", "c".repeat(61)), "category");
        assertInvalid(with(ok, "shortcut", "Refund"), "shortcut");
        assertInvalid(with(ok, "shortcut", "has space"), "shortcut");
        assertInvalid(with(ok, "shortcut", "x".repeat(33)), "shortcut");
        given().auth().oauth2(OLGA_TOKEN).contentType(ContentType.JSON).body("{\"title\": ")
                .when().post("/api/canned-responses").then().statusCode(400).contentType(PROBLEM);
        create(OLGA_TOKEN, with(with(ok, "title", "t".repeat(120)), "text", "😀".repeat(4096)))
                .then().statusCode(201).body("text", equalTo("😀".repeat(4096)));

        given().auth().oauth2(OLGA_TOKEN).contentType(ContentType.JSON).body(ok)
                .when().put("/api/canned-responses/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        given().when().get("/api/canned-responses").then().statusCode(401).contentType(PROBLEM);
        String viewer = TestJwt.token(OLGA, "olga", java.util.Set.of("viewer"), java.time.Duration.ofMinutes(5));
        given().auth().oauth2(viewer).when().get("/api/canned-responses").then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void anAdminTurningASharedOneIntoAPersonalOneBecomesItsOwner() {
        String id = create(ADMIN_TOKEN, body("Shared once", "t", null, null, true)).path("id");
        UUID otherAdmin = UUID.randomUUID();
        JsonPath updated = given().auth().oauth2(TestJwt.admin(otherAdmin, "boss")).contentType(ContentType.JSON)
                .body(body("Shared once", "t", null, null, false))
                .when().put("/api/canned-responses/" + id).then().statusCode(200).extract().jsonPath();
        assertFalse(updated.getBoolean("shared"));
        assertEquals(otherAdmin.toString(), updated.getString("ownerId"));
        assertFalse(listIds(OLGA_TOKEN, "q=Shared once").contains(id));
        assertNull(TestDatabase.query("select conversation_id from audit_entry where action = 'canned_response.updated' and after_state ->> 'id' = ?", id)
                .get(0).get("conversation_id"));
    }

    private void assertInvalid(Map<String, Object> body, String field) {
        create(OLGA_TOKEN, body).then().statusCode(422).contentType(PROBLEM).body("status", equalTo(422))
                .body("detail", containsString(field));
    }

    private static Response create(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/canned-responses");
    }

    /** Ids listed for {@code token} with the query parameters {@code query} ("name=value&name=value", not encoded). */
    private static List<String> listIds(String token, String query) {
        var request = given().auth().oauth2(token);
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            request.queryParam(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return request.when().get("/api/canned-responses")
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath().getList("id");
    }

    private static Map<String, Object> body(String title, String text, String category, String shortcut, Boolean shared) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("text", text);
        body.put("category", category);
        body.put("shortcut", shortcut);
        if (shared != null) {
            body.put("shared", shared);
        }
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(key, value);
        return copy;
    }
}
