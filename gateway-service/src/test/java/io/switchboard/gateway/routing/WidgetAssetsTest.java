package io.switchboard.gateway.routing;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.switchboard.gateway.testing.DefaultTestProfile;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Serving the widget's files (this module's test resources stand in for the widget jar's
 * {@code META-INF/resources/widget.js}, {@code widget/widget.t3st0000.js} and {@code widget/demo.html}).
 */
@QuarkusTest
@TestProfile(DefaultTestProfile.class)
class WidgetAssetsTest {

    @Test
    void theLoaderIsCachedFiveMinutesWithAnETagAndIsPublicToEverySite() {
        Response loader = given().header("Origin", "https://any-site.example").get("/widget.js");
        loader.then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("Cache-Control", "public, max-age=300")
                .header("ETag", matchesPattern("\"[A-Za-z0-9_-]{27}\""))
                .header("Access-Control-Allow-Origin", "*")
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("widget/widget.t3st0000.js"));
        String etag = loader.header("ETag");

        given().header("If-None-Match", etag).get("/widget.js")
                .then().statusCode(304)
                .header("ETag", etag)
                .header("Cache-Control", "public, max-age=300")
                .body(emptyString());
        given().header("If-None-Match", "W/" + etag + ", \"other\"").get("/widget.js").then().statusCode(304);
        given().header("If-None-Match", "\"stale\"").get("/widget.js").then().statusCode(200);

        given().head("/widget.js").then().statusCode(200)
                .header("ETag", etag)
                .header("Content-Length", Integer.toString(loader.asByteArray().length))
                .body(emptyString());
    }

    @Test
    void theHashedBundleIsImmutable() {
        Response bundle = given().get("/widget/widget.t3st0000.js");
        bundle.then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("Access-Control-Allow-Origin", "*")
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .body(containsString("SwitchboardWidgetTest"));
        assertNotEquals(bundle.header("ETag"), given().get("/widget.js").header("ETag"));
    }

    @Test
    void theDemoPageIsServedAndRevalidated() {
        given().get("/widget/demo.html").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Cache-Control", "no-cache")
                .header("Access-Control-Allow-Origin", nullValue())
                .body(containsString("/widget.js"));
    }

    @Test
    void missingWidgetFilesAreProblemsNeverTheConsole() {
        for (String path : new String[] {"/widget/widget.ffffffff.js", "/widget/missing", "/widget/", "/widget",
                "/widget/a/b.js", "/widget/.hidden", "/widget.jsx"}) {
            given().get(path).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("status", equalTo(404));
        }
        given().post("/widget.js").then().statusCode(405).contentType("application/problem+json");
        // the console's deep links still work (when the console is packaged) and are not widget files
        Response deepLink = given().get("/conversations/4f1c");
        assertEquals(deepLink.statusCode() == 200 ? "text/html" : "application/problem+json",
                deepLink.contentType().split(";")[0]);
        given().get("/widget.js").then().body(not(containsString("<html")));
    }
}
