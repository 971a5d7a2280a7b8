package io.switchboard.gateway.scheduler;

import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.gateway.testing.DefaultTestProfile;
import io.switchboard.gateway.testing.OnVertxContext;
import io.switchboard.gateway.testing.Operators;
import io.switchboard.gateway.testing.RefreshTokens;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(DefaultTestProfile.class)
class RefreshTokenPurgeScheduleTest {

    private static final Duration DAY = Duration.ofDays(1);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RefreshTokenPurgeSchedule schedule;

    @Inject
    Scheduler scheduler;

    @Inject
    Vertx vertx;

    @Test
    void thePurgeIsScheduled() {
        assertNotNull(scheduler.getScheduledJob("refresh-token-purge"));
    }

    @Test
    void aRunDeletesExpiredTokensAndDeadChainsAndKeepsWhatALiveChainNeeds() {
        UUID operator = Operators.create(dataSource, "purge-" + UUID.randomUUID().toString().substring(0, 8),
                "purge password 1", "OPERATOR", true);

        // a live chain: the current token, the rotated one before it (kept: presenting it again reveals a theft),
        // and a rotated one so old that it expired (gone: it can never be exchanged)
        UUID live = UUID.randomUUID();
        UUID current = RefreshTokens.insert(dataSource, operator, live, Duration.ofDays(29), null, null);
        UUID rotated = RefreshTokens.insert(dataSource, operator, live, Duration.ofDays(28), DAY, current);
        UUID rotatedExpired = RefreshTokens.insert(dataSource, operator, live, Duration.ofMinutes(-1),
                Duration.ofDays(20), rotated);

        // a logged-out chain: nothing in it is usable any more
        UUID loggedOut = UUID.randomUUID();
        UUID loggedOutLast = RefreshTokens.insert(dataSource, operator, loggedOut, Duration.ofDays(20), DAY, null);
        UUID loggedOutFirst = RefreshTokens.insert(dataSource, operator, loggedOut, Duration.ofDays(19),
                Duration.ofDays(2), loggedOutLast);

        // a chain whose only token expired without ever being used
        UUID expired = RefreshTokens.insert(dataSource, operator, UUID.randomUUID(), Duration.ofSeconds(-1), null,
                null);

        OnVertxContext.await(vertx, schedule::run);

        assertTrue(RefreshTokens.exists(dataSource, current), "the usable token stays");
        assertTrue(RefreshTokens.exists(dataSource, rotated), "a rotated token of a live chain stays");
        assertFalse(RefreshTokens.exists(dataSource, rotatedExpired), "an expired token goes");
        assertFalse(RefreshTokens.exists(dataSource, loggedOutLast), "a dead chain goes");
        assertFalse(RefreshTokens.exists(dataSource, loggedOutFirst), "a dead chain goes");
        assertFalse(RefreshTokens.exists(dataSource, expired), "an expired token goes");
        assertEquals(2, Operators.count(dataSource, "select count(*) from refresh_token where operator_id = ?",
                operator));
    }

    @Test
    void widgetSessionsArePurgedByTheSameRules() {
        UUID conversation = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        // a live chain: the current token and the rotated one before it stay
        UUID live = UUID.randomUUID();
        UUID current = widgetSession(customer, conversation, live, Duration.ofDays(29), null, null);
        UUID rotated = widgetSession(customer, conversation, live, Duration.ofDays(28), DAY, current);
        // a chain revoked for reuse: gone
        UUID dead = UUID.randomUUID();
        UUID deadLast = widgetSession(customer, conversation, dead, Duration.ofDays(20), DAY, null);
        UUID deadFirst = widgetSession(customer, conversation, dead, Duration.ofDays(19), Duration.ofDays(2), deadLast);
        // an expired, never used token: gone
        UUID expired = widgetSession(customer, conversation, UUID.randomUUID(), Duration.ofSeconds(-1), null, null);

        OnVertxContext.await(vertx, schedule::run);

        assertTrue(widgetSessionExists(current));
        assertTrue(widgetSessionExists(rotated));
        assertFalse(widgetSessionExists(deadLast));
        assertFalse(widgetSessionExists(deadFirst));
        assertFalse(widgetSessionExists(expired));
    }

    private UUID widgetSession(UUID customer, UUID conversation, UUID chain, Duration expiresIn, Duration revokedAgo,
                               UUID replacedBy) {
        UUID id = UUID.randomUUID();
        java.time.Instant now = java.time.Instant.now();
        Operators.update(dataSource, "insert into widget_session (id, customer_id, conversation_id, chain_id, "
                        + "token_hash, created_at, expires_at, revoked_at, replaced_by) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, customer, conversation, chain, UUID.randomUUID().toString() + UUID.randomUUID(),
                java.sql.Timestamp.from(now.minus(DAY)), java.sql.Timestamp.from(now.plus(expiresIn)),
                revokedAgo == null ? null : java.sql.Timestamp.from(now.minus(revokedAgo)), replacedBy);
        return id;
    }

    private boolean widgetSessionExists(UUID id) {
        return Operators.count(dataSource, "select count(*) from widget_session where id = ?", id) == 1;
    }

    @Test
    void aSignedInSessionSurvivesAPurgeAndALoggedOutOneIsGone() {
        String kept = login();
        String loggedOut = login();
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", loggedOut))
                .post("/api/auth/logout").then().statusCode(204);
        long before = Operators.count(dataSource, "select count(*) from refresh_token");

        OnVertxContext.await(vertx, schedule::run);

        assertEquals(0, Operators.count(dataSource, "select count(*) from refresh_token "
                + "where token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')", loggedOut));
        assertTrue(Operators.count(dataSource, "select count(*) from refresh_token") < before);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", kept))
                .post("/api/auth/refresh").then().statusCode(200);
    }

    private static String login() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", DefaultTestProfile.ADMIN_USERNAME,
                        "password", DefaultTestProfile.ADMIN_PASSWORD))
                .post("/api/auth/login")
                .then().statusCode(200).extract().path("refreshToken");
    }
}
