package io.switchboard.notification.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.notification.OperatorClient;
import io.switchboard.notification.Tokens;
import io.switchboard.notification.scheduler.PresenceHeartbeat;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Presence on real Redis; the test profile sets a 3 s TTL and no scheduled heartbeat. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class PresenceResourceTest {

    @TestHTTPResource("/")
    URI baseUri;

    @Inject
    PresenceHeartbeat heartbeat;

    private final String reader = TestJwt.operator(UUID.randomUUID(), "reader");
    private final List<OperatorClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(OperatorClient::close);
        clients.clear();
    }

    @Test
    void aConnectedOperatorIsListedWithTheirClaimsAndDroppedRightAfterClosing() {
        UUID id = UUID.randomUUID();
        Instant before = Instant.now();
        OperatorClient client = connect(Tokens.operator(id, "zoe", "Zoë Ostrova"));

        Map<String, Object> entry = awaitListed(id);
        assertEquals("zoe", entry.get("username"));
        assertEquals("Zoë Ostrova", entry.get("displayName"));
        Instant since = Instant.parse((String) entry.get("since"));
        Instant lastSeen = Instant.parse((String) entry.get("lastSeen"));
        assertFalse(since.isBefore(before.minusSeconds(1)));
        assertFalse(lastSeen.isBefore(since));

        client.close();
        // well within the 3 s TTL: the close itself removed the operator
        await().atMost(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(100))
                .until(() -> find(id) == null);
    }

    @Test
    void anOperatorWithTwoConnectionsStaysOnlineUntilTheLastOneCloses() throws InterruptedException {
        UUID id = UUID.randomUUID();
        String token = Tokens.operator(id, "tabs", "Two Tabs");
        OperatorClient first = connect(token);
        OperatorClient second = connect(token);
        String since = (String) awaitListed(id).get("since");

        first.close();
        Thread.sleep(500);
        Map<String, Object> entry = find(id);
        assertNotNull(entry, "still online through the second tab");
        assertEquals(since, entry.get("since"));

        second.close();
        await().atMost(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(100))
                .until(() -> find(id) == null);
    }

    @Test
    void operatorsAreSortedByDisplayName() {
        UUID zed = UUID.randomUUID();
        UUID adam = UUID.randomUUID();
        UUID mike = UUID.randomUUID();
        connect(Tokens.operator(zed, "zed", "zed Last"));
        connect(Tokens.operator(adam, "adam", "Adam First"));
        connect(Tokens.operator(mike, "mike", "mike Middle"));

        await().atMost(Duration.ofSeconds(2)).until(() -> find(zed) != null && find(adam) != null && find(mike) != null);
        List<String> ours = presence().getList("operatorId", String.class).stream()
                .filter(Set.of(zed.toString(), adam.toString(), mike.toString())::contains).toList();
        assertEquals(List.of(adam.toString(), mike.toString(), zed.toString()), ours);
    }

    @Test
    void presenceExpiresAfterTheTtlWithoutPingOrHeartbeatAndTheHeartbeatRestoresIt() {
        UUID id = UUID.randomUUID();
        OperatorClient client = connect(Tokens.operator(id, "idle", "Idle Operator"));
        awaitListed(id);

        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200)).until(() -> find(id) == null);
        assertTrue(client.connection().isOpen(), "expiry does not close the socket");

        heartbeat.beat().await().atMost(Duration.ofSeconds(5));
        assertNotNull(find(id), "the heartbeat refreshes every connection this replica holds");
    }

    @Test
    void pingsKeepTheOperatorOnlinePastTheTtl() throws InterruptedException {
        UUID id = UUID.randomUUID();
        OperatorClient client = connect(Tokens.operator(id, "pinger", "Pinging Operator"));
        awaitListed(id);

        for (int i = 0; i < 6; i++) { // 6 s, twice the TTL
            client.send("{\"type\":\"ping\"}");
            assertEquals("pong", client.awaitFrame(f -> true, Duration.ofSeconds(2)).get("type").asText());
            Thread.sleep(1000);
        }
        assertNotNull(find(id));
    }

    @Test
    void withoutATokenTheAnswerIsAProblem401() {
        given().when().get("/api/presence")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"))
                .body("instance", equalTo("/api/presence"));
    }

    @Test
    void aForgedOrExpiredTokenIsAProblem401() {
        for (String token : List.of(Tokens.signedByAnotherKey(UUID.randomUUID(), "mallory"),
                Tokens.expired(UUID.randomUUID(), "erin"), "not-a-jwt")) {
            given().auth().oauth2(token).when().get("/api/presence")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("status", equalTo(401));
        }
    }

    @Test
    void aTokenWithoutTheOperatorRoleIsAProblem403() {
        given().auth().oauth2(Tokens.withoutOperatorRole(UUID.randomUUID(), "grace"))
                .when().get("/api/presence")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("title", equalTo("Forbidden"));
    }

    private OperatorClient connect(String token) {
        OperatorClient client = OperatorClient.connect(baseUri, token);
        clients.add(client);
        return client;
    }

    private Map<String, Object> awaitListed(UUID id) {
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100)).until(() -> find(id) != null);
        return find(id);
    }

    private Map<String, Object> find(UUID id) {
        List<Map<String, Object>> all = presence().getList("$");
        return all.stream().filter(e -> id.toString().equals(e.get("operatorId"))).findFirst().orElse(null);
    }

    private JsonPath presence() {
        return given().auth().oauth2(reader).when().get("/api/presence")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath();
    }
}
