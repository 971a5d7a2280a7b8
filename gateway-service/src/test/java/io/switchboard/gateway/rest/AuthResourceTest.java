package io.switchboard.gateway.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.switchboard.gateway.testing.DefaultTestProfile;
import io.switchboard.gateway.testing.Operators;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@TestProfile(DefaultTestProfile.class)
class AuthResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    JWTParser jwtParser;

    @Test
    void loginAnswersTokensWhoseClaimsDescribeTheOperator() throws Exception {
        Response response = login(DefaultTestProfile.ADMIN_USERNAME, DefaultTestProfile.ADMIN_PASSWORD);
        response.then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("operator.username", equalTo("admin"))
                .body("operator.displayName", equalTo("Administrator"))
                .body("operator.role", equalTo("ADMIN"))
                .body("operator.keySet()", containsInAnyOrder("id", "username", "displayName", "role", "active"))
                .body("operator.passwordHash", nullValue());
        String refreshToken = response.path("refreshToken");
        assertThat(refreshToken, matchesPattern("[A-Za-z0-9_-]{43}"));

        JsonWebToken jwt = jwtParser.parse(response.path("accessToken"));
        assertThat(jwt.getIssuer(), equalTo("switchboard"));
        assertThat(jwt.getSubject(), equalTo(response.path("operator.id")));
        assertThat(jwt.getName(), equalTo("admin"));
        assertThat(jwt.getClaim("upn").toString(), equalTo("admin"));
        assertThat(jwt.getClaim("name").toString(), containsString("Administrator"));
        assertThat(jwt.getGroups(), containsInAnyOrder("admin", "operator"));
        assertThat(jwt.getExpirationTime() - jwt.getIssuedAtTime(), equalTo(900L));
        assertThat(jwt.getExpirationTime(), greaterThan(Instant.now().getEpochSecond() + 800));
        assertThat(jwt.getTokenID(), not(emptyOrNullString()));
    }

    @Test
    void anOperatorTokenCarriesOnlyTheOperatorGroup() throws Exception {
        UUID id = Operators.create(dataSource, "olga-" + suffix(), "olga password 1", "OPERATOR", true);
        Response response = login(username(id), "olga password 1");
        response.then().statusCode(200).body("operator.role", equalTo("OPERATOR"));
        JsonWebToken jwt = jwtParser.parse(response.path("accessToken"));
        assertThat(jwt.getGroups(), contains("operator"));
        assertThat(jwt.getSubject(), equalTo(id.toString()));
    }

    @Test
    void usernamesMatchIgnoringCase() {
        login("ADMIN", DefaultTestProfile.ADMIN_PASSWORD).then().statusCode(200).body("operator.username", equalTo("admin"));
    }

    @Test
    void wrongPasswordAndUnknownUserAreRefusedAlike() {
        Response wrongPassword = login("admin", "not the password");
        Response unknownUser = login("nobody-" + suffix(), "not the password");
        for (Response response : List.of(wrongPassword, unknownUser)) {
            response.then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("status", equalTo(401))
                    .body("title", equalTo("Unauthorized"))
                    .body("instance", equalTo("/api/auth/login"));
        }
        assertThat(wrongPassword.<String>path("detail"), equalTo(unknownUser.<String>path("detail")));
    }

    @Test
    void fiveWrongPasswordsLockTheAccount() {
        UUID id = Operators.create(dataSource, "lena-" + suffix(), "lena password 1", "OPERATOR", true);
        for (int attempt = 1; attempt <= 5; attempt++) {
            login(username(id), "wrong " + attempt).then().statusCode(401);
        }
        login(username(id), "lena password 1").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", Integer::parseInt, allOf(greaterThan(800), lessThanOrEqualTo(900)))
                .body("status", equalTo(429));
        assertThat(Operators.count(dataSource,
                "select count(*) from operator where id = ? and locked_until > now() + interval '14 minutes'", id),
                equalTo(1L));
    }

    @Test
    void aSuccessfulLoginResetsTheFailureCount() {
        UUID id = Operators.create(dataSource, "mia-" + suffix(), "mia password 1", "OPERATOR", true);
        for (int attempt = 1; attempt <= 4; attempt++) {
            login(username(id), "wrong").then().statusCode(401);
        }
        login(username(id), "mia password 1").then().statusCode(200);
        for (int attempt = 1; attempt <= 4; attempt++) {
            login(username(id), "wrong").then().statusCode(401);
        }
        login(username(id), "mia password 1").then().statusCode(200);
    }

    @Test
    void anInactiveOperatorCannotSignIn() {
        UUID id = Operators.create(dataSource, "ina-" + suffix(), "ina password 1", "OPERATOR", false);
        login(username(id), "ina password 1").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aLoginWithoutPasswordIsABadRequest() {
        given().contentType(ContentType.JSON).body(Map.of("username", "admin"))
                .post("/api/auth/login")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        given().contentType(ContentType.JSON).body("{not json")
                .post("/api/auth/login")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aRefreshTokenIsRotatedAndItsReuseRevokesTheChain() {
        Response first = login(DefaultTestProfile.ADMIN_USERNAME, DefaultTestProfile.ADMIN_PASSWORD);
        String r1 = first.path("refreshToken");

        Response second = refresh(r1);
        second.then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("operator.username", equalTo("admin"))
                .body("accessToken", not(emptyOrNullString()));
        String r2 = second.path("refreshToken");
        assertThat(r2, not(equalTo(r1)));

        String r3 = refresh(r2).then().statusCode(200).extract().path("refreshToken");

        refresh(r1).then().statusCode(401).contentType("application/problem+json");
        // the reuse of r1 revoked the chain, so the newest token is dead too
        refresh(r3).then().statusCode(401);
        // other sessions are untouched
        String other = login(DefaultTestProfile.ADMIN_USERNAME, DefaultTestProfile.ADMIN_PASSWORD).path("refreshToken");
        refresh(other).then().statusCode(200);
    }

    @Test
    void unknownAndExpiredRefreshTokensAreRefused() {
        refresh("bm90LWEtcmVhbC10b2tlbi1ub3QtYS1yZWFsLXRva2VuLXh4").then().statusCode(401)
                .contentType("application/problem+json");
        String token = login(DefaultTestProfile.ADMIN_USERNAME, DefaultTestProfile.ADMIN_PASSWORD).path("refreshToken");
        Operators.update(dataSource, "update refresh_token set expires_at = now() - interval '1 second' "
                + "where token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')", token);
        refresh(token).then().statusCode(401);
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        String token = login(DefaultTestProfile.ADMIN_USERNAME, DefaultTestProfile.ADMIN_PASSWORD).path("refreshToken");
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", token))
                .post("/api/auth/logout")
                .then().statusCode(204);
        refresh(token).then().statusCode(401);
        // logging out twice, or with an unknown token, tells nothing
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", token))
                .post("/api/auth/logout")
                .then().statusCode(204);
    }

    @Test
    void meAnswersTheSignedInOperator() {
        Response login = login(DefaultTestProfile.ADMIN_USERNAME, DefaultTestProfile.ADMIN_PASSWORD);
        given().auth().oauth2(login.path("accessToken"))
                .get("/api/auth/me")
                .then().statusCode(200)
                .body("id", equalTo(login.path("operator.id")))
                .body("username", equalTo("admin"))
                .body("displayName", equalTo("Administrator"))
                .body("role", equalTo("ADMIN"))
                .body("active", is(true));
    }

    @Test
    void meNeedsAValidToken() {
        given().get("/api/auth/me")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        given().auth().oauth2("not.a.token").get("/api/auth/me")
                .then().statusCode(401).contentType("application/problem+json");
        String expired = TestJwt.token(UUID.randomUUID(), "x", java.util.Set.of("operator"), java.time.Duration.ofMinutes(-5));
        given().auth().oauth2(expired).get("/api/auth/me")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void activeOperatorsAreListedForSignedInOperators() {
        UUID id = Operators.create(dataSource, "nora-" + suffix(), "nora password 1", "OPERATOR", true);
        UUID inactive = Operators.create(dataSource, "gone-" + suffix(), "gone password 1", "OPERATOR", false);
        String token = TestJwt.operator(id, username(id));
        given().auth().oauth2(token)
                .get("/api/operators")
                .then().statusCode(200)
                .body("username", hasItems("admin", username(id)))
                .body("username", not(hasItems(username(inactive))))
                .body("find { it.username == 'admin' }.role", equalTo("ADMIN"))
                .body("find { it.username == '" + username(id) + "' }.displayName", equalTo("Display " + username(id)))
                .body("find { it.username == '" + username(id) + "' }.role", equalTo("OPERATOR"))
                .body("find { it.username == '" + username(id) + "' }.active", is(true))
                .body("find { it.username == '" + username(id) + "' }.keySet()",
                        containsInAnyOrder("id", "username", "displayName", "role", "active"));
        given().get("/api/operators").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void unknownApiPathsAnswerProblemNotFound() {
        given().get("/api/auth/nothing-here")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().get("/api/nothing-here")
                .then().statusCode(404).contentType("application/problem+json")
                .body("instance", startsWith("/api/nothing-here"));
    }

    private String username(UUID id) {
        return Operators.usernameOf(dataSource, id);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static Response login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/auth/login");
    }

    static Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refreshToken))
                .post("/api/auth/refresh");
    }
}
