package io.switchboard.conversation.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tags and tagging conversations, over a real database with real signed tokens. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class TagResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final UUID OLGA = UUID.randomUUID();
    private static final String OLGA_TOKEN = TestJwt.operator(OLGA, "olga");
    private static final String ADMIN_TOKEN = TestJwt.admin(UUID.randomUUID(), "root");

    @Test
    void operatorsCreateAndListTagsWithUniqueNamesIgnoringCase() {
        String name = "Billing " + ToolsFixtures.token(6);
        var created = given().auth().oauth2(OLGA_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", "  " + name + " ", "color", "#1F77B4")).when().post("/api/tags");
        created.then().statusCode(201).contentType(ContentType.JSON)
                .body("name", equalTo(name)).body("color", equalTo("#1f77b4"));
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/api/tags/" + id));

        JsonPath list = given().auth().oauth2(OLGA_TOKEN).when().get("/api/tags").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> tags = list.getList("$");
        assertTrue(tags.contains(Map.of("id", id, "name", name, "color", "#1f77b4")), tags.toString());
        List<String> names = list.getList("name");
        List<String> sorted = names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
        assertEquals(sorted, names, "by name ignoring case");

        given().auth().oauth2(ADMIN_TOKEN).contentType(ContentType.JSON).body(Map.of("name", name.toUpperCase(), "color", "#000000"))
                .when().post("/api/tags").then().statusCode(409).contentType(PROBLEM).body("detail", containsString(name));
        assertEquals(1, TestDatabase.scalar("select count(*) from audit_entry where action = 'tag.created' and after_state ->> 'id' = ?", id));
    }

    @Test
    void invalidTagsAre422() {
        for (Map<String, Object> body : List.of(Map.<String, Object>of("name", " ", "color", "#ffffff"),
                Map.<String, Object>of("color", "#ffffff"),
                Map.<String, Object>of("name", "x".repeat(41), "color", "#ffffff"),
                Map.<String, Object>of("name", "ok " + ToolsFixtures.token(5), "color", "red"),
                Map.<String, Object>of("name", "ok " + ToolsFixtures.token(5), "color", "#fff"),
                Map.<String, Object>of("name", "ok " + ToolsFixtures.token(5)))) {
            given().auth().oauth2(OLGA_TOKEN).contentType(ContentType.JSON).body(body).when().post("/api/tags")
                    .then().statusCode(422).contentType(PROBLEM).body("status", equalTo(422));
        }
        given().auth().oauth2(OLGA_TOKEN).contentType(ContentType.JSON).body(Map.of("name", "x".repeat(40), "color", "#abcdef"))
                .when().post("/api/tags").then().statusCode(201);
    }

    @Test
    void attachingAndDetachingAreIdempotentAndAuditedWithEvents() {
        UUID conversation = ToolsFixtures.conversation(ToolsFixtures.customer("Tia", "tia" + ToolsFixtures.token(4), null),
                "OPEN_UNCLAIMED", null, Instant.now());
        String name = "VIP " + ToolsFixtures.token(6);
        UUID tag = ToolsFixtures.tag(OLGA_TOKEN, name);
        String path = "/api/conversations/" + conversation + "/tags/" + tag;

        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(OLGA_TOKEN).when().put(path).then().statusCode(200).contentType(ContentType.JSON)
                    .body("id", equalTo(conversation.toString()))
                    .body("tags", equalTo(List.of(Map.of("id", tag.toString(), "name", name, "color", "#336699"))));
        }
        assertEquals(1, TestDatabase.scalar("select count(*) from conversation_tag where conversation_id = ?", conversation));
        assertEquals(1, TestDatabase.scalar("select count(*) from audit_entry where conversation_id = ? and action = 'tag.attached'", conversation));
        Map<String, Object> audit = TestDatabase.query("""
                select actor_id, actor_name, before_state is null as no_before, after_state ->> 'name' as name
                from audit_entry where conversation_id = ? and action = 'tag.attached'""", conversation).get(0);
        assertEquals(OLGA, audit.get("actor_id"));
        assertEquals("olga", audit.get("actor_name"));
        assertEquals(true, audit.get("no_before"));
        assertEquals(name, audit.get("name"));
        List<Map<String, Object>> tagged = outbox("conversation.tagged", conversation);
        assertEquals(1, tagged.size());
        JsonPath event = JsonPath.from((String) tagged.get(0).get("payload"));
        assertEquals(tag.toString(), event.getString("tag.id"));
        assertEquals(name, event.getString("tag.name"));
        assertEquals("#336699", event.getString("tag.color"));
        assertEquals(OLGA.toString(), event.getString("actor.id"));
        assertEquals("olga", event.getString("actor.name"));
        assertEquals(conversation.toString(), tagged.get(0).get("message_key"));

        given().auth().oauth2(OLGA_TOKEN).when().get("/api/conversations/" + conversation)
                .then().statusCode(200).body("tags.name", equalTo(List.of(name)));

        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(OLGA_TOKEN).when().delete(path).then().statusCode(200).body("tags", equalTo(List.of()));
        }
        assertEquals(1, TestDatabase.scalar("select count(*) from audit_entry where conversation_id = ? and action = 'tag.detached'", conversation));
        assertEquals(1, outbox("conversation.untagged", conversation).size());
        assertEquals(0, TestDatabase.scalar("select count(*) from conversation_tag where conversation_id = ?", conversation));
    }

    @Test
    void conversationsListTheirTagsByName() {
        UUID conversation = ToolsFixtures.conversation(ToolsFixtures.customer("Uma", null, null), "OPEN_UNCLAIMED", null, Instant.now());
        String suffix = ToolsFixtures.token(6);
        UUID zed = ToolsFixtures.tag(OLGA_TOKEN, "zed " + suffix);
        UUID alpha = ToolsFixtures.tag(OLGA_TOKEN, "Alpha " + suffix);
        given().auth().oauth2(OLGA_TOKEN).when().put("/api/conversations/" + conversation + "/tags/" + zed).then().statusCode(200);
        given().auth().oauth2(OLGA_TOKEN).when().put("/api/conversations/" + conversation + "/tags/" + alpha).then().statusCode(200)
                .body("tags.name", equalTo(List.of("Alpha " + suffix, "zed " + suffix)));
    }

    @Test
    void unknownConversationsAndTagsAre404() {
        UUID conversation = ToolsFixtures.conversation(ToolsFixtures.customer("Vic", null, null), "CLOSED", null, Instant.now());
        UUID tag = ToolsFixtures.tag(OLGA_TOKEN, "t " + ToolsFixtures.token(6));
        given().auth().oauth2(OLGA_TOKEN).when().put("/api/conversations/" + UUID.randomUUID() + "/tags/" + tag)
                .then().statusCode(404).contentType(PROBLEM).body("detail", containsString("Conversation"));
        given().auth().oauth2(OLGA_TOKEN).when().put("/api/conversations/" + conversation + "/tags/" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM).body("detail", containsString("Tag"));
        given().auth().oauth2(OLGA_TOKEN).when().delete("/api/conversations/" + conversation + "/tags/" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(OLGA_TOKEN).when().put("/api/conversations/" + conversation + "/tags/not-a-uuid")
                .then().statusCode(404).contentType(PROBLEM);
        // a closed conversation can still be tagged
        given().auth().oauth2(OLGA_TOKEN).when().put("/api/conversations/" + conversation + "/tags/" + tag)
                .then().statusCode(200).body("tags.id", equalTo(List.of(tag.toString())));
    }

    @Test
    void onlyAdminsDeleteTagsAndDeletingDetachesThemEverywhere() {
        UUID conversation = ToolsFixtures.conversation(ToolsFixtures.customer("Wes", null, null), "OPEN_UNCLAIMED", null, Instant.now());
        String name = "Doomed " + ToolsFixtures.token(6);
        UUID tag = ToolsFixtures.tag(OLGA_TOKEN, name);
        given().auth().oauth2(OLGA_TOKEN).when().put("/api/conversations/" + conversation + "/tags/" + tag).then().statusCode(200);

        given().auth().oauth2(OLGA_TOKEN).when().delete("/api/tags/" + tag).then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(ADMIN_TOKEN).when().delete("/api/tags/" + tag).then().statusCode(204);
        given().auth().oauth2(ADMIN_TOKEN).when().delete("/api/tags/" + tag).then().statusCode(404).contentType(PROBLEM);

        given().auth().oauth2(OLGA_TOKEN).when().get("/api/conversations/" + conversation).then().statusCode(200)
                .body("tags", equalTo(List.of()));
        assertTrue(!given().auth().oauth2(OLGA_TOKEN).when().get("/api/tags").then().extract().jsonPath()
                .getList("id").contains(tag.toString()));
        assertEquals(1, TestDatabase.scalar("select count(*) from audit_entry where action = 'tag.deleted' and before_state ->> 'name' = ?", name));
        // the name is free again
        ToolsFixtures.tag(OLGA_TOKEN, name);
    }

    private static List<Map<String, Object>> outbox(String type, UUID conversation) {
        return TestDatabase.query("select message_key, payload from outbox where topic = 'conversation.events' and payload like ?",
                "%\"type\":\"" + type + "\"%" + conversation + "%");
    }
}
