package io.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * User stories around one Telegram customer: a photo reaches the operator's screen and its bytes stream through our
 * media endpoint (never through a URL with the bot token); the operator sends a document as an upload, edits and
 * deletes a reply in Telegram; the customer's own edit keeps the earlier version; a failed send shows Telegram's
 * reason and goes out on retry; a customer who blocked the bot cannot be written to, with a clear reason; an admin
 * manages the bot and never sees its token again; after a switch to another bot, a customer of that bot is heard even
 * when its update_id repeats one the former bot's customer used.
 */
@Order(51)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TelegramMessagesIT {

    private static final long CUSTOMER = 777_000_601L;
    /** A second bot an admin switches to: the emulator creates it on first use. */
    private static final String NEXT_BOT_TOKEN = "4343434343:E2E-NEXT-BOT-TOKEN";
    private static final long NEXT_BOT_CUSTOMER = 777_000_602L;
    private static final Duration WAIT = Duration.ofSeconds(45);

    static SwitchboardStack stack;
    static TelegramEmulatorClient telegram;
    static OperatorSession admin;
    static String conversationId;

    @BeforeAll
    static void startSystem() {
        stack = SwitchboardStack.shared();
        telegram = new TelegramEmulatorClient(stack.emulatorUrl(), SwitchboardStack.BOT_TOKEN);
        admin = OperatorSession.login(stack.gatewayUrl(), SwitchboardStack.ADMIN_USERNAME, stack.adminPassword());
        telegram.deliver(TelegramEmulatorClient.privateText(940_001, CUSTOMER, "Pavel", "My parcel arrived broken"));
        conversationId = Eventually.await("Pavel's conversation", WAIT,
                () -> admin.conversations().stream()
                        .filter(c -> "Pavel".equals(c.path("customer").path("displayName").asText())).findFirst().orElse(null),
                c -> c != null).get("id").asText();
    }

    @Test
    @Order(1)
    void aCustomersPhotoIsShownAndStreamedOnlyToLoggedInOperators() {
        byte[] photo = fakeJpeg(48_000);
        telegram.customerPhoto(CUSTOMER, "parcel.jpg", photo, "See the box <corner> & tape");
        JsonNode message = Eventually.await("the photo message", WAIT,
                () -> admin.messages(conversationId).stream()
                        .filter(m -> m.path("attachments").size() > 0).findFirst().orElse(null),
                m -> m != null);
        assertEquals("See the box <corner> & tape", message.get("text").asText());
        JsonNode attachment = message.get("attachments").get(0);
        assertEquals("PHOTO", attachment.get("kind").asText());

        Http.BytesResponse file = admin.getBytes("/api/media/" + attachment.get("id").asText());
        assertEquals(200, file.status());
        assertArrayEquals(photo, file.body(), "the operator gets the customer's bytes");
        assertEquals(401, Http.getBytes(stack.gatewayUrl() + "/api/media/" + attachment.get("id").asText()).status(),
                "no token, no file");
    }

    @Test
    @Order(2)
    void theOperatorSendsADocumentAsAnUpload() {
        byte[] invoice = "%PDF-1.4 fake invoice ".repeat(2_000).getBytes(StandardCharsets.US_ASCII);
        Http.Response sent = admin.sendFile(conversationId, "invoice-42.pdf", "application/pdf", invoice, "Your invoice");
        assertEquals(201, sent.status(), sent.body());
        JsonNode call = Eventually.await("sendDocument to the customer", WAIT,
                () -> telegram.calls("sendDocument", CUSTOMER), calls -> !calls.isEmpty()).get(0);
        assertEquals(200, call.path("status").asInt(), call.toString());
        JsonNode delivered = Eventually.await("the document in the customer's chat", WAIT,
                () -> telegram.chatMessages(CUSTOMER).stream().filter(m -> m.has("document")).findFirst().orElse(null),
                m -> m != null);
        assertEquals("invoice-42.pdf", delivered.path("document").path("file_name").asText());
        assertEquals(invoice.length, delivered.path("document").path("file_size").asLong());
        assertEquals("Your invoice", delivered.path("caption").asText());
        Http.Response tooLarge = admin.sendFile(conversationId, "huge.bin", "application/octet-stream",
                new byte[51 * 1024 * 1024], null);
        assertEquals(413, tooLarge.status(), "over Telegram's 50 MB upload limit: " + tooLarge.body());
    }

    @Test
    @Order(3)
    void theOperatorEditsAndDeletesAReplyInTelegram() {
        JsonNode reply = admin.reply(conversationId, "We will refund 10 EUR");
        String messageId = reply.get("id").asText();
        Eventually.await("the reply is sent", WAIT, () -> message(messageId), m -> "SENT".equals(m.path("status").asText()));

        Http.Response edited = admin.put("/api/conversations/" + conversationId + "/messages/" + messageId,
                Map.of("text", "We will refund 20 EUR"));
        assertEquals(200, edited.status(), edited.body());
        Eventually.await("editMessageText reaches Telegram", WAIT, () -> telegram.calls("editMessageText", CUSTOMER),
                calls -> calls.stream().anyMatch(c -> "We will refund 20 EUR".equals(c.path("params").path("text").asText())));
        JsonNode versions = admin.get("/api/conversations/" + conversationId + "/messages/" + messageId + "/versions").json();
        assertEquals("We will refund 10 EUR", versions.get(0).get("text").asText());
        assertNotNull(message(messageId).get("editedAt"));

        assertEquals(204, admin.delete("/api/conversations/" + conversationId + "/messages/" + messageId).status());
        Eventually.await("deleteMessage reaches Telegram", WAIT, () -> telegram.calls("deleteMessage", CUSTOMER),
                calls -> !calls.isEmpty());
    }

    @Test
    @Order(4)
    void theCustomersEditKeepsThePreviousVersion() {
        JsonNode first = admin.messages(conversationId).stream()
                .filter(m -> "My parcel arrived broken".equals(m.path("text").asText())).findFirst().orElseThrow();
        // Telegram sends the same message_id as an edited_message with an edit_date
        com.fasterxml.jackson.databind.node.ObjectNode edit =
                TelegramEmulatorClient.privateText(940_002, CUSTOMER, "Pavel", "My parcel arrived broken and wet");
        com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode) edit.remove("message");
        body.put("message_id", 940_001 % 1_000_000);
        body.put("edit_date", System.currentTimeMillis() / 1000);
        edit.set("edited_message", body);
        telegram.deliver(edit);
        JsonNode edited = Eventually.await("the edit is stored", WAIT, () -> message(first.get("id").asText()),
                m -> "My parcel arrived broken and wet".equals(m.path("text").asText()));
        assertNotNull(edited.get("editedAt"));
        JsonNode versions = admin.get("/api/conversations/" + conversationId + "/messages/" + first.get("id").asText()
                + "/versions").json();
        assertEquals("My parcel arrived broken", versions.get(0).get("text").asText());
    }

    @Test
    @Order(5)
    void aFailedSendShowsTelegramsReasonAndGoesOutOnRetry() {
        telegram.fault("sendMessage", 1, 400, "Bad Request: chat not found", null);
        JsonNode reply = admin.reply(conversationId, "Replacement is on its way");
        String messageId = reply.get("id").asText();
        JsonNode failed = Eventually.await("the reply failed", WAIT, () -> message(messageId),
                m -> "FAILED".equals(m.path("status").asText()));
        assertTrue(failed.path("failureReason").asText().contains("chat not found"), failed.toString());

        Http.Response retry = admin.post("/api/conversations/" + conversationId + "/messages/" + messageId + "/retry", Map.of());
        assertEquals(202, retry.status(), retry.body());
        Eventually.await("the retried reply is sent", WAIT, () -> message(messageId),
                m -> "SENT".equals(m.path("status").asText()));
        assertEquals(1, telegram.calls("sendMessage", CUSTOMER).stream()
                .filter(c -> "Replacement is on its way".equals(c.path("params").path("text").asText())
                        && c.path("status").asInt() == 200).count(), "delivered once");
    }

    @Test
    @Order(6)
    void aCustomerWhoBlockedTheBotCannotBeWrittenTo() {
        telegram.block(CUSTOMER);
        Eventually.await("the console knows the bot is blocked", WAIT,
                () -> admin.get("/api/conversations/" + conversationId).json(),
                c -> c.path("customer").hasNonNull("botBlockedAt"));
        Http.Response refused = admin.post("/api/conversations/" + conversationId + "/messages",
                Map.of("text", "Hello?"), "Idempotency-Key", java.util.UUID.randomUUID().toString());
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.body().contains("blocked the bot"), refused.body());

        telegram.unblock(CUSTOMER);
        Eventually.await("unblocked again", WAIT, () -> admin.get("/api/conversations/" + conversationId).json(),
                c -> !c.path("customer").hasNonNull("botBlockedAt"));
    }

    @Test
    @Order(7)
    void anAdminManagesTheBotAndNeverSeesItsTokenAgain() {
        Http.Response refused = admin.put("/api/admin/telegram/bot", Map.of("token", "not-a-bot-token"));
        assertEquals(422, refused.status(), refused.body());

        Http.Response set = admin.put("/api/admin/telegram/bot", Map.of("token", SwitchboardStack.BOT_TOKEN));
        assertEquals(200, set.status(), set.body());
        JsonNode bot = admin.get("/api/admin/telegram/bot").json();
        assertTrue(bot.path("configured").asBoolean());
        assertFalse(bot.path("username").asText().isEmpty());
        assertFalse(bot.toString().contains(SwitchboardStack.BOT_TOKEN.split(":")[1]), "never the token: " + bot);

        JsonNode info = admin.get("/api/admin/telegram/webhook-info").json();
        assertTrue(info.path("url").asText().endsWith("/telegram/webhook"), info.toString());
        JsonNode webhook = telegram.calls("setWebhook").stream().reduce((a, b) -> b).orElseThrow();
        assertFalse(webhook.path("params").path("secret_token").asText().isEmpty(), webhook.toString());
        assertTrue(webhook.path("params").path("allowed_updates").toString().contains("my_chat_member"), webhook.toString());

        // updates keep flowing with the newly generated webhook secret
        telegram.deliver(TelegramEmulatorClient.privateText(940_100, CUSTOMER, "Pavel", "Still there after the new token?"));
        Eventually.await("the message after re-registration", WAIT, () -> admin.messages(conversationId),
                ms -> ms.stream().anyMatch(m -> "Still there after the new token?".equals(m.path("text").asText())));

        String secretPart = SwitchboardStack.BOT_TOKEN.split(":")[1];
        for (String service : List.of("gateway-service", "conversation-service", "notification-service",
                "telegram-ingest-service")) {
            assertFalse(stack.logOf(service).contains(secretPart), "the bot token is not in the log of " + service);
        }
    }

    @Test
    @Order(8)
    void aCustomerOfTheNextBotIsHeardThoughItsUpdateIdsRepeatTheFormerBots() {
        // Telegram numbers update_ids per bot: the next bot's first update may carry an id the former one used
        long updateId = 940_200;
        telegram.deliver(TelegramEmulatorClient.privateText(updateId, CUSTOMER, "Pavel", "One more thing"));
        Eventually.await("the former bot's update " + updateId, WAIT, () -> admin.messages(conversationId),
                ms -> ms.stream().anyMatch(m -> "One more thing".equals(m.path("text").asText())));

        TelegramEmulatorClient nextBot = new TelegramEmulatorClient(stack.emulatorUrl(), NEXT_BOT_TOKEN);
        try {
            Http.Response switched = admin.put("/api/admin/telegram/bot", Map.of("token", NEXT_BOT_TOKEN));
            assertEquals(200, switched.status(), switched.body());
            assertFalse(nextBot.calls("setWebhook").isEmpty(), "the next bot's webhook points here");

            nextBot.deliver(TelegramEmulatorClient.privateText(updateId, NEXT_BOT_CUSTOMER, "Nadia",
                    "Hello, is this the new support bot?"));
            JsonNode nadia = Eventually.await("Nadia's conversation", WAIT, () -> admin.conversations().stream()
                            .filter(c -> "Nadia".equals(c.path("customer").path("displayName").asText()))
                            .findFirst().orElse(null),
                    c -> c != null);
            Eventually.await("Nadia's message, stored although update " + updateId + " was processed before", WAIT,
                    () -> admin.messages(nadia.get("id").asText()),
                    ms -> ms.stream().anyMatch(m -> "Hello, is this the new support bot?".equals(m.path("text").asText())));
        } finally {
            Http.Response back = admin.put("/api/admin/telegram/bot", Map.of("token", SwitchboardStack.BOT_TOKEN));
            assertEquals(200, back.status(), "the shared stack's bot again: " + back.body());
        }
    }

    private static JsonNode message(String messageId) {
        return admin.messages(conversationId).stream().filter(m -> messageId.equals(m.path("id").asText()))
                .findFirst().orElseThrow();
    }

    private static byte[] fakeJpeg(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        Arrays.fill(bytes, size - 2, size, (byte) 0xD9);
        return bytes;
    }
}
