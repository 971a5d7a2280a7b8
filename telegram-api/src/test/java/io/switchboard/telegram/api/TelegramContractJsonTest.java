package io.switchboard.telegram.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TelegramContractJsonTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void sendMessageKeepsTextByteExactThroughJson() throws Exception {
        String text = "<b>not bold</b> & 5 > 3 — 👩🏽‍💻 مرحبا\nline two";
        SendMessage command = SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), 7_000_000_000L, text);
        String wire = json.writeValueAsString(command);
        assertTrue(wire.contains("\"type\":\"send_message\""), wire);
        TelegramCommand back = json.readValue(wire, TelegramCommand.class);
        assertEquals(command, back);
        assertEquals(text, ((SendMessage) back).text());
    }

    @Test
    void resultsRoundTrip() throws Exception {
        SendMessage command = SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), 42L, "hi");
        List<TelegramResult> results = List.of(
                MessageDelivered.of(command, List.of(101L, 102L)),
                MessageDeliveryFailed.of(command, 403, "Forbidden: bot was blocked by the user"));
        for (TelegramResult result : results) {
            String wire = json.writeValueAsString(result);
            assertEquals(result, json.readValue(wire, TelegramResult.class));
            assertEquals(command.commandId(), result.commandId());
        }
    }

    @Test
    void everyCommandRoundTripsWithItsWireType() throws Exception {
        UUID conversation = UUID.randomUUID();
        List<TelegramCommand> commands = List.of(
                SendMessage.toTopic(conversation, null, -1001234567890L, 42, "👤 Anna: hi", true,
                        List.of(new InlineButton("Claim", "claim:" + conversation))),
                new SendMedia(UUID.randomUUID(), 1, Instant.parse("2026-01-02T03:04:05Z"), conversation,
                        UUID.randomUUID(), 7L, MediaKind.PHOTO, UUID.randomUUID(), "cat.jpg", "image/jpeg",
                        "a cat", 5, true),
                SendMedia.of(conversation, UUID.randomUUID(), 7L, MediaKind.DOCUMENT, UUID.randomUUID(),
                        "a.pdf", "application/pdf", null),
                EditMessageText.of(conversation, UUID.randomUUID(), 7L, 99L, "fixed"),
                DeleteMessage.of(conversation, UUID.randomUUID(), 7L, List.of(99L, 100L)),
                CreateForumTopic.of(conversation, -100L, "🆕 Anna — blue-fox", 7322096),
                EditForumTopic.of(conversation, -100L, 42, "✅ Anna — blue-fox"),
                CloseForumTopic.of(conversation, -100L, 42),
                ReopenForumTopic.of(conversation, -100L, 42),
                AnswerCallbackQuery.of(null, -100L, "4382bfdwdsb323b2d9", "Claimed", false),
                SendChatAction.of(conversation, 7L, "typing", null));
        List<String> types = List.of("send_message", "send_media", "send_media", "edit_message_text",
                "delete_message", "create_forum_topic", "edit_forum_topic", "close_forum_topic",
                "reopen_forum_topic", "answer_callback_query", "send_chat_action");
        for (int i = 0; i < commands.size(); i++) {
            TelegramCommand command = commands.get(i);
            String wire = json.writeValueAsString(command);
            assertTrue(wire.startsWith("{\"type\":\"" + types.get(i) + "\""), wire);
            assertEquals(command, json.readValue(wire, TelegramCommand.class), wire);
            if (command.messageId() == null) {
                assertFalse(wire.contains("\"messageId\":\"") , wire);
            }
        }
    }

    @Test
    void version1SendMessageJsonStillReadsWithDefaults() throws Exception {
        String old = "{\"type\":\"send_message\",\"commandId\":\"" + UUID.randomUUID()
                + "\",\"version\":1,\"occurredAt\":\"2026-01-01T00:00:00Z\",\"conversationId\":\""
                + UUID.randomUUID() + "\",\"messageId\":\"" + UUID.randomUUID()
                + "\",\"chatId\":42,\"text\":\"hi\"}";
        SendMessage back = (SendMessage) json.readValue(old, TelegramCommand.class);
        assertNull(back.messageThreadId());
        assertFalse(back.silent());
        assertFalse(back.pin());
        assertEquals(List.of(), back.buttons());
        assertEquals("hi", back.text());
        assertEquals(0, back.skipParts());
    }

    @Test
    void version1FailureJsonReadsWithAClassifiedKind() throws Exception {
        String old = "{\"type\":\"message.delivery_failed\",\"eventId\":\"" + UUID.randomUUID()
                + "\",\"version\":1,\"occurredAt\":\"2026-01-01T00:00:00Z\",\"conversationId\":\""
                + UUID.randomUUID() + "\",\"commandId\":\"" + UUID.randomUUID() + "\",\"messageId\":\""
                + UUID.randomUUID() + "\",\"chatId\":42,\"errorCode\":403,"
                + "\"reason\":\"Forbidden: bot was blocked by the user\"}";
        MessageDeliveryFailed back = (MessageDeliveryFailed) json.readValue(old, TelegramResult.class);
        assertEquals(FailureKind.BLOCKED_BY_USER, back.failureKind());
        assertNull(back.messageThreadId());
        assertEquals(List.of(), back.telegramMessageIds());
        String delivered = "{\"type\":\"message.delivered\",\"eventId\":\"" + UUID.randomUUID()
                + "\",\"version\":1,\"conversationId\":\"" + UUID.randomUUID() + "\",\"commandId\":\""
                + UUID.randomUUID() + "\",\"chatId\":42,\"telegramMessageIds\":[5]}";
        assertEquals(List.of(5L), ((MessageDelivered) json.readValue(delivered, TelegramResult.class))
                .telegramMessageIds());
    }

    @Test
    void partialDeliveryAndSkipPartsRoundTripAndDefault() throws Exception {
        SendMessage command = SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), 42L, "long text");
        assertEquals(0, command.skipParts());
        SendMessage resumed = command.resumingAfter(2);
        assertEquals(2, resumed.skipParts());
        assertEquals(command.text(), resumed.text());
        assertNotEquals(command.commandId(), resumed.commandId());
        String wire = json.writeValueAsString(resumed);
        assertTrue(wire.contains("\"skipParts\":2"), wire);
        assertEquals(resumed, json.readValue(wire, TelegramCommand.class));

        MessageDeliveryFailed failed = MessageDeliveryFailed.of(command, 0, "part 3 of 3: timeout",
                FailureKind.UNCERTAIN, List.of(11L, 12L));
        String failedWire = json.writeValueAsString(failed);
        assertTrue(failedWire.contains("\"telegramMessageIds\":[11,12]"), failedWire);
        assertEquals(failed, json.readValue(failedWire, TelegramResult.class));
        assertEquals(List.of(), MessageDeliveryFailed.of(command, 403, "Forbidden: bot was blocked by the user")
                .telegramMessageIds());
    }

    @Test
    void everyResultRoundTripsWithItsWireType() throws Exception {
        UUID conversation = UUID.randomUUID();
        SendMessage toTopic = SendMessage.toTopic(conversation, UUID.randomUUID(), -100L, 42, "x", false, null);
        CreateForumTopic create = CreateForumTopic.of(conversation, -100L, "🆕 Anna", null);
        EditForumTopic edit = EditForumTopic.of(conversation, -100L, 42, "✅ Anna");
        List<TelegramResult> results = List.of(
                MessageDelivered.of(toTopic, List.of(1L)),
                MessageDeliveryFailed.of(toTopic, 400, "Bad Request: message thread not found"),
                ForumTopicCreated.of(create, 42, "🆕 Anna"),
                CommandCompleted.of(edit, 42),
                CommandCompleted.of(AnswerCallbackQuery.of(null, -100L, "q1", null, true), null),
                CommandFailed.of(edit, 42, 400, "Bad Request: TOPIC_DELETED", FailureKind.TOPIC_MISSING));
        List<String> types = List.of("message.delivered", "message.delivery_failed", "forum_topic.created",
                "command.completed", "command.completed", "command.failed");
        for (int i = 0; i < results.size(); i++) {
            TelegramResult result = results.get(i);
            String wire = json.writeValueAsString(result);
            assertTrue(wire.startsWith("{\"type\":\"" + types.get(i) + "\""), wire);
            assertEquals(result, json.readValue(wire, TelegramResult.class), wire);
        }
        assertEquals(42, ((MessageDelivered) results.get(0)).messageThreadId());
        assertEquals(FailureKind.TOPIC_MISSING, ((MessageDeliveryFailed) results.get(1)).failureKind());
        assertEquals("edit_forum_topic", ((CommandCompleted) results.get(3)).commandType());
    }

    @Test
    void failureKindClassifiesTelegramDescriptions() {
        assertEquals(FailureKind.BLOCKED_BY_USER, FailureKind.classify(403, "Forbidden: bot was blocked by the user"));
        assertEquals(FailureKind.BLOCKED_BY_USER, FailureKind.classify(403, "Forbidden: user is deactivated"));
        assertEquals(FailureKind.REJECTED, FailureKind.classify(403, "Forbidden: bot was kicked from the group chat"));
        assertEquals(FailureKind.TOPIC_MISSING, FailureKind.classify(400, "Bad Request: message thread not found"));
        assertEquals(FailureKind.TOPIC_MISSING, FailureKind.classify(400, "Bad Request: TOPIC_DELETED"));
        assertEquals(FailureKind.TOPIC_MISSING, FailureKind.classify(400, "Bad Request: TOPIC_CLOSED"));
        assertEquals(FailureKind.TOPIC_MISSING, FailureKind.classify(400, "Bad Request: TOPIC_ID_INVALID"));
        assertEquals(FailureKind.MESSAGE_GONE, FailureKind.classify(400, "Bad Request: message to edit not found"));
        assertEquals(FailureKind.MESSAGE_GONE, FailureKind.classify(400, "Bad Request: message to delete not found"));
        assertEquals(FailureKind.MESSAGE_GONE, FailureKind.classify(400, "Bad Request: message can't be edited"));
        assertEquals(FailureKind.MESSAGE_GONE, FailureKind.classify(400, "Bad Request: message can't be deleted"));
        assertEquals(FailureKind.RATE_LIMITED, FailureKind.classify(429, "Too Many Requests: retry after 9000"));
        assertEquals(FailureKind.UNAVAILABLE, FailureKind.classify(502, "Bad Gateway"));
        assertEquals(FailureKind.UNAVAILABLE, FailureKind.classify(0, null));
        assertEquals(FailureKind.REJECTED, FailureKind.classify(400, "Bad Request: chat not found"));
        assertEquals(FailureKind.REJECTED, FailureKind.classify(400, null));
    }

    @Test
    void callbackDataOver64BytesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InlineButton("x", "é".repeat(33)));
        assertEquals(64, new InlineButton("x", "a".repeat(64)).callbackData().length());
    }
}
