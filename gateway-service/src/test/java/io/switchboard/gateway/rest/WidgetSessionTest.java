package io.switchboard.gateway.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.switchboard.gateway.testing.DefaultTestProfile;
import io.switchboard.gateway.testing.Operators;
import io.switchboard.gateway.testing.WidgetClients;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting a widget conversation (with the fake conversation-service) and refreshing the customer's tokens. */
@QuarkusTest
@TestProfile(DefaultTestProfile.class)
class WidgetSessionTest {

    @Inject
    JWTParser parser;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void startingAConversationMintsACustomerTokenAndCallsConversationServiceWithIt() throws Exception {
        Response response = WidgetClients.postStart(WidgetClients.randomAddress(),
                Map.of("nickname", "Ada", "locale", "ru-RU", "ignored", "x"));
        response.then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("codename", equalTo("Blue Lion #84C2"))
                .body("expiresIn", equalTo(900))
                .body("refreshToken", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("token", notNullValue());
        String conversationId = response.path("conversationId");
        assertEquals("/api/widget/conversations/" + conversationId,
                java.net.URI.create(response.header("Location")).getPath());

        JsonWebToken jwt = parser.parse(response.path("token"));
        assertEquals("switchboard", jwt.getIssuer());
        assertEquals(Set.of("customer"), jwt.getGroups());
        assertEquals(conversationId, jwt.getClaim("conversation").toString().replace("\"", ""));
        UUID customerId = UUID.fromString(jwt.getSubject());
        assertEquals(900, jwt.getExpirationTime() - jwt.getIssuedAtTime());
        assertNotEquals(conversationId, customerId.toString());

        JsonObject call = creates().stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("authorization").equals("Bearer " + response.path("token")))
                .findFirst().orElseThrow(() -> new AssertionError("conversation-service was not called with the token"));
        assertEquals(new JsonObject().put("nickname", "Ada").put("locale", "ru-RU"), new JsonObject(call.getString("body")));
        assertTrue(call.getString("requestId") != null, "a request id is passed on");

        assertEquals(1, Operators.count(dataSource, "select count(*) from widget_session where conversation_id = ? "
                + "and customer_id = ? and revoked_at is null and expires_at > now() + interval '29 days'",
                UUID.fromString(conversationId), customerId));
    }

    @Test
    void anEmptyBodyStartsAnAnonymousConversation() {
        given().header("X-Forwarded-For", WidgetClients.randomAddress()).contentType(ContentType.JSON)
                .post("/api/widget/conversations")
                .then().statusCode(201).body("conversationId", notNullValue());
        Response withNulls = WidgetClients.postStart(WidgetClients.randomAddress(), Map.of());
        withNulls.then().statusCode(201);
        JsonObject call = lastCreate();
        assertEquals(new JsonObject().putNull("nickname").putNull("locale"), new JsonObject(call.getString("body")));
    }

    @Test
    void aNicknameConversationServiceRefusesIsPassedOnAndNoSessionIsStored() {
        long sessions = Operators.count(dataSource, "select count(*) from widget_session");
        WidgetClients.postStart(WidgetClients.randomAddress(), Map.of("nickname", "fake-422"))
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", equalTo("fake conversation-service refused with 422"));
        WidgetClients.postStart(WidgetClients.randomAddress(), Map.of("nickname", "fake-500"))
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("detail", equalTo("conversation-service is unavailable"));
        WidgetClients.postStart(WidgetClients.randomAddress(), Map.of("nickname", "fake-503"))
                .then().statusCode(503)
                .header("Retry-After", "5");
        // an upstream that refuses the gateway's own token is a misconfiguration, not the customer's fault
        WidgetClients.postStart(WidgetClients.randomAddress(), Map.of("nickname", "fake-403"))
                .then().statusCode(502);
        assertEquals(sessions, Operators.count(dataSource, "select count(*) from widget_session"));
    }

    @Test
    void aBadLocaleIsRefusedBeforeConversationServiceIsAsked() {
        int before = creates().size();
        for (String locale : new String[] {"<script>", "e", "en-US-" + "x".repeat(40), "en us"}) {
            WidgetClients.postStart(WidgetClients.randomAddress(), Map.of("locale", locale))
                    .then().statusCode(422).contentType("application/problem+json");
        }
        given().header("X-Forwarded-For", WidgetClients.randomAddress()).contentType(ContentType.JSON)
                .body("{\"nickname\": 42, ").post("/api/widget/conversations")
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(before, creates().size());
    }

    @Test
    void aRefreshTokenIsUsableOnceAndEachUseGivesANewPair() throws Exception {
        WidgetClients.Started started = WidgetClients.start();
        Response first = refresh(started.refreshToken());
        first.then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("expiresIn", equalTo(900))
                .body("refreshToken", matchesPattern("[A-Za-z0-9_-]{43}"));
        JsonWebToken original = parser.parse(started.token());
        JsonWebToken renewed = parser.parse(first.path("token"));
        assertEquals(original.getSubject(), renewed.getSubject());
        assertEquals(started.conversationId().toString(), renewed.getClaim("conversation").toString().replace("\"", ""));
        assertEquals(Set.of("customer"), renewed.getGroups());
        assertNotEquals(started.refreshToken(), first.path("refreshToken"));

        Response second = refresh(first.path("refreshToken"));
        second.then().statusCode(200);
        // the renewed token opens the conversation's routes
        given().auth().oauth2(second.<String>path("token"))
                .get("/api/widget/conversations/" + started.conversationId())
                .then().statusCode(200).body("upstream", equalTo("conversation-service"));
    }

    @Test
    void presentingARotatedRefreshTokenAgainRevokesTheWholeChain() {
        WidgetClients.Started started = WidgetClients.start();
        String successor = refresh(started.refreshToken()).then().statusCode(200).extract().path("refreshToken");

        // the thief (or the victim) presents the used token again: 401, and the chain is dead
        refresh(started.refreshToken()).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        refresh(successor).then().statusCode(401);
        assertEquals(0, Operators.count(dataSource, "select count(*) from widget_session where conversation_id = ? "
                + "and revoked_at is null", started.conversationId()));
    }

    @Test
    void unknownOrMissingRefreshTokensAreRefused() {
        refresh("x".repeat(43)).then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/widget/token")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).post("/api/widget/token")
                .then().statusCode(400);
        // an operator's refresh token is not a widget refresh token
        String operatorRefresh = given().contentType(ContentType.JSON)
                .body(Map.of("username", DefaultTestProfile.ADMIN_USERNAME, "password", DefaultTestProfile.ADMIN_PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().path("refreshToken");
        refresh(operatorRefresh).then().statusCode(401);
    }

    @Test
    void anExpiredRefreshTokenIsRefused() {
        WidgetClients.Started started = WidgetClients.start();
        Operators.update(dataSource, "update widget_session set expires_at = now() - interval '1 second' "
                + "where conversation_id = ?", started.conversationId());
        refresh(started.refreshToken()).then().statusCode(401);
    }

    private static Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .post("/api/widget/token");
    }

    private static JsonArray creates() {
        String base = ConfigProvider.getConfig().getValue("CONVERSATION_SERVICE_URL", String.class);
        return new JsonArray(given().baseUri(base).get("/__fake/widget-creates").asString());
    }

    private static JsonObject lastCreate() {
        JsonArray all = creates();
        return all.getJsonObject(all.size() - 1);
    }
}
