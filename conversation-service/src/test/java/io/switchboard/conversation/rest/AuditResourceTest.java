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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the audit log: per conversation (operators) and the whole log (admins). */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class AuditResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aConversationsAuditIsPagedNewestFirstWithStatesAsObjects() {
        UUID olga = UUID.randomUUID();
        String token = TestJwt.operator(olga, "olga");
        UUID conversation = ToolsFixtures.conversation(ToolsFixtures.customer("Audited", null, null), "OPEN_UNCLAIMED", null, Instant.now());
        String name = "Audit " + ToolsFixtures.token(6);
        UUID tag = ToolsFixtures.tag(token, name);
        given().auth().oauth2(token).when().put("/api/conversations/" + conversation + "/tags/" + tag).then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "a note"))
                .when().post("/api/conversations/" + conversation + "/notes").then().statusCode(201);
        given().auth().oauth2(token).when().delete("/api/conversations/" + conversation + "/tags/" + tag).then().statusCode(200);

        List<Map<String, Object>> entries = ToolsFixtures.allPages(token, "/api/conversations/" + conversation + "/audit", 2);
        assertEquals(List.of("tag.detached", "note.added", "tag.attached"), entries.stream().map(e -> e.get("action")).toList());
        Map<String, Object> attached = entries.get(2);
        assertEquals(conversation.toString(), attached.get("conversationId"));
        assertEquals(olga.toString(), attached.get("actorId"));
        assertEquals("olga", attached.get("actorName"));
        assertNull(attached.get("before"));
        assertEquals(Map.of("id", tag.toString(), "name", name, "color", "#336699"), attached.get("after"), "a JSON object, not a string");
        assertEquals(Map.of("id", tag.toString(), "name", name, "color", "#336699"), entries.get(0).get("before"));
        assertEquals("a note", ((Map<?, ?>) entries.get(1).get("after")).get("text"));
        Instant.parse((String) attached.get("occurredAt"));

        given().auth().oauth2(token).when().get("/api/conversations/" + UUID.randomUUID() + "/audit")
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(token).when().get("/api/conversations/" + conversation + "/audit?cursor=bad!")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void theWholeLogIsForAdminsAndFiltersByActionAndActor() {
        UUID admin = UUID.randomUUID();
        String adminToken = TestJwt.admin(admin, "root");
        UUID olga = UUID.randomUUID();
        String olgaToken = TestJwt.operator(olga, "olga");
        for (int i = 0; i < 3; i++) {
            ToolsFixtures.tag(olgaToken, "By olga " + ToolsFixtures.token(6));
        }
        String adminTag = "By admin " + ToolsFixtures.token(6);
        ToolsFixtures.tag(adminToken, adminTag);

        given().auth().oauth2(olgaToken).when().get("/api/admin/audit").then().statusCode(403).contentType(PROBLEM);
        given().when().get("/api/admin/audit").then().statusCode(401).contentType(PROBLEM);

        List<Map<String, Object>> olgas = ToolsFixtures.allPages(adminToken, "/api/admin/audit?actorId=" + olga, 2);
        assertEquals(3, olgas.size());
        assertTrue(olgas.stream().allMatch(e -> "tag.created".equals(e.get("action")) && e.get("conversationId") == null));
        assertEquals(3, new HashSet<>(ToolsFixtures.ids(olgas)).size());
        for (int i = 1; i < olgas.size(); i++) {
            assertTrue(!Instant.parse((String) olgas.get(i).get("occurredAt")).isAfter(Instant.parse((String) olgas.get(i - 1).get("occurredAt"))));
        }
        JsonPath created = given().auth().oauth2(adminToken).queryParam("action", "tag.created").queryParam("actorId", admin.toString())
                .when().get("/api/admin/audit").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(adminTag), created.getList("items.after.name"));
        given().auth().oauth2(adminToken).queryParam("action", "no.such.action").when().get("/api/admin/audit")
                .then().statusCode(200).body("items", equalTo(List.of()));
        given().auth().oauth2(adminToken).queryParam("actorId", "olga").when().get("/api/admin/audit")
                .then().statusCode(400).contentType(PROBLEM);
        long total = TestDatabase.scalar("select count(*) from audit_entry");
        assertTrue(total >= 4);
    }
}
