package io.switchboard.gateway.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starting a widget conversation (with the fake conversation-service): nickname and locale rules, and refreshing the
 * customer's tokens, with the grace for two tabs presenting one refresh token at once.
 */
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
    void localesAreNormalisedToWhatConversationServiceStores() {
        Map<String, String> normalised = Map.of(
                "zh_Hant_TW", "zh-TW",
                " EN_us ", "en-US",
                "pt-br", "pt-BR",
                "sr-Latn", "sr",
                "es-419", "es",
                "de-DE-u-co-phonebk", "de-DE");
        normalised.forEach((raw, expected) -> {
            Response response = WidgetClients.postStart(WidgetClients.randomAddress(), Map.of("locale", raw));
            response.then().statusCode(201);
            JsonObject call = createWithToken(response.path("token"));
            assertEquals(expected, new JsonObject(call.getString("body")).getString("locale"), raw);
        });
    }

    @Test
    void localesAndNicknamesConversationServiceWouldRefuseAre422WithoutUsingTheAddresssStarts() {
        // conversation-service stores ^[a-z]{2}(-[A-Za-z]{2})?$ and refuses other nicknames: the gateway refuses
        // them first, before a rate-limit token is taken or conversation-service is called
        String address = WidgetClients.randomAddress();
        int before = creates().size();
        List<Map<String, String>> refused = List.of(
                Map.of("locale", "fil-PH"), Map.of("locale", "x-klingon"), Map.of("locale", "ru-"),
                Map.of("nickname", "x"), Map.of("nickname", "  y  "), Map.of("nickname", "z".repeat(33)),
                Map.of("nickname", "see www.shop"), Map.of("nickname", "deals at bit.ly/x"),
                Map.of("nickname", "HTTPS://evil"), Map.of("nickname", "t.me/spam"),
                Map.of("nickname", "\u202Eevil"), Map.of("nickname", "two\nlines"));
        for (Map<String, String> body : refused) {
            WidgetClients.postStart(address, body)
                    .then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("status", equalTo(422));
        }
        WidgetClients.postStart(address, Map.of("nickname", "a"))
                .then().statusCode(422).body("detail", equalTo("nickname must be 2 to 32 characters long"));
        WidgetClients.postStart(address, Map.of("nickname", "see www.shop"))
                .then().statusCode(422).body("detail", equalTo("nickname must not contain a link"));
        assertEquals(before, creates().size(), "conversation-service was not asked");

        // the address still has all of its ten starts; a blank nickname is no nickname, and it is sent trimmed
        for (int i = 0; i < 10; i++) {
            WidgetClients.postStart(address, Map.of("nickname", i == 0 ? "   " : "  Ada " + i + " "))
                    .then().statusCode(201);
        }
        assertEquals(new JsonObject().putNull("nickname").putNull("locale"),
                new JsonObject(creates().getJsonObject(before).getString("body")));
        assertEquals("Ada 9", new JsonObject(lastCreate().getString("body")).getString("nickname"));
        WidgetClients.postStart(address, Map.of()).then().statusCode(429);
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
    void presentingARotatedRefreshTokenAgainAfterTheGraceRevokesTheWholeChain() {
        WidgetClients.Started started = WidgetClients.start();
        String successor = refresh(started.refreshToken()).then().statusCode(200).extract().path("refreshToken");
        // the exchange was longer ago than the grace (10 s)
        ageExchanges(started.conversationId(), 11);

        // the thief (or the victim) presents the used token again: 401, and the chain is dead
        refresh(started.refreshToken()).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        refresh(successor).then().statusCode(401);
        assertEquals(0, Operators.count(dataSource, "select count(*) from widget_session where conversation_id = ? "
                + "and revoked_at is null", started.conversationId()));
    }

    @Test
    void presentingARotatedRefreshTokenAgainWithinTheGraceGivesAnotherPairOfTheSameChain() throws Exception {
        WidgetClients.Started started = WidgetClients.start();
        String first = refresh(started.refreshToken()).then().statusCode(200).extract().path("refreshToken");
        ageExchanges(started.conversationId(), 5);

        // a second tab presents the token the first one has just exchanged: a pair of its own, nothing revoked
        Response again = refresh(started.refreshToken());
        again.then().statusCode(200).body("refreshToken", matchesPattern("[A-Za-z0-9_-]{43}"));
        String second = again.path("refreshToken");
        assertNotEquals(first, second);
        JsonWebToken renewed = parser.parse(again.path("token"));
        assertEquals(started.conversationId().toString(),
                renewed.getClaim("conversation").toString().replace("\"", ""));
        assertEquals(1, Operators.count(dataSource, "select count(distinct chain_id) from widget_session "
                + "where conversation_id = ?", started.conversationId()), "the same chain");

        // both tabs go on with their own tokens
        refresh(first).then().statusCode(200);
        refresh(second).then().statusCode(200);
    }

    @Test
    void twoTabsRefreshingAtTheSameMomentBothGetAPairAndTheChainLives() throws Exception {
        WidgetClients.Started started = WidgetClients.start();
        // two connections sending at once, as two tabs of a browser would
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String shared = started.refreshToken();
        List<String> successors = List.of();
        for (int round = 0; round < 3; round++) {
            // the same token from two tabs at once, three times over (whichever wins the race)
            List<CompletableFuture<HttpResponse<String>>> tabs = new ArrayList<>();
            for (int tab = 0; tab < 2; tab++) {
                HttpRequest request = HttpRequest.newBuilder(
                                URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/widget/token"))
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", WidgetClients.randomAddress())
                        .POST(HttpRequest.BodyPublishers.ofString(
                                new JsonObject().put("refreshToken", shared).encode()))
                        .build();
                tabs.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            successors = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> tab : tabs) {
                HttpResponse<String> answer = tab.get(10, TimeUnit.SECONDS);
                assertEquals(200, answer.statusCode(), "round " + round + ": " + answer.body());
                successors.add(new JsonObject(answer.body()).getString("refreshToken"));
            }
            assertNotEquals(successors.get(0), successors.get(1));
            shared = successors.get(0);
        }
        // the other tab of the last round goes on with its own token; nothing was revoked as theft
        refresh(successors.get(1)).then().statusCode(200);
        assertEquals(1, Operators.count(dataSource, "select count(distinct chain_id) from widget_session "
                + "where conversation_id = ?", started.conversationId()));
    }

    @Test
    void withinTheGraceARevokedChainStaysRevoked() {
        WidgetClients.Started started = WidgetClients.start();
        refresh(started.refreshToken()).then().statusCode(200);
        Operators.update(dataSource, "update widget_session set revoked_at = now() where conversation_id = ? "
                + "and revoked_at is null", started.conversationId());
        long rows = Operators.count(dataSource, "select count(*) from widget_session where conversation_id = ?",
                started.conversationId());
        refresh(started.refreshToken()).then().statusCode(401);
        assertEquals(rows, Operators.count(dataSource, "select count(*) from widget_session where conversation_id = ?",
                started.conversationId()), "no token was issued");
    }

    /** Moves every exchange of the conversation's refresh tokens {@code seconds} into the past. */
    private void ageExchanges(UUID conversationId, int seconds) {
        Operators.update(dataSource, "update widget_session set revoked_at = revoked_at - ? * interval '1 second' "
                + "where conversation_id = ? and replaced_by is not null", seconds, conversationId);
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

    /** {@code POST /api/widget/token} from a fresh address (the endpoint is rate-limited per address). */
    private static Response refresh(String refreshToken) {
        return given().header("X-Forwarded-For", WidgetClients.randomAddress()).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refreshToken))
                .post("/api/widget/token");
    }

    private static JsonArray creates() {
        String base = ConfigProvider.getConfig().getValue("CONVERSATION_SERVICE_URL", String.class);
        return new JsonArray(given().baseUri(base).get("/__fake/widget-creates").asString());
    }

    private static JsonObject createWithToken(String token) {
        return creates().stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("authorization").equals("Bearer " + token))
                .findFirst().orElseThrow(() -> new AssertionError("conversation-service was not called"));
    }

    private static JsonObject lastCreate() {
        JsonArray all = creates();
        return all.getJsonObject(all.size() - 1);
    }
}
