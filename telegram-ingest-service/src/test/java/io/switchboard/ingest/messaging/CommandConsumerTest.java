package io.switchboard.ingest.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.ingest.testing.FakeBotApi;
import io.switchboard.ingest.testing.FakeBotApiResource;
import io.switchboard.ingest.testing.Fixtures;
import io.switchboard.testing.TopicProbe;
import io.switchboard.telegram.api.MessageDelivered;
import io.switchboard.telegram.api.MessageDeliveryFailed;
import io.switchboard.telegram.api.SendMessage;
import io.switchboard.telegram.api.TelegramResult;
import io.switchboard.telegram.api.Topics;
import io.switchboard.testing.KafkaBrokerResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(FakeBotApiResource.class)
class CommandConsumerTest {

    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;

    @Test
    void sendsTheTextByteExactWithoutParseModeAndReportsTheMessageId() throws Exception {
        long chat = newChat();
        String text = "Hello <b>not bold</b> & &amp; *not italic* _x_ \"quotes\" 👋🏽 שלום עולם\n  second line\t ";
        FakeBotApi api = FakeBotApi.current();
        api.replyToSendMessage(chat, 200, FakeBotApi.sentMessage(chat, text, 4242));
        SendMessage command = SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, text);

        TelegramResult result = execute(command);

