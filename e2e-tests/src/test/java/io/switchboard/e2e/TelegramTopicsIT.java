package io.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * User story: a team that prefers Telegram links its forum supergroup. A customer writes to the bot and a topic
 * "<name> — <codename>" appears with a summary and Claim/Close buttons. Anna links her Telegram account with a code
 * from the console, claims with the button, answers in the topic, and the customer's Telegram receives exactly her
 * text, while the web console shows the reply and the claim. What happens on the web (a note, a reply) shows in the
 * topic, and nothing echoes back; when the customer edits a message in Telegram, or a web reply is edited or deleted on
 * the web, the copy in the topic is edited or deleted too. When an admin deletes the topic, the next customer message opens a new topic with
 * a summary and nothing is lost; {@code /close} in the topic closes the conversation and the topic.
 */
@Order(50)
class TelegramTopicsIT {

    private static final long GROUP = -1_001_987_654_321L;
    private static final long CUSTOMER = 777_000_501L;
    private static final long ANNA_TELEGRAM_ID = 90_001L;
    private static final Duration WAIT = Duration.ofSeconds(45);

    static SwitchboardStack stack;
    static TelegramEmulatorClient telegram;
    static OperatorSession admin;

    @BeforeAll
    static void startSystem() {
        stack = SwitchboardStack.shared();
        telegram = new TelegramEmulatorClient(stack.emulatorUrl(), SwitchboardStack.BOT_TOKEN);
        admin = OperatorSession.login(stack.gatewayUrl(), SwitchboardStack.ADMIN_USERNAME, stack.adminPassword());
    }

    @AfterAll
    static void unlinkTheGroup() {
        if (admin != null) {
            admin.delete("/api/admin/telegram/support-group"); // later tests run without topics
        }
    }

