package io.switchboard.ingest.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.ingest.testing.FakeBotApi;
import io.switchboard.ingest.testing.FakeBotApiResource;
import io.switchboard.ingest.testing.Fixtures;
import io.switchboard.testing.TopicProbe;
import io.switchboard.telegram.api.AnswerCallbackQuery;
import io.switchboard.telegram.api.CloseForumTopic;
import io.switchboard.telegram.api.CommandCompleted;
import io.switchboard.telegram.api.CommandFailed;
import io.switchboard.telegram.api.CreateForumTopic;
import io.switchboard.telegram.api.DeleteMessage;
import io.switchboard.telegram.api.EditForumTopic;
import io.switchboard.telegram.api.EditMessageText;
import io.switchboard.telegram.api.FailureKind;
import io.switchboard.telegram.api.ForumTopicCreated;
import io.switchboard.telegram.api.InlineButton;
import io.switchboard.telegram.api.MediaKind;
import io.switchboard.telegram.api.MessageDelivered;
import io.switchboard.telegram.api.ReopenForumTopic;
import io.switchboard.telegram.api.SendChatAction;
import io.switchboard.telegram.api.SendMedia;
import io.switchboard.telegram.api.TelegramCommand;
import io.switchboard.telegram.api.MessageDeliveryFailed;
import io.switchboard.telegram.api.SendMessage;
import io.switchboard.telegram.api.TelegramResult;
import io.switchboard.telegram.api.Topics;
import io.switchboard.testing.KafkaBrokerResource;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.repository.CompletedCommands;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

    @Inject
    CommandConsumer consumer;

    @Inject
    OkHttpClient http;

    @Inject
    TelegramConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CompletedCommands completed;

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
        assertEquals(FailureKind.BLOCKED_BY_USER, failed.failureKind());
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
        String first = "a".repeat(3500) + "\n";
        String second = "b".repeat(1499);
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
    void aCommandAnotherReplicaCompletedIsAcknowledgedAndNeverSent() throws Exception {
        long chat = newChat();
        SendMessage done = SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, "sent before the restart");
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "insert into completed_command (command_id, completed_at) values (?, now())")) {
            s.setObject(1, done.commandId());
            assertEquals(1, s.executeUpdate());
        }
        AtomicInteger acks = new AtomicInteger();
        SendMessage marker = SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, "marker");
        try (TopicProbe results = TopicProbe.atEnd(Topics.RESULTS)) {
            admitted(record(done, 93, 1, acks));
            assertEquals(1, acks.get(), "acknowledged at once");
            TopicProbe.send(Topics.COMMANDS, Long.toString(chat), json.writeValueAsString(done));
            TopicProbe.send(Topics.COMMANDS, Long.toString(chat), json.writeValueAsString(marker));
            awaitResult(results, marker);
            assertEquals(0, results.drain(Duration.ofMillis(300)).stream()
                    .filter(r -> mentions(r, done.commandId())).count(), "no second result");
        }
        assertEquals(List.of("marker"),
                FakeBotApi.current().sendMessages(chat).stream().map(c -> c.params().getString("text")).toList());
    }

    @Test
    void aDeliveredCommandIsRecordedForEveryReplica() throws Exception {
        long chat = newChat();
        SendMessage command = SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, "remember me");
        Instant before = Instant.now().minusSeconds(1);

        assertInstanceOf(MessageDelivered.class, execute(command));

        Instant recordedAt = null;
        long deadline = System.currentTimeMillis() + 10_000;
        while (recordedAt == null && System.currentTimeMillis() < deadline) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement(
                         "select completed_at from completed_command where command_id = ?")) {
                s.setObject(1, command.commandId());
                try (ResultSet r = s.executeQuery()) {
                    recordedAt = r.next() ? r.getTimestamp(1).toInstant() : null;
                }
            }
            if (recordedAt == null) {
                Thread.sleep(20);
            }
        }
        assertTrue(recordedAt != null && !recordedAt.isBefore(before), "recorded at " + recordedAt);
        completed.record(command.commandId(), Instant.now()); // a second record is a no-op, not an error
        assertTrue(completed.contains(command.commandId()));
        UUID old = UUID.randomUUID();
        completed.record(old, Instant.now().minus(Duration.ofDays(8)));
        assertTrue(completed.purgeOlderThan(Instant.now().minus(config.send().completedCommandsRetention())) >= 1);
        assertFalse(completed.contains(old), "older than the 7-day retention: purged");
        assertTrue(completed.contains(command.commandId()), "younger: kept");
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

    @Test
    void aChatWaitingForRetryAfterDoesNotHoldAnotherChat() throws Exception {
        long flooded = newChat();
        long other = newChat();
        FakeBotApi api = FakeBotApi.current();
        api.replyToSendMessage(flooded, 429, FakeBotApi.tooManyRequests(2));
        SendMessage first = SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), flooded, "flooded");
        SendMessage second = SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), other, "not held");
        try (TopicProbe results = TopicProbe.atEnd(Topics.RESULTS)) {
            TopicProbe.send(Topics.COMMANDS, Long.toString(flooded), json.writeValueAsString(first));
            TopicProbe.send(Topics.COMMANDS, Long.toString(other), json.writeValueAsString(second));
            assertInstanceOf(MessageDelivered.class, awaitResult(results, second));
            assertInstanceOf(MessageDelivered.class, awaitResult(results, first));
            List<ConsumerRecord<String, byte[]>> seen = results.drain(Duration.ofMillis(500));
            assertEquals(1, seen.stream().filter(r -> mentions(r, first.commandId())).count(), "one result");
            assertEquals(1, seen.stream().filter(r -> mentions(r, second.commandId())).count(), "one result");
        }
        List<FakeBotApi.Call> floodedCalls = api.sendMessages(flooded);
        List<FakeBotApi.Call> otherCalls = api.sendMessages(other);
        assertEquals(2, floodedCalls.size(), "one 429, then the same message once");
        assertEquals(1, otherCalls.size());
        assertTrue(otherCalls.get(0).atMillis() < floodedCalls.get(1).atMillis(), "the other chat went first");
        assertTrue(floodedCalls.get(1).atMillis() - floodedCalls.get(0).atMillis() >= 1950, "waited retry_after");
    }

    @Test
    void aReadTimeoutIsUncertainAndNeverRetried() throws Exception {
        long chat = newChat();
        FakeBotApi api = FakeBotApi.current();
        api.hangNext("sendMessage", chat, 4000); // longer than telegram.http-timeout (2 s in tests)

        TelegramResult result = execute(SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, "maybe sent"));

        MessageDeliveryFailed failed = assertInstanceOf(MessageDeliveryFailed.class, result);
        assertEquals(FailureKind.UNCERTAIN, failed.failureKind());
        assertEquals(0, failed.errorCode());
        assertFalse(failed.reason().contains("TEST-TOKEN"), failed.reason());
        Thread.sleep(1000);
        assertEquals(1, api.sendMessages(chat).size(), "exactly one request: a retry could send it twice");
    }

    @Test
    void forumTopicCommandsReportTheirResults() throws Exception {
        long group = -newChat();
        UUID conversation = UUID.randomUUID();
        FakeBotApi api = FakeBotApi.current();

        CreateForumTopic create = CreateForumTopic.of(conversation, group, "🆕 Anna — blue-fox", 7322096);
        ForumTopicCreated created = assertInstanceOf(ForumTopicCreated.class, execute(create));
        int thread = created.messageThreadId();
        assertTrue(thread > 0);
        assertEquals("🆕 Anna — blue-fox", created.name());
        assertEquals(group, created.chatId());
        assertEquals(7322096, api.calls("createForumTopic", group).get(0).params().getInteger("icon_color"));

        SendMessage summary = SendMessage.toTopic(conversation, null, group, thread, "Summary", true,
                List.of(new InlineButton("Claim", "claim:" + conversation),
                        new InlineButton("Close", "close:" + conversation)));
        MessageDelivered delivered = assertInstanceOf(MessageDelivered.class, execute(summary));
        assertEquals(thread, delivered.messageThreadId());
        FakeBotApi.Call sent = api.sendMessages(group).get(0);
        assertEquals(thread, sent.params().getInteger("message_thread_id"));
        assertEquals(Boolean.TRUE, sent.params().getValue("disable_notification"));
        assertTrue(sent.params().getValue("reply_markup").toString().contains("claim:" + conversation));
        FakeBotApi.Call pin = api.calls("pinChatMessage", group).get(0);
        assertEquals(delivered.telegramMessageIds().get(0).intValue(), pin.params().getInteger("message_id"));
        assertFalse(pin.params().containsKey("message_thread_id"), "pinChatMessage takes no thread id");
        assertEquals(Boolean.TRUE, pin.params().getValue("disable_notification"));

        for (TelegramCommand command : List.of(EditForumTopic.of(conversation, group, thread, "✅ Anna — blue-fox"),
                CloseForumTopic.of(conversation, group, thread), ReopenForumTopic.of(conversation, group, thread))) {
            CommandCompleted completed = assertInstanceOf(CommandCompleted.class, execute(command));
            assertEquals(command.type(), completed.commandType());
            assertEquals(thread, completed.messageThreadId());
        }
        assertEquals("✅ Anna — blue-fox", api.calls("editForumTopic", group).get(0).params().getString("name"));
        assertEquals(1, api.calls("closeForumTopic", group).size());
        assertEquals(1, api.calls("reopenForumTopic", group).size());
    }

    @Test
    void aDeletedTopicIsReportedAsTopicMissing() throws Exception {
        long group = -newChat();
        FakeBotApi api = FakeBotApi.current();
        api.replyToSendMessage(group, 400, FakeBotApi.badRequest("Bad Request: message thread not found"));

        TelegramResult result = execute(SendMessage.toTopic(UUID.randomUUID(), null, group, 77, "mirror", false, null));

        MessageDeliveryFailed failed = assertInstanceOf(MessageDeliveryFailed.class, result);
        assertEquals(FailureKind.TOPIC_MISSING, failed.failureKind());
        assertEquals(77, failed.messageThreadId());
    }

    @Test
    void sendMediaStreamsTheUploadAndSendsTheLongCaptionsRestAsText() throws Exception {
        long chat = newChat();
        FakeBotApi api = FakeBotApi.current();
        UUID upload = UUID.randomUUID();
        byte[] bytes = new byte[70_000];
        ThreadLocalRandom.current().nextBytes(bytes);
        api.addUpload(upload, bytes);
        String caption = "word ".repeat(300); // 1500 units
        SendMedia command = new SendMedia(UUID.randomUUID(), 1, null, UUID.randomUUID(), UUID.randomUUID(), chat,
                MediaKind.PHOTO, upload, "cat.jpg", "image/jpeg", caption, null, false);

        MessageDelivered delivered = assertInstanceOf(MessageDelivered.class, execute(command));

        assertEquals(2, delivered.telegramMessageIds().size(), "the photo, then the caption's rest");
        FakeBotApi.Call photo = api.calls("sendPhoto", chat).get(0);
        String sentCaption = photo.params().getString("caption");
        assertTrue(sentCaption.length() <= 1024, "caption fits");
        assertEquals(caption, sentCaption + api.sendMessages(chat).get(0).params().getString("text"));
        String attached = photo.params().getString("photo"); // "attach://<part name>", the bytes in that part
        assertTrue(attached.startsWith("attach://"), attached);
        io.vertx.core.json.JsonObject file = photo.params().getJsonObject(attached.substring("attach://".length()));
        assertEquals("cat.jpg", file.getString("filename"));
        assertEquals(bytes.length, file.getInteger("size"));
        assertTrue(java.util.Arrays.equals(bytes, java.util.Base64.getDecoder().decode(file.getString("base64"))));
    }

    @Test
    void aMissingUploadFailsTheMediaWithoutCallingTelegram() throws Exception {
        long chat = newChat();
        SendMedia command = SendMedia.of(UUID.randomUUID(), UUID.randomUUID(), chat, MediaKind.DOCUMENT,
                UUID.randomUUID(), "a.pdf", "application/pdf", null);

        MessageDeliveryFailed failed = assertInstanceOf(MessageDeliveryFailed.class, execute(command));

        assertEquals(FailureKind.REJECTED, failed.failureKind());
        assertEquals(0, FakeBotApi.current().calls("sendDocument", chat).size());
    }

    @Test
    void editDeleteAndCallbackAnswersComplete() throws Exception {
        long chat = newChat();
        UUID conversation = UUID.randomUUID();
        FakeBotApi api = FakeBotApi.current();

        CommandCompleted edited = assertInstanceOf(CommandCompleted.class,
                execute(EditMessageText.of(conversation, UUID.randomUUID(), chat, 321L, "fixed typo")));
        assertEquals("edit_message_text", edited.commandType());
        assertEquals("fixed typo", api.calls("editMessageText", chat).get(0).params().getString("text"));

        api.replyTo("deleteMessage", chat, 400, FakeBotApi.badRequest("Bad Request: message to delete not found"));
        assertInstanceOf(CommandCompleted.class,
                execute(DeleteMessage.of(conversation, UUID.randomUUID(), chat, List.of(400L, 401L))));
        assertEquals(List.of(400, 401), api.calls("deleteMessage", chat).stream()
                .map(c -> c.params().getInteger("message_id")).toList(), "every part, one already gone");

        api.replyTo("editMessageText", chat, 400, FakeBotApi.badRequest("Bad Request: message to edit not found"));
        CommandFailed failed = assertInstanceOf(CommandFailed.class,
                execute(EditMessageText.of(conversation, UUID.randomUUID(), chat, 999L, "too late")));
        assertEquals(FailureKind.MESSAGE_GONE, failed.failureKind());

        AnswerCallbackQuery answer = AnswerCallbackQuery.of(null, chat, "cbq-" + chat, "Claimed", false);
        assertInstanceOf(CommandCompleted.class, execute(answer));
        assertEquals("Claimed", api.calls("answerCallbackQuery").stream()
                .filter(c -> ("cbq-" + chat).equals(c.params().getString("callback_query_id")))
                .findFirst().orElseThrow().params().getString("text"));
    }

    @Test
    void aChatActionIsSentWithoutAResult() throws Exception {
        long chat = newChat();
        SendChatAction typing = SendChatAction.of(UUID.randomUUID(), chat, "typing", null);
        SendMessage marker = SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, "after typing");
        try (TopicProbe results = TopicProbe.atEnd(Topics.RESULTS)) {
            TopicProbe.send(Topics.COMMANDS, Long.toString(chat), json.writeValueAsString(typing));
            TopicProbe.send(Topics.COMMANDS, Long.toString(chat), json.writeValueAsString(marker));
            awaitResult(results, marker);
            assertEquals(0, results.drain(Duration.ofMillis(300)).stream()
                    .filter(r -> mentions(r, typing.commandId())).count());
        }
        assertEquals("typing", FakeBotApi.current().calls("sendChatAction", chat).get(0).params().getString("action"));
    }

    @Test
    void aFailedLaterPartReportsThePartsAlreadySentAndSkipPartsSendsOnlyTheRest() throws Exception {
        long chat = newChat();
        String first = "a".repeat(3500) + "\n";
        String second = "b".repeat(3800) + "\n";
        String third = "c".repeat(1000);
        FakeBotApi api = FakeBotApi.current();
        api.replyToSendMessage(chat, 200, FakeBotApi.sentMessage(chat, first, 21));
        api.replyToSendMessage(chat, 200, FakeBotApi.sentMessage(chat, second, 22));
        api.replyToSendMessage(chat, 403, Fixtures.response("07-error-403-bot-blocked.json"));
        SendMessage command = SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, first + second + third);

        MessageDeliveryFailed failed = assertInstanceOf(MessageDeliveryFailed.class, execute(command));
        assertEquals(List.of(21L, 22L), failed.telegramMessageIds(), "the parts delivered before the failure");
        assertTrue(failed.reason().startsWith("part 3 of 3"), failed.reason());

        api.replyToSendMessage(chat, 200, FakeBotApi.sentMessage(chat, third, 23));
        MessageDelivered rest = assertInstanceOf(MessageDelivered.class, execute(command.resumingAfter(2)));
        assertEquals(List.of(23L), rest.telegramMessageIds(), "only the new part");
        assertEquals(List.of(first, second, third, third),
                api.sendMessages(chat).stream().map(c -> c.params().getString("text")).toList());
    }

    @Test
    void aRequestTelegrambotsRefusesToBuildIsRejectedAtOnce() throws Exception {
        long group = -newChat();
        FakeBotApi api = FakeBotApi.current();

        CommandFailed failed = assertInstanceOf(CommandFailed.class,
                execute(CreateForumTopic.of(UUID.randomUUID(), group, "x".repeat(129), null)));
        assertEquals(FailureKind.REJECTED, failed.failureKind());
        MessageDeliveryFailed empty = assertInstanceOf(MessageDeliveryFailed.class,
                execute(SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), group, "")));
        assertEquals(FailureKind.REJECTED, empty.failureKind());
        assertEquals(0, api.calls("createForumTopic", group).size() + api.sendMessages(group).size(),
                "nothing reached Telegram, nothing retried");
    }

    @Test
    void aChatUnderALongFloodWaitFailsItsNextCommandsWithoutCallingTelegram() throws Exception {
        long chat = newChat();
        FakeBotApi api = FakeBotApi.current();
        api.replyToSendMessage(chat, 429, Fixtures.response("05-error-429-retry-after.json")); // 2282 s

        MessageDeliveryFailed first = assertInstanceOf(MessageDeliveryFailed.class,
                execute(SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, "first")));
        MessageDeliveryFailed next = assertInstanceOf(MessageDeliveryFailed.class,
                execute(SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, "next")));

        assertEquals(FailureKind.RATE_LIMITED, first.failureKind());
        assertEquals(FailureKind.RATE_LIMITED, next.failureKind());
        assertEquals(first.reason(), next.reason());
        assertEquals(1, api.sendMessages(chat).size(), "the blocked chat is not called again");
        assertInstanceOf(MessageDelivered.class,
                execute(SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), newChat(), "other chats go on")));
    }

    @Test
    void manyShortFloodWaitsAreAllWaitedOut() throws Exception {
        long chat = newChat();
        FakeBotApi api = FakeBotApi.current();
        for (int i = 0; i < 7; i++) {
            api.replyToSendMessage(chat, 429, FakeBotApi.tooManyRequests(0));
        }

        assertInstanceOf(MessageDelivered.class,
                execute(SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, "patient")));
        assertEquals(8, api.sendMessages(chat).size(), "no cap on the number of 429s within max-retry-after");
    }

    @Test
    void aFailedPinStillDeliversTheMessage() throws Exception {
        long group = -newChat();
        FakeBotApi api = FakeBotApi.current();
        api.replyTo("pinChatMessage", group, 500, "{\"ok\":false,\"error_code\":500,\"description\":\"Internal\"}");

        MessageDelivered delivered = assertInstanceOf(MessageDelivered.class,
                execute(SendMessage.toTopic(UUID.randomUUID(), null, group, 5, "summary", true, List.of())));
        assertEquals(1, delivered.telegramMessageIds().size());
        assertEquals(1, api.calls("pinChatMessage", group).size(), "the pin is best effort, not retried");
    }

    @Test
    void aRedeliveredRecordIsAcknowledgedOnlyWithTheQueuedCommand() throws Exception {
        long chat = newChat();
        FakeBotApi api = FakeBotApi.current();
        api.replyToSendMessage(chat, 429, FakeBotApi.tooManyRequests(1));
        SendMessage command = SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, "held a while");
        AtomicInteger firstAck = new AtomicInteger();
        AtomicInteger redeliveryAck = new AtomicInteger();
        try (TopicProbe results = TopicProbe.atEnd(Topics.RESULTS)) {
            admitted(record(command, 90, 1, firstAck));
            admitted(record(command, 91, 1, redeliveryAck));
            assertEquals(0, redeliveryAck.get(), "not acknowledged while the command waits");
            assertInstanceOf(MessageDelivered.class, awaitResult(results, command));
        }
        awaitCount(firstAck, 1);
        awaitCount(redeliveryAck, 1);
        assertEquals(2, api.sendMessages(chat).size(), "one 429, then sent once");
    }

    @Test
    void aRevokedPartitionsQueuedCommandsAreDroppedButStartedOnesFinish() throws Exception {
        long chat = newChat();
        FakeBotApi api = FakeBotApi.current();
        api.replyToSendMessage(chat, 429, FakeBotApi.tooManyRequests(2));
        SendMessage started = SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, "started");
        SendMessage queued = SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), chat, "queued");
        AtomicInteger startedAck = new AtomicInteger();
        AtomicInteger queuedAck = new AtomicInteger();
        try (TopicProbe results = TopicProbe.atEnd(Topics.RESULTS)) {
            admitted(record(started, 92, 1, startedAck));
            long deadline = System.currentTimeMillis() + 10_000;
            while (api.sendMessages(chat).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            admitted(record(queued, 92, 2, queuedAck));
            consumer.revoked(List.of(new TopicPartition(Topics.COMMANDS, 92)));
            assertInstanceOf(MessageDelivered.class, awaitResult(results, started));
            Thread.sleep(500);
            assertEquals(0, results.drain(Duration.ofMillis(200)).stream()
                    .filter(r -> mentions(r, queued.commandId())).count(), "the new owner executes it");
            assertEquals(List.of("started", "started"),
                    api.sendMessages(chat).stream().map(c -> c.params().getString("text")).toList());
            assertEquals(0, queuedAck.get());

            admitted(record(queued, 92, 2, queuedAck)); // redelivered to this replica: executed now
            assertInstanceOf(MessageDelivered.class, awaitResult(results, queued));
        }
        awaitCount(startedAck, 1);
        awaitCount(queuedAck, 1);
    }

    @Test
    void theHttpClientLetsEveryWorkerCallTelegramAtOnce() {
        assertTrue(http.dispatcher().getMaxRequestsPerHost() >= config.send().workers() + 1,
                "per host: " + http.dispatcher().getMaxRequestsPerHost());
        assertTrue(http.dispatcher().getMaxRequests() >= http.dispatcher().getMaxRequestsPerHost());
    }

    private Message<String> record(TelegramCommand command, int partition, long offset, AtomicInteger acks)
            throws Exception {
        ConsumerRecord<String, String> kafka = new ConsumerRecord<>(Topics.COMMANDS, partition, offset,
                Long.toString(command.chatId()), json.writeValueAsString(command));
        return Message.of(kafka.value(), Metadata.of(new IncomingKafkaRecordMetadata<>(kafka, "telegram-commands")),
                () -> {
                    acks.incrementAndGet();
                    return CompletableFuture.completedFuture(null);
                });
    }

    /** Hands the record to the consumer and waits, as the connector does, until it was admitted or skipped. */
    private void admitted(Message<String> record) throws Exception {
        consumer.consume(record).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void awaitCount(AtomicInteger count, int expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (count.get() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, count.get());
    }

    /** Publishes the command as conversation-service would and returns its result from telegram.results. */
    private TelegramResult execute(TelegramCommand command) throws Exception {
        try (TopicProbe results = TopicProbe.atEnd(Topics.RESULTS)) {
            TopicProbe.send(Topics.COMMANDS, Long.toString(command.chatId()), json.writeValueAsString(command));
            return awaitResult(results, command);
        }
    }

    private TelegramResult awaitResult(TopicProbe results, TelegramCommand command) throws Exception {
        ConsumerRecord<String, byte[]> record = results.await(r -> mentions(r, command.commandId()), RESULT_TIMEOUT);
        assertEquals(command.conversationId() == null ? Long.toString(command.chatId())
                : command.conversationId().toString(), record.key(), "keyed by conversation id");
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
