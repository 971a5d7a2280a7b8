package io.switchboard.ingest.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.ingest.testing.FakeBotApi;
import io.switchboard.ingest.testing.FakeBotApiResource;
import io.switchboard.ingest.testing.Fixtures;
import io.switchboard.testing.TopicProbe;
import io.switchboard.telegram.api.Topics;
import io.switchboard.testing.KafkaBrokerResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.switchboard.ingest.client.BotApiUpdates;
import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.messaging.UpdatePublisher;
import io.switchboard.ingest.repository.AdvisoryLocks;
import io.switchboard.ingest.service.ActiveBot;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(UpdatePollerTest.Polling.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(FakeBotApiResource.class)
class UpdatePollerTest {

    /** Long polling against the fake Bot API, 1 s polls. */
    public static class Polling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("telegram.mode", "polling", "telegram.webhook-url", "");
        }
    }

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    UpdatePoller poller;
    @Inject
    AdvisoryLocks locks;
    @Inject
    TelegramConfig config;
    @Inject
    BotApiUpdates telegram;
    @Inject
    UpdatePublisher publisher;
    @Inject
    ActiveBot bot;

    @Test
    void onlyTheReplicaHoldingTheAdvisoryLockPolls() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(poller::isPolling);
        // a second replica (same database): it waits for the lock instead of polling into a 409 Conflict
        UpdatePoller second = new UpdatePoller(config, telegram, publisher, bot, locks);
        try {
            second.reconcile();
            Thread.sleep(UpdatePoller.LOCK_RETRY.multipliedBy(2).toMillis());
            assertFalse(second.isPolling());
            assertTrue(poller.isPolling());
            assertTrue(locks.tryAcquire(AdvisoryLocks.UPDATE_POLLER).isEmpty(), "the poller's session holds it");
            // the polling replica stops: the other takes over within a retry
            poller.stop(null);
            await().atMost(Duration.ofSeconds(10)).until(second::isPolling);
            assertFalse(poller.isPolling());
        } finally {
            second.stop(null);
            poller.reconcile();
        }
        await().atMost(Duration.ofSeconds(10)).until(poller::isPolling);
    }

    @Test
    void publishesEveryUpdateOfABatchThenAdvancesTheOffset() throws Exception {
        FakeBotApi api = FakeBotApi.current();
        await().atMost(Duration.ofSeconds(10)).until(() -> !api.calls("getUpdates").isEmpty());
        List<String> methods = api.calls().stream().map(FakeBotApi.Call::method).toList();
        assertTrue(methods.indexOf("deletewebhook") >= 0
                && methods.indexOf("deletewebhook") < methods.indexOf("getupdates"), "deleteWebhook first: " + methods);

        String answer = Fixtures.response("04-getUpdates-forum-lifecycle-batch.json");
        JsonNode expected = json.readTree(answer).get("result");
        String activeBotId = String.valueOf(bot.token().orElseThrow().botId());
        try (TopicProbe probe = TopicProbe.atEnd(Topics.UPDATES)) {
            api.answerGetUpdates(answer);
            for (JsonNode update : expected) {
                ConsumerRecord<String, byte[]> record = probe.await(r -> sameJson(r.value(), update),
                        Duration.ofSeconds(15));
                String raw = new String(record.value(), StandardCharsets.UTF_8);
                assertTrue(answer.contains(raw), "published verbatim: " + raw);
                String chat = update.has("channel_post") ? update.at("/channel_post/chat/id").asText()
                        : update.at("/message/chat/id").asText();
                assertEquals(chat, record.key());
                assertEquals(List.of(activeBotId), Fixtures.botIdHeaders(record), "the polled bot's id");
            }
        }
        long next = expected.get(expected.size() - 1).get("update_id").asLong() + 1;
        String token = bot.token().orElseThrow().value();
        await().atMost(Duration.ofSeconds(10)).until(() -> offsets(api, token).contains(next));
        List<Long> offsets = offsets(api, token);
        List<Long> before = offsets.subList(0, offsets.indexOf(next));
        assertTrue(before.stream().allMatch(o -> o == 0L), "offset stayed 0 until the batch was on Kafka: " + offsets);
        assertEquals(List.of(100L), api.calls("getUpdates").stream()
                .map(c -> Long.parseLong(String.valueOf(c.params().getValue("limit")))).distinct().toList());
    }

    @Test
    void pollingFollowsTheTokenAnAdminSets() {
        FakeBotApi api = FakeBotApi.current();
        String token = "7000009:AAEpollingTOKEN_console";
        String admin = io.switchboard.testing.TestJwt.admin(java.util.UUID.randomUUID(), "root");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("token", token))
                .put("/api/admin/telegram/bot")
                .then().statusCode(200).body("mode", equalTo("polling")).body("source", equalTo("console"));
        await().atMost(Duration.ofSeconds(10)).until(() -> api.calls("getUpdates").stream()
                .anyMatch(c -> c.token().equals(token)));
        List<FakeBotApi.Call> calls = api.calls().stream().filter(c -> c.token().equals(token)).toList();
        List<String> methods = calls.stream().map(FakeBotApi.Call::method).toList();
        assertTrue(methods.indexOf("deletewebhook") >= 0
                && methods.indexOf("deletewebhook") < methods.indexOf("getupdates"), "deleteWebhook first: " + methods);
        assertTrue(api.calls("setWebhook").stream().noneMatch(c -> c.token().equals(token)), "no webhook in polling");
        // the new bot's update_ids start anew: its updates are told apart from the old bot's by the header
        long updateId = ThreadLocalRandom.current().nextLong(1, 1L << 40);
        String update = "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":1,\"date\":1,"
                + "\"chat\":{\"id\":55,\"type\":\"private\"},\"from\":{\"id\":55,\"is_bot\":false,"
                + "\"first_name\":\"N\"},\"text\":\"to the new bot\"}}";
        try (TopicProbe probe = TopicProbe.atEnd(Topics.UPDATES)) {
            api.answerGetUpdates("{\"ok\":true,\"result\":[" + update + "]}");
            ConsumerRecord<String, byte[]> record = probe.await(
                    r -> new String(r.value(), StandardCharsets.UTF_8).contains("\"update_id\":" + updateId),
                    Duration.ofSeconds(15));
            assertEquals(List.of("7000009"), Fixtures.botIdHeaders(record));
        }
        given().auth().oauth2(admin).delete("/api/admin/telegram/bot").then().statusCode(204);
        int after = api.calls("getUpdates").size();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.calls("getUpdates").stream().skip(after)
                .anyMatch(c -> c.token().equals("123456:TEST-TOKEN")));
        // at most the poll in flight at the switch still carries the console token
        assertTrue(api.calls("getUpdates").stream().skip(after + 1).noneMatch(c -> c.token().equals(token)));
    }

    @Test
    void theWebhookIsClosedInPollingMode() {
        given().header("X-Telegram-Bot-Api-Secret-Token", "test-secret_ABC-123")
                .contentType("application/json").body("{\"update_id\":1}")
                .when().post("/telegram/webhook")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    /** The offsets {@code token} polled with (another bot's poller keeps its own offset). */
    private static List<Long> offsets(FakeBotApi api, String token) {
        return api.calls("getUpdates").stream().filter(c -> c.token().equals(token))
                .map(c -> Long.parseLong(String.valueOf(c.params().getValue("offset")))).toList();
    }

    private boolean sameJson(byte[] value, JsonNode expected) {
        try {
            return json.readTree(value).equals(expected);
        } catch (Exception e) {
            return false;
        }
    }
}