    @Test
    void operatorsAnswerFromForumTopicsAndBothConsolesStayInSync() {
        telegram.createForumGroup(GROUP, "Acme support");
        Http.Response linked = admin.put("/api/admin/telegram/support-group", Map.of("chatId", GROUP));
        assertEquals(200, linked.status(), linked.body());
        assertEquals(GROUP, admin.get("/api/admin/telegram/support-group").json().get("chatId").asLong());

        // a customer writes: a topic named after them appears, with a summary carrying Claim/Close buttons
        telegram.deliver(TelegramEmulatorClient.privateText(930_001, CUSTOMER, "Marta", "Hello, where is order 42?"));
        JsonNode conversation = Eventually.await("Marta's conversation", WAIT,
                () -> admin.conversations().stream()
                        .filter(c -> "Marta".equals(c.path("customer").path("displayName").asText())).findFirst().orElse(null),
                c -> c != null);
        String conversationId = conversation.get("id").asText();
        String codename = conversation.get("codename").asText();
        JsonNode topic = Eventually.await("a forum topic for the conversation", WAIT,
                () -> telegram.topics(GROUP).stream().filter(t -> t.path("name").asText().contains(codename))
                        .findFirst().orElse(null),
                t -> t != null);
        assertTrue(topic.get("name").asText().contains("Marta — " + codename), topic.toString());
        long thread = topic.get("messageThreadId").asLong();
        JsonNode summary = Eventually.await("the summary with buttons", WAIT,
                () -> botMessages(thread).stream().filter(m -> m.toString().contains("claim:" + conversationId))
                        .findFirst().orElse(null),
                m -> m != null);
        assertTrue(summary.toString().contains("Hello, where is order 42?"), "the summary quotes the customer: " + summary);
        assertTrue(summary.toString().contains("close:" + conversationId), summary.toString());

        // Anna is not linked yet: the bot tells her how to link, nothing reaches the customer
        telegram.writeInTopic(GROUP, thread, ANNA_TELEGRAM_ID, "Anna", "Hi Marta!");
        Eventually.await("instructions to link", WAIT, () -> botMessages(thread),
                ms -> ms.stream().anyMatch(m -> m.path("text").asText().contains("/link")));

        // she links with the code the console gives her, then claims with the button
        Http.Response code = admin.post("/api/telegram/link", Map.of());
        assertEquals(201, code.status(), code.body());
        telegram.writeInTopic(GROUP, thread, ANNA_TELEGRAM_ID, "Anna", code.json().get("command").asText());
        Eventually.await("the operator is linked", WAIT, () -> admin.get("/api/telegram/link").json(),
                link -> link.path("linked").asBoolean() && link.path("telegramUserId").asLong() == ANNA_TELEGRAM_ID);

        String callbackId = telegram.pressButton(GROUP, summary.get("message_id").asLong(), ANNA_TELEGRAM_ID, "Anna",
                "claim:" + conversationId);
        Eventually.await("the button is answered", WAIT, () -> telegram.callbackAnswer(callbackId), a -> a != null);
        JsonNode claimed = Eventually.await("the web console sees the claim", WAIT,
                () -> admin.get("/api/conversations/" + conversationId).json(),
                c -> "OPEN_ASSIGNED".equals(c.path("status").asText()));
        assertNotNull(claimed.get("assigneeId"));
        Eventually.await("the topic title shows the new status", WAIT,
                () -> telegram.topics(GROUP).stream().filter(t -> t.path("messageThreadId").asLong() == thread)
                        .findFirst().orElseThrow(),
                t -> !t.path("name").asText().startsWith("🆕"));

        // her answer in the topic reaches the customer once, shows on the web, and is not mirrored back
        String answer = "Order 42 ships today <b>&</b> *fast*";
        telegram.writeInTopic(GROUP, thread, ANNA_TELEGRAM_ID, "Anna", answer);
        Eventually.await("the customer receives the topic answer", WAIT,
                () -> telegram.calls("sendMessage", CUSTOMER).stream()
                        .filter(c -> answer.equals(c.path("params").path("text").asText())).toList(),
                calls -> calls.size() == 1);
        JsonNode webCopy = Eventually.await("the web console shows the answer", WAIT,
                () -> admin.messages(conversationId).stream().filter(m -> answer.equals(m.path("text").asText()))
                        .findFirst().orElse(null),
                m -> m != null && "SENT".equals(m.path("status").asText()));
        assertEquals("TELEGRAM_TOPIC", webCopy.path("source").asText());

        // the web side: a note and a reply show in the topic
        assertEquals(201, admin.post("/api/conversations/" + conversationId + "/notes",
                Map.of("text", "VIP customer, be nice")).status());
        admin.reply(conversationId, "Tracking number: TN-1");
        Eventually.await("the note and the web reply are mirrored into the topic", WAIT, () -> botMessages(thread),
                ms -> ms.stream().anyMatch(m -> m.path("text").asText().contains("VIP customer, be nice"))
                        && ms.stream().anyMatch(m -> m.path("text").asText().contains("Tracking number: TN-1")));
        assertFalse(botMessages(thread).stream().anyMatch(m -> m.path("text").asText().contains(answer)),
                "a reply written in the topic is never echoed into it");

        // the customer writes again: mirrored silently
        telegram.deliver(TelegramEmulatorClient.privateText(930_002, CUSTOMER, "Marta", "Thanks a lot"));
        JsonNode mirror = Eventually.await("the customer's message in the topic", WAIT,
                () -> botMessages(thread).stream().filter(m -> m.path("text").asText().contains("Thanks a lot"))
                        .findFirst().orElse(null),
                m -> m != null);
        List<JsonNode> mirrorCalls = telegram.calls("sendMessage", GROUP).stream()
                .filter(c -> c.path("params").path("text").asText().contains("Thanks a lot")).toList();
        assertEquals(1, mirrorCalls.size(), "mirrored once: " + mirror);
        assertTrue(mirrorCalls.get(0).path("params").path("disable_notification").asBoolean(), "topic posts are silent");

        // the customer edits that message in Telegram: the copy in the topic shows the new text, marked edited
        ObjectNode edit = TelegramEmulatorClient.privateText(930_003, CUSTOMER, "Marta", "Thanks a lot, it arrived!");
        ObjectNode edited = (ObjectNode) edit.remove("message");
        edited.put("message_id", 930_002);
        edited.put("edit_date", System.currentTimeMillis() / 1000);
        edit.set("edited_message", edited);
        telegram.deliver(edit);
        long mirrorId = mirror.get("message_id").asLong();
        Eventually.await("the topic copy shows the customer's edit", WAIT, () -> topicMessage(thread, mirrorId),
                m -> m.path("text").asText().equals("👤 Marta: Thanks a lot, it arrived!\n✏️ edited"));

        // the web reply, edited on the web: the customer's message and the topic copy both change
        JsonNode webReply = Eventually.await("the web reply is delivered", WAIT,
                () -> admin.messages(conversationId).stream()
                        .filter(m -> "Tracking number: TN-1".equals(m.path("text").asText())).findFirst().orElse(null),
                m -> m != null && "SENT".equals(m.path("status").asText()));
        String replyPath = "/api/conversations/" + conversationId + "/messages/" + webReply.get("id").asText();
        long replyCopyId = botMessages(thread).stream()
                .filter(m -> m.path("text").asText().contains("Tracking number: TN-1")).findFirst().orElseThrow()
                .get("message_id").asLong();
        Http.Response changed = admin.put(replyPath, Map.of("text", "Tracking number: TN-2"));
        assertEquals(200, changed.status(), changed.body());
        Eventually.await("the topic copy shows the web edit", WAIT, () -> topicMessage(thread, replyCopyId),
                m -> m.path("text").asText().endsWith(": Tracking number: TN-2\n✏️ edited"));
        Eventually.await("the customer's copy is edited too", WAIT, () -> telegram.calls("editMessageText", CUSTOMER),
                calls -> calls.stream().anyMatch(c -> "Tracking number: TN-2".equals(c.path("params").path("text").asText())));

        // deleted on the web: gone from the customer's chat and from the topic
        assertEquals(204, admin.delete(replyPath).status());
        Eventually.await("the topic copy is deleted", WAIT, () -> topicMessage(thread, replyCopyId),
                m -> m.path("deleted").asBoolean());
        // nothing of this came back as a message: no new bot post in the topic, no new message in the conversation
        assertEquals(1, botMessages(thread).stream().filter(m -> m.path("text").asText().contains("Thanks a lot")).count());
        assertEquals(0, admin.messages(conversationId).stream()
                .filter(m -> m.path("text").asText().contains("✏️")).count(), "no echo of the edited copies");

        // an admin deletes the topic: the next customer message opens a new topic with a summary; nothing is lost
        telegram.deleteTopic(GROUP, thread);
        telegram.deliver(TelegramEmulatorClient.privateText(930_005, CUSTOMER, "Marta", "Are you still there?"));
        JsonNode healed = Eventually.await("a new topic for the conversation", WAIT,
                () -> telegram.topics(GROUP).stream().filter(t -> t.path("name").asText().contains(codename)
                        && !t.path("deleted").asBoolean()).findFirst().orElse(null),
                t -> t != null);
        long newThread = healed.get("messageThreadId").asLong();
        assertTrue(newThread != thread);
        Eventually.await("the new topic carries the lost message", WAIT, () -> botMessages(newThread),
                ms -> ms.stream().anyMatch(m -> m.path("text").asText().contains("Are you still there?")));
        assertEquals(1, admin.messages(conversationId).stream()
                .filter(m -> "Are you still there?".equals(m.path("text").asText())).count(), "stored exactly once");
        assertEquals(1, telegram.topics(GROUP).stream().filter(t -> t.path("name").asText().contains(codename)
                && !t.path("deleted").asBoolean()).count(), "one live topic per conversation");

        // /close in the topic closes the conversation on the web and the topic in Telegram
        telegram.writeInTopic(GROUP, newThread, ANNA_TELEGRAM_ID, "Anna", "/close");
        Eventually.await("the conversation is closed", WAIT, () -> admin.get("/api/conversations/" + conversationId).json(),
                c -> "CLOSED".equals(c.path("status").asText()));
        Eventually.await("the topic is closed", WAIT,
                () -> telegram.topics(GROUP).stream().filter(t -> t.path("messageThreadId").asLong() == newThread)
                        .findFirst().orElseThrow(),
                t -> t.path("closed").asBoolean());
    }

    /** The topic's message {@code messageId} as the group shows it now (with the emulator's edited/deleted flags). */
    private static JsonNode topicMessage(long thread, long messageId) {
        return telegram.topicMessages(GROUP, thread).stream().filter(m -> m.path("message_id").asLong() == messageId)
                .findFirst().orElseThrow();
    }

    /** Messages the bot posted in a topic (the operator's own messages there are not the bot's). */
    private static List<JsonNode> botMessages(long thread) {
        return telegram.topicMessages(GROUP, thread).stream()
                .filter(m -> m.path("from").path("is_bot").asBoolean()).toList();
    }
}
