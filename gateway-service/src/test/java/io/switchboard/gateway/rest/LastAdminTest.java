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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On a database of its own, so that the number of admins is known: only the first admin at the start. */
@QuarkusTest
@TestProfile(LastAdminTest.OwnDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LastAdminTest {

    /** The default settings, as a profile of its own: Quarkus restarts, with a fresh database. */
    public static class OwnDatabase extends DefaultTestProfile {
    }

    private static final String ADMINS = "/api/admin/operators";

    @Inject
    AgroalDataSource dataSource;

    @Test
    @Order(1)
    void theLastActiveAdminCanNeitherBeDemotedNorDeactivated() {
        assertEquals(1, Operators.count(dataSource, "select count(*) from operator where role = 'ADMIN' and active"));
        Response first = AuthResourceTest.login(DefaultTestProfile.ADMIN_USERNAME, DefaultTestProfile.ADMIN_PASSWORD);
        String firstToken = first.path("accessToken");
        String firstId = first.path("operator.id");

        // the first admin makes Beth an admin, and Beth takes the admin role from the first admin
        String bethId = given().auth().oauth2(firstToken).contentType(ContentType.JSON)
                .body(Map.of("username", "beth", "password", "beth password 1", "displayName", "Beth",
                        "role", "ADMIN"))
                .post(ADMINS)
                .then().statusCode(201).extract().path("id");
        String bethToken = AuthResourceTest.login("beth", "beth password 1").path("accessToken");
        given().auth().oauth2(bethToken).contentType(ContentType.JSON).body(Map.of("role", "OPERATOR"))
                .put(ADMINS + "/" + firstId)
                .then().statusCode(200).body("role", equalTo("OPERATOR"));

        // the first admin's access token still says admin until it expires, but Beth is the last active admin now
        given().auth().oauth2(firstToken).contentType(ContentType.JSON).body(Map.of("role", "OPERATOR"))
                .put(ADMINS + "/" + bethId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("last active admin"));
        given().auth().oauth2(firstToken).delete(ADMINS + "/" + bethId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("last active admin"));
        given().auth().oauth2(firstToken).contentType(ContentType.JSON).body(Map.of("active", false))
                .put(ADMINS + "/" + bethId)
                .then().statusCode(409);
        assertEquals(1, Operators.count(dataSource,
                "select count(*) from operator where id = ?::uuid and role = 'ADMIN' and active", bethId));

        // with a second admin again, Beth may go
        given().auth().oauth2(bethToken).contentType(ContentType.JSON).body(Map.of("role", "ADMIN"))
                .put(ADMINS + "/" + firstId)
                .then().statusCode(200);
        given().auth().oauth2(firstToken).delete(ADMINS + "/" + bethId)
                .then().statusCode(200).body("active", equalTo(false));
        assertEquals(1, Operators.count(dataSource, "select count(*) from operator where role = 'ADMIN' and active"));
    }

    @Test
    @Order(2)
    void twoAdminsTurningOnEachOtherAtOnceLeaveOneActiveAdmin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                boolean demote = round % 2 == 0;
                Operators.update(dataSource, "update operator set active = false where role = 'ADMIN'");
                UUID x = Operators.create(dataSource, "x-" + round, "x password 1", "ADMIN", true);
                UUID y = Operators.create(dataSource, "y-" + round, "y password 1", "ADMIN", true);
                CountDownLatch start = new CountDownLatch(1);
                Future<Integer> xOnY = pool.submit(turnOn(start, demote, x, "x-" + round, y));
                Future<Integer> yOnX = pool.submit(turnOn(start, demote, y, "y-" + round, x));
                start.countDown();
                List<Integer> answers = List.of(xOnY.get(30, TimeUnit.SECONDS), yOnX.get(30, TimeUnit.SECONDS));
                // the changes run one after the other: the second finds the last admin (409), or finds its own
                // account deactivated (403)
                int refusal = demote ? 409 : 403;
                assertTrue(answers.contains(200) && answers.contains(refusal), answers.toString());
                assertEquals(1, Operators.count(dataSource,
                        "select count(*) from operator where role = 'ADMIN' and active"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A request of {@code actor}'s that demotes or deactivates {@code target}, sent when {@code start} opens. */
    private static Callable<Integer> turnOn(CountDownLatch start, boolean demote, UUID actor, String actorName,
                                            UUID target) {
        String token = TestJwt.admin(actor, actorName);
        return () -> {
            start.await();
            return demote
                    ? given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("role", "OPERATOR"))
                            .put(ADMINS + "/" + target).statusCode()
                    : given().auth().oauth2(token).delete(ADMINS + "/" + target).statusCode();
        };
    }
}
