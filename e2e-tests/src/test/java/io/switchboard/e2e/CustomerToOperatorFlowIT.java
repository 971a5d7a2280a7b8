package io.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * User story: customers write to the bot on Telegram (all 40 real update payloads in the shared fixtures): every update
 * is acted on or skipped with a recorded reason; an operator logged in through the gateway sees each private-chat
 * message (text, or a media caption) exactly once, live on the socket and in the history. The operator answers and the customer's Telegram receives
 * exactly that text; the message turns SENT.
 */
@Order(1)
class CustomerToOperatorFlowIT {

    private static final Path FIXTURES = Path.of(System.getProperty("switchboard.root", ".."))
            .resolve("../shared/fixtures/telegram/updates").normalize();

    static SwitchboardStack stack;
    static TelegramEmulatorClient telegram;

    @BeforeAll
    static void startSystem() {
        stack = SwitchboardStack.shared();
        telegram = new TelegramEmulatorClient(stack.emulatorUrl(), SwitchboardStack.BOT_TOKEN);
    }

    @Test
    void everyFixtureUpdateIsActedOnOrSkippedWithAReasonAndEachPrivateMessageReachesTheOperatorOnce() throws Exception {
        OperatorSession operator = OperatorSession.login(stack.gatewayUrl(), SwitchboardStack.ADMIN_USERNAME, stack.adminPassword());
        List<Path> files;
        try (Stream<Path> list = Files.list(FIXTURES)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(40, files.size(), "fixtures found at " + FIXTURES);

        Map<String, Long> expectedTexts = new LinkedHashMap<>(); // private-chat text or caption → chat id
        Map<Long, String> delivered = new LinkedHashMap<>(); // update_id → fixture file
        // the user of 30-my-chat-member-private-blocked wrote to the bot before blocking it
        telegram.deliver(TelegramEmulatorClient.privateText(899_999, 2_000_000, "Firstname", "Hello before blocking"));
        try (OperatorSocket socket = OperatorSocket.open(stack.gatewayUrl(), operator.accessToken())) {
            assertEquals("bearer-token-carrier", socket.subprotocol());
            long updateId = 900_000;
            for (Path file : files) {
                ObjectNode update = (ObjectNode) Http.JSON.readTree(file.toFile());
                update.put("update_id", updateId); // unique within this run, order kept
                delivered.put(updateId++, file.getFileName().toString());
                JsonNode message = update.get("message");
                if (message != null && "private".equals(message.path("chat").path("type").asText())) {
                    String text = message.hasNonNull("text") ? message.get("text").asText()
                            : message.path("caption").asText("");
                    if (!text.isEmpty() && !text.startsWith("/start")) {
                        expectedTexts.put(text, message.path("chat").path("id").asLong());
                    }
                }
                telegram.deliver(update);
            }
            assertTrue(expectedTexts.size() >= 5, "fixtures hold several private messages: " + expectedTexts.keySet());

            // every update ends acted on (STORED, APPLIED) or SKIPPED with a reason, recorded by conversation-service
            Map<Long, String[]> outcomes = Eventually.await("every fixture update recorded", Duration.ofSeconds(60),
                    () -> processedUpdates(delivered.keySet()), rows -> rows.keySet().containsAll(delivered.keySet()));
            for (Map.Entry<Long, String> fixture : delivered.entrySet()) {
                String[] row = outcomes.get(fixture.getKey());
                assertTrue(List.of("STORED", "APPLIED", "SKIPPED").contains(row[0]), fixture.getValue() + ": " + row[0]);
                if ("SKIPPED".equals(row[0])) {
                    assertTrue(row[1] != null && row[1].length() > 10, fixture.getValue() + " skipped with a reason: " + row[1]);
                }
            }
            assertEquals("STORED", outcomes.get(900_009L)[0], "10-private-photo-caption-url-entity is stored");
            assertEquals("APPLIED", outcomes.get(900_029L)[0], "30-my-chat-member-private-blocked is applied");

            List<String> inbound = Eventually.await("every private message stored", Duration.ofSeconds(60),
                    () -> inboundTexts(operator),
                    texts -> expectedTexts.keySet().stream().allMatch(texts::contains));
            // give stragglers (duplicates) a moment to show up if they were going to
            ServiceProcess.sleep(1500);
            inbound = inboundTexts(operator);
            for (String text : expectedTexts.keySet()) {
                assertEquals(1, inbound.stream().filter(text::equals).count(), "stored exactly once: " + text);
            }

            List<JsonNode> frames = Eventually.await("a message.received frame per private message", Duration.ofSeconds(20),
                    () -> socket.frames(f -> "message.received".equals(f.path("type").asText())),
                    fs -> expectedTexts.keySet().stream().allMatch(t -> fs.stream()
                            .anyMatch(f -> t.equals(f.path("payload").path("message").path("text").asText()))));
            for (String text : expectedTexts.keySet()) {
                assertEquals(1, frames.stream().filter(f -> text.equals(f.path("payload").path("message").path("text")
                        .asText())).count(), "one live frame for: " + text);
            }
            assertTrue(frames.stream().allMatch(f -> f.hasNonNull("conversationId") && f.has("payload")));
        }
    }

    /** {@code update_id → [outcome, reason]} from conversation-service's processed_update table. */
    private static Map<Long, String[]> processedUpdates(java.util.Collection<Long> ids) {
        Map<Long, String[]> rows = new LinkedHashMap<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(stack.conversationJdbcUrl(),
                System.getenv().getOrDefault("PGUSER", "postgres"), System.getenv().getOrDefault("PGPASSWORD", ""));
             java.sql.PreparedStatement query = c.prepareStatement(
                     "select update_id, outcome, reason from processed_update where update_id = any(?)")) {
            query.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (java.sql.ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getLong(1), new String[]{rs.getString(2), rs.getString(3)});
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @Test
    void theOperatorsReplyReachesTheCustomersTelegramByteExactAndTurnsSent() {
        long chatId = 555_000_111L;
        String question = "Где мой заказ? 📦 <script>&amp;";
        telegram.deliver(TelegramEmulatorClient.privateText(800_001, chatId, "Ольга", question));
        OperatorSession operator = OperatorSession.login(stack.gatewayUrl(), SwitchboardStack.ADMIN_USERNAME, stack.adminPassword());
        JsonNode conversation = Eventually.await("the customer's conversation", Duration.ofSeconds(30),
                () -> operator.conversations().stream()
                        .filter(c -> "Ольга".equals(c.path("customer").path("displayName").asText())).findFirst().orElse(null),
                c -> c != null);
        String conversationId = conversation.get("id").asText();
        assertEquals("OPEN_UNCLAIMED", conversation.get("status").asText());
        assertTrue(conversation.get("codename").asText().matches("[A-Z][a-z]+ [A-Z][a-z]+ #[0-9A-F]{4}"),
                conversation.get("codename").asText());

        try (OperatorSocket socket = OperatorSocket.open(stack.gatewayUrl(), operator.accessToken())) {
            String answer = "Здравствуйте, Ольга! <b>не жирный</b> & 5 > 3 — 👩🏽‍💻 שלום\nвторая строка";
            JsonNode pending = operator.reply(conversationId, answer);
            assertEquals("OUTBOUND", pending.get("direction").asText());
            assertEquals("PENDING", pending.get("status").asText());
            assertEquals(answer, pending.get("text").asText());

            // the chat may also hold system messages (welcome_message …): the answer is there exactly once
            List<JsonNode> sent = Eventually.await("sendMessage to the customer's chat", Duration.ofSeconds(30),
                    () -> telegram.calls("sendMessage", chatId).stream()
                            .filter(c -> answer.equals(c.path("params").path("text").asText())).toList(),
                    calls -> !calls.isEmpty());
            assertEquals(1, sent.size());
            assertEquals(answer, sent.get(0).path("params").path("text").asText());
            assertFalse(sent.get(0).path("params").has("parse_mode"), "no parse_mode: text arrives as typed");

            String messageId = pending.get("id").asText();
            JsonNode stored = Eventually.await("the reply marked SENT", Duration.ofSeconds(30),
                    () -> operator.messages(conversationId).stream()
                            .filter(m -> messageId.equals(m.get("id").asText())).findFirst().orElseThrow(),
                    m -> "SENT".equals(m.get("status").asText()));
            assertEquals(answer, stored.get("text").asText());
            Eventually.await("a message.sent frame", Duration.ofSeconds(15),
                    () -> socket.frames(f -> "message.sent".equals(f.path("type").asText())
                            && messageId.equals(f.path("payload").path("messageId").asText())),
                    fs -> fs.size() == 1);
        }
    }

    private static List<String> inboundTexts(OperatorSession operator) {
        List<String> texts = new ArrayList<>();
        for (JsonNode conversation : operator.conversations()) {
            for (JsonNode message : operator.messages(conversation.get("id").asText())) {
                if ("INBOUND".equals(message.get("direction").asText())) {
                    texts.add(message.get("text").asText());
                }
            }
        }
        return texts;
    }
}
