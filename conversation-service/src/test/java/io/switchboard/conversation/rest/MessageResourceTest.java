package io.switchboard.conversation.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.conversation.CustomerTokens;
import io.switchboard.conversation.KafkaTestClient;
import io.switchboard.conversation.Polling;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.TestUpdates;
import io.switchboard.conversation.api.ConversationEvent;
import io.switchboard.conversation.api.MessageDeleted;
import io.switchboard.conversation.api.MessageEdited;
import io.switchboard.conversation.api.MessageFailed;
import io.switchboard.conversation.api.MessageQueued;
import io.switchboard.conversation.messaging.TelegramUpdateReader;
import io.switchboard.conversation.service.CustomerMessageIntake;
import io.switchboard.telegram.api.CommandCompleted;
import io.switchboard.telegram.api.CommandFailed;
import io.switchboard.telegram.api.DeleteMessage;
import io.switchboard.telegram.api.EditMessageText;
import io.switchboard.telegram.api.MediaKind;
import io.switchboard.telegram.api.MessageDeliveryFailed;
import io.switchboard.telegram.api.SendMedia;
import io.switchboard.telegram.api.SendMessage;
import io.switchboard.telegram.api.TelegramCommand;
import io.switchboard.telegram.api.Topics;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.MutableClock;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator's outbound messages after the plain text reply: files (multipart) and the internal upload endpoint
 * telegram-ingest fetches them from, the refusal to write to a customer who blocked the bot, edits with their
 * versions, deletions, the 48-hour window, and retrying a failed delivery. Real database, Kafka and signed tokens.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class MessageResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final UUID OPERATOR = UUID.randomUUID();
    private static final String TOKEN = TestJwt.operator(OPERATOR, "nadia");

    @Inject
    CustomerMessageIntake intake;

    @Inject
    TelegramUpdateReader reader;

    @Inject
    ObjectMapper mapper;

    @Test
    void aPhotoIsStoredAsUploadAndAttachmentAndGoesOutAsSendMedia() throws Exception {
        UUID conversation = customerWrites("Pia", "can I see it?");
        byte[] png = bytes(64 * 1024);
        Response response = given().auth().oauth2(TOKEN)
                .multiPart("file", "shelf photo.png", png, "image/png")
                .multiPart(new MultiPartSpecBuilder("Here it is — <b>not</b> bold 📦").controlName("caption")
                        .mimeType("text/plain").charset(StandardCharsets.UTF_8).build())
                .when().post("/api/conversations/" + conversation + "/messages");
        response.then().statusCode(201).contentType(ContentType.JSON)
                .body("direction", equalTo("OUTBOUND")).body("status", equalTo("PENDING"))
                .body("text", equalTo("Here it is — <b>not</b> bold 📦"))
                .body("attachments[0].kind", equalTo("PHOTO"))
                .body("attachments[0].fileName", equalTo("shelf photo.png"))
                .body("attachments[0].id", notNullValue());
        String messageId = response.jsonPath().getString("id");
        assertTrue(response.header("Location").endsWith("/api/conversations/" + conversation + "/messages/" + messageId));

        Map<String, Object> attachment = TestDatabase.query("select * from attachment where message_id = ?",
                UUID.fromString(messageId)).get(0);
        assertEquals("PHOTO", attachment.get("kind"));
        assertEquals("image/png", attachment.get("mime_type"));
        assertEquals((long) png.length, ((Number) attachment.get("file_size")).longValue());
        UUID uploadId = (UUID) attachment.get("upload_id");
        assertNotNull(uploadId);
        assertEquals(conversation, TestDatabase.query("select conversation_id from upload where id = ?", uploadId)
                .get(0).get("conversation_id"));

        SendMedia command = assertInstanceOf(SendMedia.class, command(messageId, "send_media"));
        assertEquals(uploadId, command.uploadId());
        assertEquals(MediaKind.PHOTO, command.kind());
        assertEquals("image/png", command.mimeType());
        assertEquals("shelf photo.png", command.fileName());
        assertEquals("Here it is — <b>not</b> bold 📦", command.caption());
        assertEquals(conversation, command.conversationId());
        MessageQueued queued = (MessageQueued) event(messageId, "message.queued");
        assertEquals(1, queued.message().attachments().size());
        assertEquals("PHOTO", queued.message().attachments().get(0).kind());

        // telegram-ingest fetches the bytes without an operator token (the gateway never routes /internal)
        Response file = given().when().get("/internal/uploads/" + uploadId);
        file.then().statusCode(200).contentType("image/png").header("Content-Length", String.valueOf(png.length));
        assertArrayEquals(png, file.asByteArray());
        given().when().get("/internal/uploads/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void otherFilesGoAsDocumentsWithoutCaptionAndWidgetRulesAreTheTextReplysOnes() throws Exception {
        UUID conversation = customerWrites("Quin", "send me the invoice");
        byte[] pdf = "%PDF-1.4 invoice ".repeat(100).getBytes();
        String clientMessageId = "c-" + UUID.randomUUID();
        String messageId = given().auth().oauth2(TOKEN)
                .multiPart("file", "invoice.pdf", pdf, "application/pdf").multiPart("clientMessageId", clientMessageId)
                .when().post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(201).body("text", equalTo("")).body("attachments[0].kind", equalTo("DOCUMENT"))
                .extract().path("id");
        // the console repeats the request (a lost answer): the first message, nothing new stored or sent
        given().auth().oauth2(TOKEN)
                .multiPart("file", "invoice.pdf", pdf, "application/pdf").multiPart("clientMessageId", clientMessageId)
                .when().post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(201).body("id", equalTo(messageId)).body("attachments[0].fileName", equalTo("invoice.pdf"));
        assertEquals(1, outboundCount(conversation));
        assertEquals(1, TestDatabase.scalar("select count(*) from upload where conversation_id = ?", conversation));
        SendMedia command = assertInstanceOf(SendMedia.class, command(messageId, "send_media"));
        assertEquals(MediaKind.DOCUMENT, command.kind());
        assertNull(command.caption(), "no caption part: no caption");
        // the reply claimed the unclaimed conversation, as a text reply does
        given().auth().oauth2(TOKEN).when().get("/api/conversations/" + conversation)
                .then().statusCode(200).body("status", equalTo("AWAITING_CUSTOMER"))
                .body("assigneeId", equalTo(OPERATOR.toString()));
    }

    @Test
    void aFileOverFiftyMegabytesOrNoFileIsRefusedAndNothingIsStored() {
        UUID conversation = customerWrites("Rolf", "here is my video");
        given().auth().oauth2(TOKEN)
                .multiPart("file", "huge.bin", new byte[50 * 1024 * 1024 + 1], "application/octet-stream")
                .when().post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(413).contentType(PROBLEM).body("status", equalTo(413));
        given().auth().oauth2(TOKEN).multiPart("caption", "no file")
                .when().post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(TOKEN).multiPart("file", "empty.txt", new byte[0], "text/plain")
                .when().post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(422).contentType(PROBLEM);
        assertEquals(0, outboundCount(conversation));
        assertEquals(0, TestDatabase.scalar("select count(*) from upload where conversation_id = ?", conversation));
        given().auth().oauth2(TOKEN).when().get("/api/conversations/" + conversation)
                .then().body("status", equalTo("OPEN_UNCLAIMED"));
    }

    @Test
    void nothingIsSentToACustomerWhoBlockedTheBot() {
        UUID conversation = customerWrites("Sam", "bye forever");
        long commandsBefore = TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%" + conversation + "%"); // the welcome message
        TestDatabase.update("""
                update customer set bot_blocked_at = timestamptz '2026-11-20 08:00:00+00'
                 where id = (select customer_id from conversation where id = ?)""", conversation);
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "hello?"))
                .when().post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(409).contentType(PROBLEM)
                .body("detail", equalTo("The customer blocked the bot on 2026-11-20; Telegram refuses messages until they unblock it"));
        given().auth().oauth2(TOKEN).multiPart("file", "a.png", bytes(100), "image/png")
                .when().post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("blocked the bot"));
        assertEquals(0, outboundCount(conversation));
        assertEquals(0, TestDatabase.scalar("select count(*) from upload where conversation_id = ?", conversation));
        assertEquals(commandsBefore, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%" + conversation + "%"));
        given().auth().oauth2(TOKEN).when().get("/api/conversations/" + conversation)
                .then().body("status", equalTo("OPEN_UNCLAIMED"));
    }

    @Test
    void anEditWithin48HoursKeepsTheVersionAndEditsTheTelegramMessage() throws Exception {
        UUID conversation = customerWrites("Tea", "how much?");
        String messageId = reply(conversation, "10 EUR");
        delivered(messageId, "[555]");

        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "20 EUR"))
                .when().put("/api/conversations/" + conversation + "/messages/" + messageId)
                .then().statusCode(200).body("text", equalTo("20 EUR")).body("editedAt", notNullValue());
        EditMessageText edit = assertInstanceOf(EditMessageText.class, command(messageId, "edit_message_text"));
        assertEquals(555L, edit.telegramMessageId());
        assertEquals("20 EUR", edit.text());
        MessageEdited edited = (MessageEdited) event(messageId, "message.edited");
        assertEquals("10 EUR", edited.previousText());
        assertEquals("20 EUR", edited.text());
        assertEquals(OPERATOR, edited.actor().id());

        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "25 EUR"))
                .when().put("/api/conversations/" + conversation + "/messages/" + messageId).then().statusCode(200);
        List<Map<String, Object>> versions = given().auth().oauth2(TOKEN)
                .when().get("/api/conversations/" + conversation + "/messages/" + messageId + "/versions")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(List.of("10 EUR", "20 EUR"), versions.stream().map(v -> v.get("text")).toList());
        assertTrue(Instant.parse((String) versions.get(0).get("editedAt"))
                .isBefore(Instant.parse((String) versions.get(1).get("editedAt"))));
        assertEquals("25 EUR", TestDatabase.query("select text from message where id = ?", UUID.fromString(messageId))
                .get(0).get("text"));

        // another operator may not; an admin may
        given().auth().oauth2(TestJwt.operator(UUID.randomUUID(), "other")).contentType(ContentType.JSON)
                .body(Map.of("text", "mine now")).when().put("/api/conversations/" + conversation + "/messages/" + messageId)
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TestJwt.admin(UUID.randomUUID(), "root")).contentType(ContentType.JSON)
                .body(Map.of("text", "30 EUR")).when().put("/api/conversations/" + conversation + "/messages/" + messageId)
                .then().statusCode(200);
        // the customer's message is not the operator's to edit; too long, blank or split: 422
        String customerMessage = TestDatabase.query("""
                select id from message where conversation_id = ? and direction = 'INBOUND'""", conversation).get(0).get("id").toString();
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "x"))
                .when().put("/api/conversations/" + conversation + "/messages/" + customerMessage).then().statusCode(409);
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "x".repeat(4097)))
                .when().put("/api/conversations/" + conversation + "/messages/" + messageId).then().statusCode(422);
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", " "))
                .when().put("/api/conversations/" + conversation + "/messages/" + messageId).then().statusCode(422);
        String split = reply(conversation, "long text");
        delivered(split, "[601,602]");
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "short"))
                .when().put("/api/conversations/" + conversation + "/messages/" + split)
                .then().statusCode(422).contentType(PROBLEM).body("detail", containsString("2 parts"));
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "x"))
                .when().put("/api/conversations/" + UUID.randomUUID() + "/messages/" + messageId).then().statusCode(404);
    }

    @Test
    void aDeletionDeletesEveryTelegramPartAndIsPublished() throws Exception {
        UUID conversation = customerWrites("Uma", "thanks");
        String messageId = reply(conversation, "wrong customer, sorry");
        delivered(messageId, "[701,702]");
        given().auth().oauth2(TOKEN).when().delete("/api/conversations/" + conversation + "/messages/" + messageId)
                .then().statusCode(204);
        DeleteMessage delete = assertInstanceOf(DeleteMessage.class, command(messageId, "delete_message"));
        assertEquals(List.of(701L, 702L), delete.telegramMessageIds());
        MessageDeleted deleted = (MessageDeleted) event(messageId, "message.deleted");
        assertEquals(OPERATOR, deleted.actor().id());
        assertNotNull(TestDatabase.query("select deleted_at from message where id = ?", UUID.fromString(messageId))
                .get(0).get("deleted_at"));
        Map<String, Object> listed = given().auth().oauth2(TOKEN).when().get("/api/conversations/" + conversation + "/messages")
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items").stream()
                .filter(m -> m.get("id").equals(messageId)).findFirst().orElseThrow();
        assertNotNull(listed.get("deletedAt"), "the console keeps a placeholder");
        // again: nothing more happens
        given().auth().oauth2(TOKEN).when().delete("/api/conversations/" + conversation + "/messages/" + messageId)
                .then().statusCode(204);
        assertEquals(1, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%\"delete_message\"%" + messageId + "%"));
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "x"))
                .when().put("/api/conversations/" + conversation + "/messages/" + messageId).then().statusCode(409);
    }

    @Test
    void after48HoursAMessageCanNeitherBeEditedNorDeleted() {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
        QuarkusMock.installMockForType(clock, Clock.class);
        UUID conversation = customerWrites("Vic", "old news");
        String messageId = reply(conversation, "an old answer");
        delivered(messageId, "[801]");
        clock.advance(Duration.ofHours(47));
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "still fine"))
                .when().put("/api/conversations/" + conversation + "/messages/" + messageId).then().statusCode(200);
        clock.advance(Duration.ofHours(2));
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "too late"))
                .when().put("/api/conversations/" + conversation + "/messages/" + messageId)
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("48 hours"));
        given().auth().oauth2(TOKEN).when().delete("/api/conversations/" + conversation + "/messages/" + messageId)
                .then().statusCode(409).contentType(PROBLEM);
        assertEquals("still fine", TestDatabase.query("select text from message where id = ?", UUID.fromString(messageId))
                .get(0).get("text"));
        assertNull(TestDatabase.query("select deleted_at from message where id = ?", UUID.fromString(messageId))
                .get(0).get("deleted_at"));
    }

    @Test
    void aFailedDeliveryShowsTelegramsReasonAndARetrySendsItUnderANewCommandId() throws Exception {
        long userId = TestUpdates.nextId();
        UUID conversation = write(userId, "Wes", "are you there?");
        String messageId = reply(conversation, "Replacement is on its way");
        SendMessage first = assertInstanceOf(SendMessage.class, command(messageId, "send_message"));

        given().auth().oauth2(TOKEN).when().post("/api/conversations/" + conversation + "/messages/" + messageId + "/retry")
                .then().statusCode(409).contentType(PROBLEM);
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(),
                mapper.writeValueAsString(MessageDeliveryFailed.of(first, 400, "Bad Request: chat not found")));
        Polling.until("message FAILED", WAIT, () -> status(messageId), "FAILED"::equals);
        MessageFailed failed = (MessageFailed) event(messageId, "message.failed");
        assertEquals("Bad Request: chat not found", failed.reason());
        assertEquals("REJECTED", failed.failureKind());

        given().auth().oauth2(TOKEN).when().post("/api/conversations/" + conversation + "/messages/" + messageId + "/retry")
                .then().statusCode(202).body("status", equalTo("PENDING")).body("text", equalTo("Replacement is on its way"));
        assertEquals("PENDING", status(messageId));
        assertNull(TestDatabase.query("select failure_reason from message where id = ?", UUID.fromString(messageId))
                .get(0).get("failure_reason"));
        List<TelegramCommand> commands = commands(messageId, "send_message");
        assertEquals(2, commands.size());
        SendMessage second = (SendMessage) commands.get(1);
        assertNotEquals(first.commandId(), second.commandId());
        assertEquals(first.text(), second.text());
        assertEquals(first.chatId(), second.chatId());
        given().auth().oauth2(TOKEN).when().post("/api/conversations/" + conversation + "/messages/" + messageId + "/retry")
                .then().statusCode(409).contentType(PROBLEM);

        // Telegram says the customer blocked the bot: recorded, and a retry is refused with that reason
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(),
                mapper.writeValueAsString(MessageDeliveryFailed.of(second, 403, "Forbidden: bot was blocked by the user")));
        Polling.until("customer blocked the bot", WAIT, () -> TestDatabase.query("""
                select u.bot_blocked_at from customer u join conversation c on c.customer_id = u.id where c.id = ?""",
                conversation).get(0).get("bot_blocked_at"), at -> at != null);
        assertEquals("BLOCKED_BY_USER", ((MessageFailed) events(messageId, "message.failed").get(1)).failureKind());
        given().auth().oauth2(TOKEN).when().post("/api/conversations/" + conversation + "/messages/" + messageId + "/retry")
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("blocked the bot"));
        assertEquals(1, TestDatabase.scalar("select count(*) from outbox where topic = 'conversation.events' and payload like ?",
                "%\"customer.updated\"%" + conversation + "%"));
        assertEquals(2, commands(messageId, "send_message").size());
    }

    @Test
    void aLateResultOfTheFirstAttemptDoesNotSettleARetriedMessage() throws Exception {
        UUID conversation = customerWrites("Quinn", "hello?");
        String messageId = reply(conversation, "On it");
        SendMessage first = assertInstanceOf(SendMessage.class, command(messageId, "send_message"));
        assertEquals(first.commandId(), commandId(messageId));
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(),
                mapper.writeValueAsString(MessageDeliveryFailed.of(first, 502, "Bad Gateway")));
        Polling.until("message FAILED", WAIT, () -> status(messageId), "FAILED"::equals);
        given().auth().oauth2(TOKEN).when().post("/api/conversations/" + conversation + "/messages/" + messageId + "/retry")
                .then().statusCode(202).body("status", equalTo("PENDING"));
        SendMessage second = (SendMessage) commands(messageId, "send_message").get(1);
        assertEquals(second.commandId(), commandId(messageId), "the message now waits for the retry's command");

        // the first command's failure is delivered again: it must not fail the retried message
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(),
                mapper.writeValueAsString(MessageDeliveryFailed.of(first, 502, "Bad Gateway")));
        // a later result on the same partition proves the one above was consumed
        String other = reply(conversation, "marker");
        SendMessage marker = (SendMessage) command(other, "send_message");
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), mapper.writeValueAsString(
                io.switchboard.telegram.api.MessageDelivered.of(marker, List.of(998L))));
        Polling.until("marker SENT", WAIT, () -> status(other), "SENT"::equals);
        assertEquals("PENDING", status(messageId));
        assertEquals(1, events(messageId, "message.failed").size(), "the stale failure published nothing");

        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), mapper.writeValueAsString(
                io.switchboard.telegram.api.MessageDelivered.of(second, List.of(999L))));
        Polling.until("retried message SENT", WAIT, () -> status(messageId), "SENT"::equals);
        assertEquals("[999]", TestDatabase.query("select telegram_message_ids from message where id = ?",
                UUID.fromString(messageId)).get(0).get("telegram_message_ids"));
    }

    @Test
    void aRetryAfterAPartialDeliveryResumesAfterThePartsTheCustomerAlreadyHas() throws Exception {
        UUID conversation = customerWrites("Rita", "tell me everything");
        String messageId = reply(conversation, "a long answer ".repeat(700)); // 9800 UTF-16 units: 3 parts
        SendMessage first = assertInstanceOf(SendMessage.class, command(messageId, "send_message"));
        // parts 1 and 2 reached the customer, part 3 failed
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), mapper.writeValueAsString(MessageDeliveryFailed.of(
                first, 502, "part 3 of 3: Bad Gateway", io.switchboard.telegram.api.FailureKind.UNAVAILABLE,
                List.of(21L, 22L))));
        Polling.until("message FAILED", WAIT, () -> status(messageId), "FAILED"::equals);

        given().auth().oauth2(TOKEN).when().post("/api/conversations/" + conversation + "/messages/" + messageId + "/retry")
                .then().statusCode(202);
        SendMessage resumed = (SendMessage) commands(messageId, "send_message").get(1);
        assertEquals(2, resumed.skipParts(), "only part 3 is sent again");
        assertEquals(resumed.commandId(), commandId(messageId));

        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), mapper.writeValueAsString(
                io.switchboard.telegram.api.MessageDelivered.of(resumed, List.of(23L))));
        Polling.until("message SENT", WAIT, () -> status(messageId), "SENT"::equals);
        assertEquals("[21,22,23]", TestDatabase.query("select telegram_message_ids from message where id = ?",
                UUID.fromString(messageId)).get(0).get("telegram_message_ids"), "every part, so a delete removes all");
    }

    private static UUID commandId(String messageId) {
        return (UUID) TestDatabase.query("select command_id from message where id = ?", UUID.fromString(messageId))
                .get(0).get("command_id");
    }

    @Test
    void inTheWidgetAFileIsSentAtOnceAndEditsAndDeletionsOnlyUpdateAndPublish() throws Exception {
        UUID customer = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        String customerToken = CustomerTokens.customer(customer, conversation);
        given().auth().oauth2(customerToken).contentType(ContentType.JSON).body("{\"nickname\":\"Xena\"}")
                .when().post("/api/widget/conversations").then().statusCode(201);

        // the widget cannot display files: refused, nothing stored
        given().auth().oauth2(TOKEN).multiPart("file", "map.webp", bytes(2048), "image/webp")
                .when().post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(422).contentType(PROBLEM)
                .body("detail", equalTo("Files can be sent to Telegram customers only"));
        assertEquals(0, outboundCount(conversation));
        assertEquals(0, TestDatabase.scalar("select count(*) from upload where conversation_id = ?", conversation));
        String photo = reply(conversation, "see the map below");
        assertEquals(1, events(photo, "message.sent").size());
        String text = reply(conversation, "first try");
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "second try"))
                .when().put("/api/conversations/" + conversation + "/messages/" + text).then().statusCode(200);
        assertEquals("first try", ((MessageEdited) event(text, "message.edited")).previousText());
        given().auth().oauth2(TOKEN).when().delete("/api/conversations/" + conversation + "/messages/" + photo)
                .then().statusCode(204);
        assertNotNull(event(photo, "message.deleted"));
        assertEquals(0, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%" + conversation + "%"), "a widget conversation has no Telegram chat");
        // the customer's history no longer holds the deleted file, and shows the edited text
        List<Map<String, Object>> history = given().auth().oauth2(customerToken)
                .when().get("/api/widget/conversations/" + conversation + "/messages")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertTrue(history.stream().noneMatch(m -> photo.equals(m.get("id"))), history.toString());
        assertTrue(history.stream().anyMatch(m -> text.equals(m.get("id")) && "second try".equals(m.get("text"))),
                history.toString());
    }

    @Test
    void telegramRefusingAnEditIsAuditedAndAVanishedMessageCountsAsDeleted() throws Exception {
        UUID conversation = customerWrites("Yuri", "hm");
        String messageId = reply(conversation, "typo hree");
        delivered(messageId, "[901]");
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", "typo here"))
                .when().put("/api/conversations/" + conversation + "/messages/" + messageId).then().statusCode(200);
        EditMessageText edit = (EditMessageText) command(messageId, "edit_message_text");
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), mapper.writeValueAsString(
                CommandFailed.of(edit, null, 400, "Bad Request: message can't be edited", null)));
        Polling.until("edit failure audited", WAIT, () -> TestDatabase.scalar("""
                select count(*) from audit_entry where conversation_id = ? and action = 'message.edit_failed'""",
                conversation), n -> n == 1);

        given().auth().oauth2(TOKEN).when().delete("/api/conversations/" + conversation + "/messages/" + messageId)
                .then().statusCode(204);
        DeleteMessage delete = (DeleteMessage) command(messageId, "delete_message");
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), mapper.writeValueAsString(
                CommandFailed.of(delete, null, 400, "Bad Request: message to delete not found", null)));
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), mapper.writeValueAsString(
                CommandCompleted.of(delete, null)));
        // a later result on the same partition proves the two above were consumed
        String other = reply(conversation, "marker");
        SendMessage marker = (SendMessage) command(other, "send_message");
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), mapper.writeValueAsString(
                io.switchboard.telegram.api.MessageDelivered.of(marker, List.of(999L))));
        Polling.until("marker SENT", WAIT, () -> status(other), "SENT"::equals);
        assertEquals(0, TestDatabase.scalar("""
                select count(*) from audit_entry where conversation_id = ? and action = 'message.delete_failed'""",
                conversation), "the message is gone either way");
        assertEquals("SENT", status(messageId), "a refused edit or deletion does not fail the sent message");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private String reply(UUID conversation, String text) {
        return given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", text))
                .when().post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(201).extract().path("id");
    }

    /** As if telegram.results had said delivered with these Telegram message ids. */
    private static void delivered(String messageId, String telegramIds) {
        TestDatabase.update("update message set status = 'SENT', telegram_message_ids = ? where id = ?", telegramIds,
                UUID.fromString(messageId));
    }

    private static String status(String messageId) {
        return (String) TestDatabase.query("select status from message where id = ?", UUID.fromString(messageId))
                .get(0).get("status");
    }

    private static long outboundCount(UUID conversation) {
        return TestDatabase.scalar("""
                select count(*) from message where conversation_id = ? and direction = 'OUTBOUND' and system_key is null""",
                conversation);
    }

    private TelegramCommand command(String messageId, String type) throws Exception {
        List<TelegramCommand> commands = commands(messageId, type);
        assertEquals(1, commands.size(), commands.toString());
        return commands.get(0);
    }

    /** The commands of {@code type} about {@code messageId} in the outbox, in order. */
    private List<TelegramCommand> commands(String messageId, String type) throws Exception {
        List<TelegramCommand> commands = new java.util.ArrayList<>();
        for (Map<String, Object> row : TestDatabase.query("""
                select payload from outbox where topic = 'telegram.commands' and payload like ? order by id""",
                "%\"" + type + "\"%" + messageId + "%")) {
            commands.add(mapper.readValue((String) row.get("payload"), TelegramCommand.class));
        }
        return commands;
    }

    private ConversationEvent event(String messageId, String type) throws Exception {
        List<ConversationEvent> events = events(messageId, type);
        assertEquals(1, events.size(), events.toString());
        return events.get(0);
    }

    private List<ConversationEvent> events(String messageId, String type) throws Exception {
        List<ConversationEvent> events = new java.util.ArrayList<>();
        for (Map<String, Object> row : TestDatabase.query("""
                select payload from outbox where topic = 'conversation.events' and payload like ? and payload like ? order by id""",
                "%\"" + type + "\"%", "%" + messageId + "%")) {
            events.add(mapper.readValue((String) row.get("payload"), ConversationEvent.class));
        }
        return events;
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private UUID customerWrites(String name, String text) {
        return write(TestUpdates.nextId(), name, text);
    }

    private UUID write(long userId, String name, String text) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> intake.accept(TestUpdates.BOT_ID, reader.read(
                    TestUpdates.privateText(TestUpdates.nextId(), userId, name, text))));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        return (UUID) TestDatabase.query("""
                select c.id from conversation c join customer u on u.id = c.customer_id
                where u.telegram_user_id = ? and c.status not in ('CLOSED', 'BLOCKED')""", userId).get(0).get("id");
    }
}
