package io.switchboard.gateway.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.gateway.testing.DefaultTestProfile;
import io.switchboard.gateway.testing.Operators;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@TestProfile(DefaultTestProfile.class)
class OperatorAdminResourceTest {

    private static final String ADMINS = "/api/admin/operators";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anAdminCreatesEditsAndDeactivatesAnOperator() {
        Response adminLogin = AuthResourceTest.login(DefaultTestProfile.ADMIN_USERNAME,
                DefaultTestProfile.ADMIN_PASSWORD);
        String admin = adminLogin.path("accessToken");
        String adminId = adminLogin.path("operator.id");
        String username = "nina-" + suffix();

        // create
        Response created = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "nina password 1", "displayName", "Nina",
                        "role", "OPERATOR"))
                .post(ADMINS);
        created.then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("keySet()", containsInAnyOrder("id", "username", "displayName", "role", "active", "createdAt"))
                .body("username", equalTo(username))
                .body("displayName", equalTo("Nina"))
                .body("role", equalTo("OPERATOR"))
                .body("active", is(true));
        String id = created.path("id");
        assertThat(created.header("Location"), containsString(ADMINS + "/" + id));
        assertThat(Instant.parse(created.path("createdAt")).isAfter(Instant.now().minusSeconds(60)), is(true));
        assertThat(created.asString(), not(containsString("nina password 1")));
        assertThat(created.asString(), not(containsString("$2")));

        Response firstLogin = AuthResourceTest.login(username, "nina password 1");
        firstLogin.then().statusCode(200).body("operator.role", equalTo("OPERATOR"));
        String firstRefresh = firstLogin.path("refreshToken");

        given().auth().oauth2(admin).get(ADMINS).then().statusCode(200)
                .body("find { it.id == '" + id + "' }.username", equalTo(username))
                .body("find { it.id == '" + id + "' }.createdAt", notNullValue());

        // edit name and role
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("displayName", "  Nina Petrova  ", "role", "ADMIN"))
                .put(ADMINS + "/" + id)
                .then().statusCode(200)
                .body("displayName", equalTo("Nina Petrova"))
                .body("role", equalTo("ADMIN"))
                .body("username", equalTo(username))
                .body("active", is(true));
        // a role or name change does not sign the operator out; the next refresh carries the new role
        AuthResourceTest.refresh(firstRefresh).then().statusCode(200)
                .body("operator.role", equalTo("ADMIN"))
                .body("operator.displayName", equalTo("Nina Petrova"));

        // a new password signs every session out and the old password no longer works
        Response secondLogin = AuthResourceTest.login(username, "nina password 1");
        String secondRefresh = secondLogin.path("refreshToken");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("password", "nina password 2"))
                .put(ADMINS + "/" + id)
                .then().statusCode(200);
        AuthResourceTest.refresh(secondRefresh).then().statusCode(401).contentType("application/problem+json");
        AuthResourceTest.login(username, "nina password 1").then().statusCode(401);
        Response thirdLogin = AuthResourceTest.login(username, "nina password 2");
        thirdLogin.then().statusCode(200);
        String thirdRefresh = thirdLogin.path("refreshToken");

        // deactivation: 200 with the view, no more logins (answered like a wrong password), refresh refused
        given().auth().oauth2(admin).delete(ADMINS + "/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("active", is(false));
        Response refused = AuthResourceTest.login(username, "nina password 2");
        refused.then().statusCode(401).contentType("application/problem+json");
        Response wrongPassword = AuthResourceTest.login(DefaultTestProfile.ADMIN_USERNAME, "not the password");
        assertEquals(wrongPassword.<String>path("detail"), refused.<String>path("detail"));
        AuthResourceTest.refresh(thirdRefresh).then().statusCode(401);
        assertEquals(0, Operators.count(dataSource,
                "select count(*) from refresh_token where operator_id = ?::uuid and revoked_at is null", id));

        // gone from the assignment list, still listed for admins
        given().auth().oauth2(admin).get("/api/operators").then().statusCode(200)
                .body("id", not(hasItem(id)));
        given().auth().oauth2(admin).get(ADMINS).then().statusCode(200)
                .body("find { it.id == '" + id + "' }.active", is(false));
        // deactivating again changes nothing
        given().auth().oauth2(admin).delete(ADMINS + "/" + id).then().statusCode(200).body("active", is(false));

        // the audit trail, newest first, without secrets
        Response audit = given().auth().oauth2(admin).get(ADMINS + "/" + id + "/audit");
        audit.then().statusCode(200)
                .body("items.action", contains("operator.deactivated", "operator.updated", "operator.updated",
                        "operator.created"))
                .body("items.operatorId", everyItem(equalTo(id)))
                .body("items.actorId", everyItem(equalTo(adminId)))
                .body("items.actorName", everyItem(equalTo("Administrator")))
                .body("items[0].before.active", is(true))
                .body("items[0].after.active", is(false))
                .body("items[1].before", equalTo(Map.of()))
                .body("items[1].after.passwordChanged", is(true))
                .body("items[2].before.displayName", equalTo("Nina"))
                .body("items[2].before.role", equalTo("OPERATOR"))
                .body("items[2].after.displayName", equalTo("Nina Petrova"))
                .body("items[2].after.role", equalTo("ADMIN"))
                .body("items[3].before", nullValue())
                .body("items[3].after.username", equalTo(username))
                .body("items[3].after.active", is(true))
                .body("items[0].occurredAt", notNullValue())
                .body("nextCursor", nullValue());
        assertThat(audit.asString(), not(containsString("nina password")));
        assertThat(audit.asString(), not(containsString("$2")));

        // reactivation lets the operator in again
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("active", true))
                .put(ADMINS + "/" + id)
                .then().statusCode(200).body("active", is(true));
        AuthResourceTest.login(username, "nina password 2").then().statusCode(200);
        given().auth().oauth2(admin).get(ADMINS + "/" + id + "/audit?limit=1").then().statusCode(200)
                .body("items.action", contains("operator.reactivated"));
    }

    @Test
    void deactivationUnlinksTheOperatorsTelegramAccountFirstAndNothingIsDeactivatedWhenThatFails() throws Exception {
        String admin = adminToken();
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", "tg-" + UUID.randomUUID().toString().substring(0, 8),
                        "password", "telegram password 1", "displayName", "Tess", "role", "OPERATOR"))
                .post(ADMINS).then().statusCode(201).extract().path("id");

        // conversation-service cannot unlink: 503, the account stays active and nothing is audited
        fakeUnlinkStatus(503);
        try {
            given().auth().oauth2(admin).delete(ADMINS + "/" + id)
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("detail", equalTo("Could not unlink the operator's Telegram account; try again"));
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("active", false))
                    .put(ADMINS + "/" + id).then().statusCode(503);
        } finally {
            fakeUnlinkStatus(204);
        }
        given().auth().oauth2(admin).get(ADMINS).then().statusCode(200)
                .body("find { it.id == '" + id + "' }.active", is(true));
        given().auth().oauth2(admin).get(ADMINS + "/" + id + "/audit").then().statusCode(200)
                .body("items.action", contains("operator.created"));

        given().auth().oauth2(admin).delete(ADMINS + "/" + id).then().statusCode(200).body("active", is(false));
        JsonArray unlinks = fakeUnlinks();
        assertEquals(id, unlinks.getString(unlinks.size() - 1));
        assertEquals(3, unlinks.stream().filter(id::equals).count(), "two refused attempts, then the deactivation");
        // a change that deactivates nothing does not call it
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("displayName", "Tess B"))
                .put(ADMINS + "/" + id).then().statusCode(200);
        assertEquals(3, fakeUnlinks().stream().filter(id::equals).count());
    }

    private static void fakeUnlinkStatus(int status) {
        String base = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("CONVERSATION_SERVICE_URL", String.class);
        given().baseUri(base).put("/__fake/operator-unlinks?status=" + status).then().statusCode(204);
    }

    private static JsonArray fakeUnlinks() {
        String base = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("CONVERSATION_SERVICE_URL", String.class);
        return new JsonArray(given().baseUri(base).get("/__fake/operator-unlinks").asString());
    }

    @Test
    void theAuditTrailIsPaged() {
        String admin = adminToken();
        String id = create(admin, "paged-" + suffix(), "OPERATOR").path("id");
        for (String name : List.of("One", "Two", "Three")) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("displayName", name))
                    .put(ADMINS + "/" + id).then().statusCode(200);
        }
        Response first = given().auth().oauth2(admin).get(ADMINS + "/" + id + "/audit?limit=2");
        first.then().statusCode(200).body("items.after.displayName", contains("Three", "Two"));
        String cursor = first.path("nextCursor");
        Response second = given().auth().oauth2(admin).queryParam("cursor", cursor).queryParam("limit", 2)
                .get(ADMINS + "/" + id + "/audit");
        second.then().statusCode(200)
                .body("items.action", contains("operator.updated", "operator.created"))
                .body("items[0].after.displayName", equalTo("One"));
        given().auth().oauth2(admin).queryParam("cursor", (String) second.path("nextCursor")).queryParam("limit", 2)
                .get(ADMINS + "/" + id + "/audit")
                .then().statusCode(200).body("items", equalTo(List.of())).body("nextCursor", nullValue());
        given().auth().oauth2(admin).get(ADMINS + "/" + id + "/audit?cursor=abc")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).get(ADMINS + "/" + id + "/audit?limit=0")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anUnchangedAccountWritesNoAuditEntry() {
        String admin = adminToken();
        String username = "same-" + suffix();
        String id = create(admin, username, "OPERATOR").path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "role", "OPERATOR", "active", true))
                .put(ADMINS + "/" + id)
                .then().statusCode(200).body("username", equalTo(username));
        given().auth().oauth2(admin).get(ADMINS + "/" + id + "/audit").then().statusCode(200)
                .body("items.action", contains("operator.created"));
    }

    @Test
    void operatorsGetForbiddenAndStrangersUnauthorizedOnEveryAdminRoute() {
        UUID operatorId = Operators.create(dataSource, "opal-" + suffix(), "opal password 1", "OPERATOR", true);
        String operator = TestJwt.operator(operatorId, Operators.usernameOf(dataSource, operatorId));
        String target = UUID.randomUUID().toString();
        String expired = TestJwt.token(operatorId, "opal", Set.of("admin", "operator"), Duration.ofMinutes(-5));
        long before = Operators.count(dataSource, "select count(*) from operator");

        String[] tokens = {operator, null, "not.a.token", expired};
        for (int t = 0; t < tokens.length; t++) {
            String token = tokens[t];
            int status = t == 0 ? 403 : 401;
            List<Response> answers = List.of(
                    request(token).get(ADMINS),
                    request(token).contentType(ContentType.JSON)
                            .body(Map.of("username", "x-" + suffix(), "password", "0123456789abc",
                                    "displayName", "X", "role", "ADMIN"))
                            .post(ADMINS),
                    request(token).contentType(ContentType.JSON).body(Map.of("role", "ADMIN"))
                            .put(ADMINS + "/" + operatorId),
                    request(token).delete(ADMINS + "/" + target),
                    request(token).get(ADMINS + "/" + target + "/audit"));
            for (Response answer : answers) {
                answer.then().statusCode(status)
                        .contentType("application/problem+json")
                        .body("status", equalTo(status));
            }
        }
        assertEquals(before, Operators.count(dataSource, "select count(*) from operator"));
        assertEquals(0, Operators.count(dataSource,
                "select count(*) from operator where id = ? and role = 'ADMIN'", operatorId));
    }

    @Test
    void aDeactivatedAdminsTokenIsRefusedAtOnce() {
        String admin = adminToken();
        Response other = create(admin, "ada-" + suffix(), "ADMIN");
        String otherToken = TestJwt.admin(UUID.fromString(other.path("id")), other.path("username"));
        given().auth().oauth2(otherToken).get(ADMINS).then().statusCode(200);

        given().auth().oauth2(admin).delete(ADMINS + "/" + other.path("id")).then().statusCode(200);

        given().auth().oauth2(otherToken).get(ADMINS)
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("deactivated"));
        given().auth().oauth2(otherToken).contentType(ContentType.JSON)
                .body(Map.of("username", "sneaky-" + suffix(), "password", "0123456789abc",
                        "displayName", "Sneaky", "role", "ADMIN"))
                .post(ADMINS)
                .then().statusCode(403);
    }

    @Test
    void invalidAccountsAreRefusedWithClearProblems() {
        String admin = adminToken();
        Map<String, String> valid = Map.of("username", "valid-" + suffix(), "password", "0123456789",
                "displayName", "Valid", "role", "OPERATOR");
        Map<String, String> expectations = new HashMap<>();
        expectations.put("username=ab", "username must be 3 to 32");
        expectations.put("username=has space", "username must be 3 to 32");
        expectations.put("username=" + "x".repeat(33), "username must be 3 to 32");
        expectations.put("username=émile", "username must be 3 to 32");
        expectations.put("password=012345678", "at least 10 characters");
        expectations.put("password=" + "é".repeat(36), "at most 71 bytes");
        expectations.put("displayName=   ", "displayName is required");
        expectations.put("displayName=" + "n".repeat(65), "at most 64 characters");
        expectations.put("role=ROOT", "role must be ADMIN or OPERATOR");
        expectations.put("role=admin", "role must be ADMIN or OPERATOR");
        for (Map.Entry<String, String> expectation : expectations.entrySet()) {
            String[] field = expectation.getKey().split("=", 2);
            Map<String, String> body = new HashMap<>(valid);
            body.put(field[0], field[1]);
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post(ADMINS)
                    .then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("status", equalTo(422))
                    .body("title", equalTo("Unprocessable Content"))
                    .body("detail", containsString(expectation.getValue()));
        }
        for (String missing : List.of("username", "password", "displayName", "role")) {
            Map<String, String> body = new HashMap<>(valid);
            body.remove(missing);
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post(ADMINS)
                    .then().statusCode(422).body("detail", containsString(missing));
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{not json").post(ADMINS)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).post(ADMINS)
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(0, Operators.count(dataSource, "select count(*) from operator where username like 'valid-%'"));

        // the same rules on edits; a 64-character name and a 10-character password are fine
        String id = create(admin, "edit-" + suffix(), "OPERATOR").path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("password", "short"))
                .put(ADMINS + "/" + id).then().statusCode(422).body("detail", containsString("at least 10"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("role", "SUPERUSER"))
                .put(ADMINS + "/" + id).then().statusCode(422);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("username", "no/slash"))
                .put(ADMINS + "/" + id).then().statusCode(422);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("displayName", "n".repeat(64), "password", "0123456789"))
                .put(ADMINS + "/" + id).then().statusCode(200).body("displayName", equalTo("n".repeat(64)));
    }

    @Test
    void usernamesAreUniqueIgnoringCase() {
        String admin = adminToken();
        String username = "Uma-" + suffix();
        String ownId = create(admin, username, "OPERATOR").path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username.toLowerCase(), "password", "0123456789",
                        "displayName", "Other Uma", "role", "OPERATOR"))
                .post(ADMINS)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already taken"));

        String otherId = create(admin, "vera-" + suffix(), "OPERATOR").path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("username", username.toUpperCase()))
                .put(ADMINS + "/" + otherId)
                .then().statusCode(409).contentType("application/problem+json");
        // an operator may change the case of their own username
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("username", username.toUpperCase()))
                .put(ADMINS + "/" + ownId)
                .then().statusCode(200).body("username", equalTo(username.toUpperCase()));
    }

    @Test
    void concurrentCreationsOfOneUsernameMakeExactlyOneAccount() throws Exception {
        String admin = adminToken();
        String username = "twin-" + suffix();
        int attempts = 6;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String spelling = i % 2 == 0 ? username : username.toUpperCase();
                statuses.add(pool.submit((Callable<Integer>) () -> {
                    start.await();
                    return given().auth().oauth2(admin).contentType(ContentType.JSON)
                            .body(Map.of("username", spelling, "password", "0123456789",
                                    "displayName", "Twin", "role", "OPERATOR"))
                            .post(ADMINS)
                            .statusCode();
                }));
            }
            start.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answers.add(status.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, answers.stream().filter(status -> status == 201).count(), answers.toString());
            assertEquals(attempts - 1, answers.stream().filter(status -> status == 409).count(), answers.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Operators.count(dataSource,
                "select count(*) from operator where lower(username) = lower(?)", username));
        assertEquals(1, Operators.count(dataSource, "select count(*) from operator_audit a join operator o "
                + "on o.id = a.operator_id where lower(o.username) = lower(?)", username));
    }

    @Test
    void anAdminCannotDeactivateOrDemoteThemselves() {
        UUID selfId = Operators.create(dataSource, "sam-" + suffix(), "sam password 1", "ADMIN", true);
        String self = TestJwt.admin(selfId, Operators.usernameOf(dataSource, selfId));

        given().auth().oauth2(self).delete(ADMINS + "/" + selfId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("your own account"));
        given().auth().oauth2(self).contentType(ContentType.JSON).body(Map.of("active", false))
                .put(ADMINS + "/" + selfId)
                .then().statusCode(409);
        given().auth().oauth2(self).contentType(ContentType.JSON).body(Map.of("role", "OPERATOR"))
                .put(ADMINS + "/" + selfId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("admin role from yourself"));
        // a refused change changes nothing, not even the fields sent with it
        given().auth().oauth2(self).contentType(ContentType.JSON)
                .body(Map.of("role", "OPERATOR", "displayName", "Renamed"))
                .put(ADMINS + "/" + selfId)
                .then().statusCode(409);
        assertEquals(1, Operators.count(dataSource, "select count(*) from operator where id = ? and active "
                + "and role = 'ADMIN' and display_name <> 'Renamed'", selfId));
        assertEquals(0, Operators.count(dataSource, "select count(*) from operator_audit where operator_id = ?",
                selfId));

        // other edits of oneself are fine
        given().auth().oauth2(self).contentType(ContentType.JSON).body(Map.of("displayName", "Sam the Admin"))
                .put(ADMINS + "/" + selfId)
                .then().statusCode(200).body("displayName", equalTo("Sam the Admin")).body("role", equalTo("ADMIN"));
    }

    @Test
    void unknownAccountsAreNotFound() {
        String admin = adminToken();
        String unknown = UUID.randomUUID().toString();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("displayName", "X"))
                .put(ADMINS + "/" + unknown)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(admin).delete(ADMINS + "/" + unknown)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(admin).get(ADMINS + "/" + unknown + "/audit")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(admin).delete(ADMINS + "/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theAssignmentListShowsActiveOperatorsWithTheirRole() {
        String admin = adminToken();
        String activeId = create(admin, "act-" + suffix(), "ADMIN").path("id");
        String inactiveId = create(admin, "inact-" + suffix(), "OPERATOR").path("id");
        given().auth().oauth2(admin).delete(ADMINS + "/" + inactiveId).then().statusCode(200);

        given().auth().oauth2(admin).get("/api/operators").then().statusCode(200)
                .body("id", hasItem(activeId))
                .body("id", not(hasItem(inactiveId)))
                .body("active", everyItem(is(true)))
                .body("find { it.id == '" + activeId + "' }.role", equalTo("ADMIN"));
    }

    /** A token of a fresh active admin (its own account, so that tests may change it freely). */
    private String adminToken() {
        UUID id = Operators.create(dataSource, "boss-" + suffix(), "boss password 1", "ADMIN", true);
        return TestJwt.admin(id, Operators.usernameOf(dataSource, id));
    }

    private static Response create(String admin, String username, String role) {
        Response response = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "0123456789", "displayName", "Display " + username,
                        "role", role))
                .post(ADMINS);
        response.then().statusCode(201);
        return response;
    }

    private static io.restassured.specification.RequestSpecification request(String token) {
        return token == null ? given() : given().auth().oauth2(token);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
