package io.switchboard.conversation.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.switchboard.conversation.FakeTelegramIngest;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.TestUpdates;
import io.switchboard.conversation.messaging.TelegramUpdateReader;
import io.switchboard.conversation.service.CustomerMessageIntake;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** GET /api/media/{attachmentId}: Telegram files streamed through ingest, uploads from the database, 404s. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeTelegramIngest.class, restrictToAnnotatedClass = false)
class MediaResourceTest {

    private static final String TOKEN = TestJwt.operator(UUID.randomUUID(), "olga");

    @Inject
    TelegramUpdateReader reader;

    @Inject
    CustomerMessageIntake intake;

    @Test
    void aCustomersDocumentIsStreamedFromTelegramWithItsNameAndType() {
        String fileId = "doc-" + TestUpdates.nextId();
        byte[] bytes = new byte[300_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        FakeTelegramIngest.file(fileId, bytes);
        UUID attachment = storeMedia("""
                "document":{"file_id":"%s","file_unique_id":"u1","file_name":"счёт 1.pdf","mime_type":"application/pdf",
                 "file_size":300000}""".formatted(fileId));

        byte[] body = given().auth().oauth2(TOKEN).when().get("/api/media/" + attachment)
                .then().statusCode(200)
                .header("Content-Type", "application/pdf")
                .header("Cache-Control", "private, max-age=3600")
                // a PDF is not among the types shown inline: a download
                .header("Content-Disposition", "attachment; filename*=UTF-8''%D1%81%D1%87%D1%91%D1%82%201.pdf")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .header("Content-Length", "300000")
                .extract().asByteArray();
        assertArrayEquals(bytes, body);
        assertEquals("mimeType=application/pdf", FakeTelegramIngest.lastQuery);
    }

    @Test
    void unknownAttachmentsFilesWithoutBytesAndGoneFilesAre404AndBigOnes413() {
        given().auth().oauth2(TOKEN).when().get("/api/media/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().auth().oauth2(TOKEN).when().get("/api/media/not-a-uuid").then().statusCode(404);
        UUID location = storeMedia("\"location\":{\"latitude\":52.5,\"longitude\":13.4}");
        given().auth().oauth2(TOKEN).when().get("/api/media/" + location).then().statusCode(404);
        UUID gone = storeMedia("\"voice\":{\"file_id\":\"gone-" + TestUpdates.nextId() + "\",\"duration\":3}");
        given().auth().oauth2(TOKEN).when().get("/api/media/" + gone)
                .then().statusCode(404).contentType("application/problem+json");
        UUID big = storeMedia("\"video\":{\"file_id\":\"big-" + TestUpdates.nextId() + "\",\"duration\":3}");
        given().auth().oauth2(TOKEN).when().get("/api/media/" + big).then().statusCode(413);
    }

    @Test
    void anOperatorUploadComesFromTheUploadTable() {
        UUID attachment = storeMedia("\"photo\":[{\"file_id\":\"p-" + TestUpdates.nextId() + "\",\"width\":1,\"height\":1}]");
        UUID conversation = (UUID) TestDatabase.query("select m.conversation_id from attachment a join message m on m.id = a.message_id where a.id = ?",
                attachment).get(0).get("conversation_id");
        UUID upload = UUID.randomUUID();
        byte[] png = "not really a png".getBytes(StandardCharsets.UTF_8);
        TestDatabase.update("""
                insert into upload (id, conversation_id, file_name, mime_type, size, bytes, created_at)
                values (?, ?, 'shot.png', 'image/png', ?, ?, now())""", upload, conversation, png.length, png);
        TestDatabase.update("update attachment set upload_id = ?, telegram_file_id = null where id = ?", upload, attachment);
        byte[] body = given().auth().oauth2(TOKEN).when().get("/api/media/" + attachment)
                .then().statusCode(200).header("Content-Type", "image/png")
                .header("Content-Disposition", "inline; filename*=UTF-8''shot.png")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .extract().asByteArray();
        assertArrayEquals(png, body);

        // a customer-chosen HTML "file" never renders in our origin
        TestDatabase.update("update upload set mime_type = 'text/html', file_name = 'x.html' where id = ?", upload);
        given().auth().oauth2(TOKEN).when().get("/api/media/" + attachment)
                .then().statusCode(200)
                .header("Content-Disposition", "attachment; filename*=UTF-8''x.html")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox");
    }

    @Test
    void onlyImagesAudioAndVideoAreShownInline() {
        for (String inline : new String[] {"image/jpeg", "IMAGE/PNG", "image/webp", "image/gif", "audio/ogg",
                "video/mp4", "audio/mpeg; codecs=mp3"}) {
            org.junit.jupiter.api.Assertions.assertTrue(MediaResource.showsInline(inline), inline);
        }
        for (String download : new String[] {"image/svg+xml", "text/html", "application/pdf", "application/xhtml+xml",
                "application/octet-stream", "", "image/png-but-not", null}) {
            org.junit.jupiter.api.Assertions.assertFalse(MediaResource.showsInline(download), String.valueOf(download));
        }
    }

    @Test
    void onlyOperatorsMayFetch() {
        given().when().get("/api/media/" + UUID.randomUUID()).then().statusCode(401);
    }

    /** Stores a private message with {@code content} (JSON members) and returns its attachment id. */
    private UUID storeMedia(String content) {
        long user = TestUpdates.nextId();
        long messageId = TestUpdates.nextId() % 1_000_000;
        String update = """
                {"update_id":%d,"message":{"message_id":%d,"from":{"id":%d,"is_bot":false,"first_name":"Media"},
                 "chat":{"id":%d,"type":"private","first_name":"Media"},"date":1700000000,%s}}"""
                .formatted(TestUpdates.nextId(), messageId, user, user, content);
        try {
            VertxContextSupport.subscribeAndAwait(() -> intake.accept(TestUpdates.BOT_ID, reader.read(update)));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        return (UUID) TestDatabase.query("""
                select a.id from attachment a join message m on m.id = a.message_id
                 where m.telegram_chat_id = ? and m.telegram_message_id = ?""", user, messageId).get(0).get("id");
    }
}