        MessageDelivered delivered = assertInstanceOf(MessageDelivered.class, result);
        assertEquals(List.of(4242L), delivered.telegramMessageIds());
        assertEquals(command.commandId(), delivered.commandId());
        assertEquals(command.messageId(), delivered.messageId());
        assertEquals(chat, delivered.chatId());
        List<FakeBotApi.Call> calls = api.sendMessages(chat);
        assertEquals(1, calls.size());
        assertEquals(text, calls.get(0).params().getString("text"));
        assertFalse(calls.get(0).params().containsKey("parse_mode"), "no parse_mode");
        assertEquals("123456:TEST-TOKEN", calls.get(0).token());
    }

    @Test
    void aRefusalIsReportedWithTelegramsCodeAndDescription() throws Exception {
        long chat = newChat();
        FakeBotApi api = FakeBotApi.current();
        api.replyToSendMessage(chat, 403, Fixtures.response("07-error-403-bot-blocked.json"));

        TelegramResult result = execute(SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, "hello"));

        MessageDeliveryFailed failed = assertInstanceOf(MessageDeliveryFailed.class, result);
        assertEquals(403, failed.errorCode());
        assertEquals("Forbidden: bot was blocked by the user", failed.reason());
        assertEquals(1, api.sendMessages(chat).size(), "a 4xx is not retried");
    }

    @Test
    void floodControlIsWaitedOutThenTheSamePartIsSentAgain() throws Exception {
        long chat = newChat();
        FakeBotApi api = FakeBotApi.current();
        api.replyToSendMessage(chat, 429, FakeBotApi.tooManyRequests(1));

        TelegramResult result = execute(SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, "after the flood"));

        assertInstanceOf(MessageDelivered.class, result);
        List<FakeBotApi.Call> calls = api.sendMessages(chat);
        assertEquals(2, calls.size());
        assertEquals("after the flood", calls.get(1).params().getString("text"));
        long waited = calls.get(1).atMillis() - calls.get(0).atMillis();
        assertTrue(waited >= 950, "waited retry_after = 1 s, was " + waited + " ms");
    }

    @Test
    void aRetryAfterAboveTheMaximumFailsAtOnce() throws Exception {
        long chat = newChat();
        FakeBotApi api = FakeBotApi.current();
        api.replyToSendMessage(chat, 429, Fixtures.response("05-error-429-retry-after.json")); // 2282 s

        TelegramResult result = execute(SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, "too late"));

        MessageDeliveryFailed failed = assertInstanceOf(MessageDeliveryFailed.class, result);
        assertEquals(429, failed.errorCode());
        assertTrue(failed.reason().startsWith("Too Many Requests: retry after 2282"), failed.reason());
        assertEquals(1, api.sendMessages(chat).size());
    }

    @Test
    void aServerErrorIsRetried() throws Exception {
        long chat = newChat();
        FakeBotApi api = FakeBotApi.current();
        api.replyToSendMessage(chat, 502, "<html><body>502 Bad Gateway</body></html>");
        api.replyToSendMessage(chat, 500, "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}");

        TelegramResult result = execute(SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, "eventually"));

        assertInstanceOf(MessageDelivered.class, result);
        assertEquals(3, api.sendMessages(chat).size());
    }

    @Test
    void aLongTextIsSentAsSeveralMessagesInOrder() throws Exception {
        long chat = newChat();
        String first = "a".repeat(3000) + "\n";
        String second = "b".repeat(1999);
        FakeBotApi api = FakeBotApi.current();
        api.replyToSendMessage(chat, 200, FakeBotApi.sentMessage(chat, first, 11));
        api.replyToSendMessage(chat, 200, FakeBotApi.sentMessage(chat, second, 12));

        TelegramResult result = execute(SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, first + second));

        MessageDelivered delivered = assertInstanceOf(MessageDelivered.class, result);
        assertEquals(List.of(11L, 12L), delivered.telegramMessageIds());
        List<FakeBotApi.Call> calls = api.sendMessages(chat);
        assertEquals(List.of(first, second), calls.stream().map(c -> c.params().getString("text")).toList());
    }

    @Test
    void aRedeliveredCommandIsNotSentTwice() throws Exception {
        long chat = newChat();
        FakeBotApi api = FakeBotApi.current();
        SendMessage command = SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, "once");
        SendMessage marker = SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, "marker");
        try (TopicProbe results = TopicProbe.atEnd(Topics.RESULTS)) {
            TopicProbe.send(Topics.COMMANDS, Long.toString(chat), json.writeValueAsString(command));
            TopicProbe.send(Topics.COMMANDS, Long.toString(chat), json.writeValueAsString(command));
            TopicProbe.send(Topics.COMMANDS, Long.toString(chat), json.writeValueAsString(marker));
            awaitResult(results, marker);
            List<ConsumerRecord<String, byte[]>> seen = results.drain(Duration.ofMillis(300));
            assertEquals(1, seen.stream().filter(r -> mentions(r, command.commandId())).count());
        }
        assertEquals(List.of("once", "marker"),
                api.sendMessages(chat).stream().map(c -> c.params().getString("text")).toList());
    }

    @Test
    void unreadableRecordsAreSkippedWithoutBlockingTheChat() throws Exception {
        long chat = newChat();
        TopicProbe.send(Topics.COMMANDS, Long.toString(chat), "not json");
        TopicProbe.send(Topics.COMMANDS, Long.toString(chat), "{\"type\":\"delete_everything\",\"commandId\":\""
                + UUID.randomUUID() + "\"}");
        TopicProbe.send(Topics.COMMANDS, Long.toString(chat), "{\"type\":\"send_message\",\"chatId\":" + chat + "}");

        TelegramResult result = execute(SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, "still here"));

        assertInstanceOf(MessageDelivered.class, result);
        assertEquals(1, FakeBotApi.current().sendMessages(chat).size());
    }

    /** Publishes the command as conversation-service would and returns its result from telegram.results. */
    private TelegramResult execute(SendMessage command) throws Exception {
        try (TopicProbe results = TopicProbe.atEnd(Topics.RESULTS)) {
            TopicProbe.send(Topics.COMMANDS, Long.toString(command.chatId()), json.writeValueAsString(command));
            return awaitResult(results, command);
        }
    }

    private TelegramResult awaitResult(TopicProbe results, SendMessage command) throws Exception {
        ConsumerRecord<String, byte[]> record = results.await(r -> mentions(r, command.commandId()), RESULT_TIMEOUT);
        assertEquals(command.conversationId().toString(), record.key(), "keyed by conversation id");
        TelegramResult result = json.readValue(record.value(), TelegramResult.class);
        assertEquals(command.commandId(), result.commandId());
        assertEquals(command.conversationId(), result.conversationId());
        return result;
    }

    private static boolean mentions(ConsumerRecord<String, byte[]> record, UUID commandId) {
        return new String(record.value(), StandardCharsets.UTF_8).contains(commandId.toString());
    }

    private static long newChat() {
        return ThreadLocalRandom.current().nextLong(1_000_000, 1L << 40);
    }
}
