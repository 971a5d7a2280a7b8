package io.switchboard.gateway.routing;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.gateway.testing.DefaultTestProfile;
import io.switchboard.gateway.testing.WidgetClients;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** CORS of /api/widget/**: the configured sites and the gateway's own host only. */
@QuarkusTest
@TestProfile(DefaultTestProfile.class)
class WidgetCorsTest {

    private static final String SITE = DefaultTestProfile.WIDGET_SITE;

    @TestHTTPResource("/")
    URI gateway;

    @Test
    void aPreflightFromAnAllowedSiteIsAnsweredAtTheEdge() {
        for (String path : new String[] {"/api/widget/conversations", "/api/widget/token",
                "/api/widget/conversations/" + UUID.randomUUID() + "/messages",
                "/api/widget/conversations/" + UUID.randomUUID()}) {
            preflight(SITE, path, "POST", "authorization,content-type")
                    .then().statusCode(204)
                    .header("Access-Control-Allow-Origin", SITE)
                    .header("Access-Control-Allow-Methods", "GET, POST, PATCH")
                    .header("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-Id")
                    .header("Access-Control-Max-Age", "600")
                    .header("Access-Control-Allow-Credentials", nullValue())
                    .header("Vary", containsString("Origin"));
        }
        // origins compare without case and default port
        preflight("HTTPS://Shop.Example.com:443", "/api/widget/token", "POST", "content-type")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "HTTPS://Shop.Example.com:443");
    }

    @Test
    void aPreflightFromAnyOtherSiteIs403WithoutCorsHeaders() {
        for (String origin : new String[] {"https://evil.example.net", "http://shop.example.com",
                "https://shop.example.com:8443", "https://shop.example.com.evil.net", "null", "file://"}) {
            preflight(origin, "/api/widget/conversations", "POST", "content-type")
                    .then().statusCode(403)
                    .contentType("application/problem+json")
                    .header("Access-Control-Allow-Origin", nullValue())
                    .header("Access-Control-Allow-Methods", nullValue());
        }
    }

    @Test
    void answersToAnAllowedSiteCarryCorsHeadersEvenErrorsAndProxiedOnes() {
        Response started = given().header("Origin", SITE).header("X-Forwarded-For", WidgetClients.randomAddress())
                .contentType(ContentType.JSON).body(Map.of()).post("/api/widget/conversations");
        started.then().statusCode(201)
                .header("Access-Control-Allow-Origin", SITE)
                .header("Access-Control-Expose-Headers", containsString("Retry-After"));
        String token = started.path("token");
        String conversationId = started.path("conversationId");

        // a problem answer (so that the widget can read the 401, 429 and their Retry-After)
        given().header("Origin", SITE).contentType(ContentType.JSON).body(Map.of("refreshToken", "x".repeat(43)))
                .post("/api/widget/token")
                .then().statusCode(401)
                .header("Access-Control-Allow-Origin", SITE);
        // a proxied answer of conversation-service
        given().header("Origin", SITE).auth().oauth2(token).get("/api/widget/conversations/" + conversationId)
                .then().statusCode(200)
                .body("upstream", equalTo("conversation-service"))
                .header("Access-Control-Allow-Origin", SITE);
        // an edge refusal
        given().header("Origin", SITE).get("/api/widget/conversations/" + conversationId)
                .then().statusCode(401)
                .header("Access-Control-Allow-Origin", SITE);
    }

    @Test
    void answersToAnotherSiteCarryNoCorsHeaders() {
        given().header("Origin", "https://evil.example.net").header("X-Forwarded-For", WidgetClients.randomAddress())
                .contentType(ContentType.JSON).body(Map.of()).post("/api/widget/conversations")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void pagesOfTheGatewaysOwnHostNeedNoConfiguration() {
        String own = "http://" + gateway.getHost() + ":" + gateway.getPort();
        preflight(own, "/api/widget/conversations", "POST", "content-type")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", own);
        // behind the trusted proxy (the loopback here) the public host is the forwarded one
        given().header("Origin", "https://support.example.org")
                .header("X-Forwarded-Host", "support.example.org")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/widget/conversations")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "https://support.example.org");
    }

    @Test
    void operatorRoutesGetNoWidgetCors() {
        given().header("Origin", SITE).header("Access-Control-Request-Method", "GET")
                .options("/api/conversations")
                .then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", SITE).get("/api/auth/me")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    private static Response preflight(String origin, String path, String method, String headers) {
        return given().header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers)
                .options(path);
    }
}
