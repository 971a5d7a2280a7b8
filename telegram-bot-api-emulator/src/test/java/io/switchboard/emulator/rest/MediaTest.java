package io.switchboard.emulator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.path.json.JsonPath;
import io.switchboard.emulator.Fixtures;

@QuarkusTest
class MediaTest {

    private EmulatorApi bot;

    @BeforeEach
    void newBot() {
        bot = new EmulatorApi(Fixtures.uniqueToken(5550011));
    }

    @Test
    void sendDocumentThenGetFileAndDownloadTheSameBytes() {
        byte[] pdf = randomBytes(150_000);
        JsonPath sent = given().multiPart("chat_id", "461699897")
                .multiPart(new MultiPartSpecBuilder("Invoice №42 🧾").controlName("caption")
                        .mimeType("text/plain").charset(StandardCharsets.UTF_8).build())
                .multiPart("disable_notification", "true")
                .multiPart("document", "invoice.pdf", pdf, "application/octet-stream")
                .post("/bot" + bot.token() + "/sendDocument")
                .then().statusCode(200)
                .body("ok", is(true))
                .body("result.caption", equalTo("Invoice №42 🧾"))
                .body("result.document.file_name", equalTo("invoice.pdf"))
                .body("result.document.mime_type", equalTo("application/pdf"))
                .body("result.document.file_size", is(pdf.length))
                .extract().jsonPath();
        String fileId = sent.getString("result.document.file_id");
        assertTrue(!sent.getString("result.document.file_unique_id").isEmpty());

        String path = bot.call("getFile", Map.of("file_id", fileId)).then().statusCode(200)
                .body("result.file_id", equalTo(fileId))
                .body("result.file_size", is(pdf.length))
                .body("result.file_path", startsWith("documents/"))
                .extract().path("result.file_path");
        byte[] downloaded = given().get("/file/bot" + bot.token() + "/" + path)
                .then().statusCode(200).contentType("application/pdf")
                .extract().asByteArray();
        assertArrayEquals(pdf, downloaded);

        // recorded with the file's name, size and type; the chat history shows the document
        given().queryParam("token", bot.token()).queryParam("method", "sendDocument").get("/emulator/calls")
                .then().body("[0].params.document.file_name", equalTo("invoice.pdf"))
                .body("[0].params.document.file_size", is(pdf.length))
                .body("[0].params.chat_id", equalTo("461699897"));
        given().queryParam("token", bot.token()).get("/emulator/chats/461699897/messages")
                .then().body("[0].document.file_id", equalTo(fileId)).body("[0].disable_notification", is(true));

        // the file_id can be sent again; unknown ids and paths are refused like Telegram
        bot.call("sendDocument", Map.of("chat_id", 461699897, "document", fileId)).then().statusCode(200)
                .body("result.document.file_id", equalTo(fileId));
        bot.call("getFile", Map.of("file_id", "nope")).then().statusCode(400)
                .body("description", equalTo("Bad Request: invalid file_id"));
        given().get("/file/bot" + bot.token() + "/documents/nope.pdf").then().statusCode(404)
                .body("description", equalTo("Not Found"));
        given().get("/file/bot" + Fixtures.uniqueToken(5550011) + "/" + path).then().statusCode(404);
    }

    @Test
    void sendPhotoGivesSizesAndChecksTheCaption() throws Exception {
        byte[] png = png(640, 480);
        given().multiPart("chat_id", "-1001971186208").multiPart("photo", "cat.png", png, "image/png")
                .multiPart("caption", "x".repeat(1025))
                .post("/bot" + bot.token() + "/sendPhoto")
                .then().statusCode(400).body("description", equalTo("Bad Request: message caption is too long"));
        JsonPath sent = given().multiPart("chat_id", "-1001971186208").multiPart("photo", "cat.png", png, "image/png")
                .multiPart("caption", "x".repeat(1024))
                .post("/bot" + bot.token() + "/sendphoto")
                .then().statusCode(200)
                .body("result.photo", hasSize(2))
                .body("result.photo[1].width", is(640)).body("result.photo[1].height", is(480))
                .body("result.photo[0].width", is(90)).body("result.photo[0].height", is(68))
                .extract().jsonPath();
        String path = bot.call("getFile", Map.of("file_id", sent.getString("result.photo[1].file_id")))
                .then().statusCode(200).extract().path("result.file_path");
        assertArrayEquals(png, given().get("/file/bot" + bot.token() + "/" + path).then().statusCode(200)
                .extract().asByteArray());
        given().multiPart("chat_id", "5").post("/bot" + bot.token() + "/sendPhoto").then().statusCode(400);
    }

    @Test
    void aCustomersPhotoCanBeFetchedWithGetFile() throws Exception {
        byte[] png = png(300, 200);
        JsonPath update = given().queryParam("token", bot.token())
                .multiPart("file", "holiday.png", png, "image/png").multiPart("caption", "my order arrived broken")
                .post("/emulator/customers/27433968/photos")
                .then().statusCode(202)
                .body("message.caption", equalTo("my order arrived broken"))
                .body("message.photo", hasSize(2))
                .body("message.from.id", is(27433968))
                .extract().jsonPath();
        bot.getUpdates().then().body("result[0].message.photo[1].width", is(300));

        String largest = update.getString("message.photo[1].file_id");
        String path = bot.call("getFile", Map.of("file_id", largest)).then().statusCode(200)
                .body("result.file_size", is(png.length)).extract().path("result.file_path");
        assertArrayEquals(png, given().get("/file/bot" + bot.token() + "/" + path).then().statusCode(200)
                .contentType("image/png").extract().asByteArray());
    }

    @Test
    void aCustomersDocumentAbove20MegabytesCannotBeDownloaded() {
        byte[] pdf = randomBytes(512);
        String small = given().queryParam("token", bot.token())
                .multiPart("file", "terms.pdf", pdf, "application/pdf")
                .post("/emulator/customers/1111112/documents")
                .then().statusCode(202)
                .body("message.document.file_name", equalTo("terms.pdf"))
                .body("message.document.mime_type", equalTo("application/pdf"))
                .body("message.document.file_size", is(512))
                .extract().path("message.document.file_id");
        bot.call("getFile", Map.of("file_id", small)).then().statusCode(200);

        String big = given().queryParam("token", bot.token())
                .multiPart("file", "video.bin", new byte[20 * 1024 * 1024 + 1], "application/octet-stream")
                .post("/emulator/customers/1111112/documents")
                .then().statusCode(202).extract().path("message.document.file_id");
        bot.call("getFile", Map.of("file_id", big)).then().statusCode(400)
                .body("description", equalTo("Bad Request: file is too big"));
    }

    static byte[] png(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(width / 2, height / 2, 0xFF8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
