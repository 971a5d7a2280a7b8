package io.switchboard.ingest.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.ingest.testing.FakeBotApi;
import io.switchboard.ingest.testing.FakeBotApiResource;
import io.switchboard.testing.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(FakeBotApiResource.class)
class InternalTelegramResourceTest {

    @Test
    void aFileIsStreamedFromTelegramWithTheCallersContentType() {
        byte[] photo = new byte[3 * 1024 * 1024 + 17];
        ThreadLocalRandom.current().nextBytes(photo);
        FakeBotApi.current().addFile("AgACAgIAAxkBAAIBphoto", photo);
        byte[] served = given().get("/internal/telegram/files/AgACAgIAAxkBAAIBphoto?mimeType=image/jpeg")
                .then().statusCode(200)
                .contentType("image/jpeg")
                .header("Content-Length", String.valueOf(photo.length))
                .extract().asByteArray();
        assertArrayEquals(photo, served);
        given().get("/internal/telegram/files/AgACAgIAAxkBAAIBphoto")
                .then().statusCode(200).contentType("application/octet-stream");
    }

    @Test
    void aFileOverTwentyMegabytesIs413AndAGoneOneIs404() {
        FakeBotApi.current().describeFile("BQACAgIAAxkBAAIBbig", 20L * 1024 * 1024 + 1);
        given().get("/internal/telegram/files/BQACAgIAAxkBAAIBbig")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
        given().get("/internal/telegram/files/BQACAgIAAxkBAAIBunknown")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void theBotsUsernameIsKnownForDeepLinks() {
        given().get("/internal/telegram/bot").then().statusCode(200)
                .body("configured", equalTo(true)).body("username", equalTo("sicheebot"));
    }
}
