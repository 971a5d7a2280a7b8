package io.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Timers are exact with replicas and survive restarts: two conversation-service processes run against one database
 * with the thresholds set to seconds through the admin API; several customers write through the Telegram emulator;
 * every conversation gets each unclaimed reminder exactly once and is auto-closed exactly once (one closing message
 * on the customer's Telegram). Then both processes stop while reminders are pending, the due times pass, one process
 * starts again and fires each of them once. Runs last: it changes the thresholds for the whole stack (restored at
 * the end).
 */
@Order(100)
class LifecycleTimersReplicasIT {

    private static final String REMINDER_1 = "unclaimed_reminder_5m";
    private static final String REMINDER_2 = "unclaimed_reminder_15m_pin";
    private static final String CLOSING = "closing_message";

    @Test
    void remindersAndAutoCloseFireOnceAcrossTwoReplicasAndAfterARestart() {
        SwitchboardStack stack = SwitchboardStack.shared();
        TelegramEmulatorClient telegram = new TelegramEmulatorClient(stack.emulatorUrl(), SwitchboardStack.BOT_TOKEN);
        OperatorSession admin = OperatorSession.login(stack.gatewayUrl(), SwitchboardStack.ADMIN_USERNAME, stack.adminPassword());
        JsonNode original = ok(admin.get("/api/admin/timers"));
        ServiceProcess replica = stack.startConversationReplica();
        boolean stopped = false;
        try {
            putTimers(stack.gatewayUrl(), admin, 2, 4, 12, 600);
            Http.Response onReplica = Http.get(replica.baseUrl() + "/api/admin/timers", "Authorization", "Bearer " + admin.accessToken());
            assertEquals(2, ok(onReplica).get("firstReminderSeconds").asInt(), "one database behind both replicas");
            ServiceProcess.sleep(6_000); // the replica's thresholds cache (conversation.timers.settings-cache = 5 s)

            // phase 1: both replicas sweep the same rows
            Map<Long, String> phase1 = customersWrite(telegram, admin, 931_000, 555_931_000L, 6, "Tick");
            for (Map.Entry<Long, String> entry : phase1.entrySet()) {
                Eventually.await("reminders and auto-close of " + entry.getValue(), Duration.ofSeconds(60),
                        () -> status(admin, entry.getValue()), "CLOSED"::equals);
            }
            ServiceProcess.sleep(3_000); // stragglers would show up now
            for (Map.Entry<Long, String> entry : phase1.entrySet()) {
                String conversation = entry.getValue();
                Map<String, Integer> counts = systemMessageCounts(admin, conversation);
                assertEquals(1, counts.getOrDefault(REMINDER_1, 0), "first reminder once: " + conversation + " " + counts);
                assertEquals(1, counts.getOrDefault(REMINDER_2, 0), "second reminder once: " + conversation + " " + counts);
                assertEquals(1, counts.getOrDefault(CLOSING, 0), "closed once: " + conversation + " " + counts);
                assertEquals(1, auditActions(admin, conversation).stream().filter("conversation.closed"::equals).count());
                String closingText = admin.messages(conversation).stream()
                        .filter(m -> CLOSING.equals(m.path("systemKey").asText())).findFirst().orElseThrow().get("text").asText();
                Eventually.await("the closing message on the customer's Telegram", Duration.ofSeconds(20),
                        () -> telegram.calls("sendMessage", entry.getKey()).stream()
                                .filter(c -> closingText.equals(c.path("params").path("text").asText())).count(),
                        n -> n >= 1);
                assertEquals(1, telegram.calls("sendMessage", entry.getKey()).stream()
                        .filter(c -> closingText.equals(c.path("params").path("text").asText())).count());
            }

            // phase 2: the timers outlive the processes
            // thresholds well above the time both processes need to stop (a graceful stop closes the Kafka consumers,
            // ~13 s each), so that every phase-2 timer falls due while no replica runs
            putTimers(stack.gatewayUrl(), admin, 45, 50, 60, 600);
            ServiceProcess.sleep(6_000); // the replica must not plan the new conversations with the old thresholds
            Instant writing = Instant.now();
            Map<Long, String> phase2 = customersWrite(telegram, admin, 932_000, 555_932_000L, 3, "Tock");
            replica.close();
            stack.stopConversationService();
            stopped = true;
            Instant down = Instant.now();
            assertTrue(down.isBefore(writing.plusSeconds(45)), "both processes stopped before the first reminder was due");
            ServiceProcess.sleep(Math.max(1_000, Duration.between(Instant.now(), writing.plusSeconds(52)).toMillis()));
            stack.startConversationService();
            stopped = false;
            for (Map.Entry<Long, String> entry : phase2.entrySet()) {
                Eventually.await("auto-close after the restart of " + entry.getValue(), Duration.ofSeconds(60),
                        () -> status(admin, entry.getValue()), "CLOSED"::equals);
            }
            ServiceProcess.sleep(3_000);
            for (String conversation : phase2.values()) {
                Map<String, Integer> counts = systemMessageCounts(admin, conversation);
                assertEquals(Map.of(REMINDER_1, 1, REMINDER_2, 1, CLOSING, 1),
                        Map.of(REMINDER_1, counts.getOrDefault(REMINDER_1, 0), REMINDER_2, counts.getOrDefault(REMINDER_2, 0),
                                CLOSING, counts.getOrDefault(CLOSING, 0)), conversation);
                Instant reminded = Instant.parse(admin.messages(conversation).stream()
                        .filter(m -> REMINDER_1.equals(m.path("systemKey").asText())).findFirst().orElseThrow()
                        .get("createdAt").asText());
                assertTrue(reminded.isAfter(down), "fired by the restarted process: " + reminded + " > " + down);
            }
        } finally {
            if (stopped) {
                stack.startConversationService();
            }
            replica.close();
            putTimers(stack.gatewayUrl(), admin, original.get("firstReminderSeconds").asInt(), original.get("secondReminderSeconds").asInt(),
                    original.get("autoCloseUnansweredSeconds").asInt(), original.get("autoCloseAfterReplySeconds").asInt());
        }
    }

    /** {@code count} new customers write; returns chat id → their conversation id. */
    private static Map<Long, String> customersWrite(TelegramEmulatorClient telegram, OperatorSession admin, long firstUpdate,
                                                    long firstChat, int count, String prefix) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Map<Long, String> names = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            long chat = firstChat + i;
            String name = prefix + i + "-" + run;
            names.put(chat, name);
            telegram.deliver(TelegramEmulatorClient.privateText(firstUpdate + i, chat, name, "Is anyone there? (" + name + ")"));
        }
        Map<Long, String> conversations = new LinkedHashMap<>();
        for (Map.Entry<Long, String> entry : names.entrySet()) {
            JsonNode conversation = Eventually.await("the conversation of " + entry.getValue(), Duration.ofSeconds(30),
                    () -> admin.conversations().stream()
                            .filter(c -> entry.getValue().equals(c.path("customer").path("displayName").asText()))
                            .findFirst().orElse(null),
                    c -> c != null);
            conversations.put(entry.getKey(), conversation.get("id").asText());
        }
        return conversations;
    }

    private static void putTimers(String gatewayUrl, OperatorSession admin, int first, int second, int unanswered, int afterReply) {
        Http.Response response = Http.put(gatewayUrl + "/api/admin/timers", Map.of("firstReminderSeconds", first,
                "secondReminderSeconds", second, "autoCloseUnansweredSeconds", unanswered, "autoCloseAfterReplySeconds", afterReply),
                "Authorization", "Bearer " + admin.accessToken());
        assertEquals(200, response.status(), response.body());
    }

    private static String status(OperatorSession admin, String conversation) {
        return ok(admin.get("/api/conversations/" + conversation)).get("status").asText();
    }

    private static Map<String, Integer> systemMessageCounts(OperatorSession admin, String conversation) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JsonNode message : admin.messages(conversation)) {
            JsonNode key = message.get("systemKey");
            if (key != null && !key.isNull()) {
                counts.merge(key.asText(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static List<String> auditActions(OperatorSession admin, String conversation) {
        List<String> actions = new ArrayList<>();
        ok(admin.get("/api/conversations/" + conversation + "/audit?limit=200")).get("items")
                .forEach(entry -> actions.add(entry.get("action").asText()));
        return actions;
    }

    private static JsonNode ok(Http.Response response) {
        assertEquals(200, response.status(), response.body());
        return response.json();
    }
}
