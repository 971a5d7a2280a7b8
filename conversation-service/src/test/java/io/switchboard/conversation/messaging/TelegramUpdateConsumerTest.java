package io.switchboard.conversation.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.switchboard.conversation.KafkaTestClient;
import io.switchboard.conversation.Polling;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.TestUpdates;
import io.switchboard.conversation.api.ConversationEvent;
import io.switchboard.conversation.api.ConversationOpened;
import io.switchboard.conversation.api.MessageReceived;
import io.switchboard.conversation.api.Topics;
import io.switchboard.conversation.domain.UpdateOutcome;
import io.switchboard.conversation.service.CustomerMessageIntake;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** telegram.updates in, rows and conversation.events out, on a real broker and a real database. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class TelegramUpdateConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectMapper mapper;

    @Inject
    TelegramUpdateReader reader;

    @Inject
    CustomerMessageIntake intake;

    @Test
    void everyFixtureIsStoredOnceOrRecordedAsSkipped() throws Exception {
        List<Path> fixtures = TelegramUpdateReaderTest.fixtures();
        Map<Long, List<JsonNode>> textsByChat = new HashMap<>();
        Set<Long> skippedIds = new HashSet<>();
        Set<Long> allIds = new HashSet<>();
        try (KafkaProducer<String, String> producer = KafkaTestClient.producer()) {
            for (Path file : fixtures) {
                String raw = Files.readString(file, StandardCharsets.UTF_8);
                JsonNode update = mapper.readTree(raw);
                long updateId = update.get("update_id").longValue();
                allIds.add(updateId);
                JsonNode message = update.path("message");
                if ("private".equals(message.path("chat").path("type").asText()) && message.path("text").isTextual()) {
                    textsByChat.computeIfAbsent(message.path("chat").path("id").longValue(), k -> new ArrayList<>()).add(message);
                } else {
                    skippedIds.add(updateId);
                }
                producer.send(new ProducerRecord<>("telegram.updates", keyOf(update), raw)).get(30, TimeUnit.SECONDS);
            }
        }
        assertEquals(8, textsByChat.values().stream().mapToInt(List::size).sum(), "fixtures 01-08 are private texts");

        Polling.until("every fixture update recorded", WAIT,
                () -> TestDatabase.scalar("select count(*) from processed_update where update_id = any(?)",
                        new Object[] {allIds.toArray(Long[]::new)}),
                n -> n == allIds.size());

        for (Long id : skippedIds) {
            Map<String, Object> row = TestDatabase.query("select outcome, reason from processed_update where update_id = ?", id).get(0);
            assertEquals("SKIPPED", row.get("outcome"), "update " + id);
            assertNotNull(row.get("reason"), "update " + id);
        }

        Map<UUID, Long> chatByConversation = new HashMap<>();
        for (Map.Entry<Long, List<JsonNode>> chat : textsByChat.entrySet()) {
            List<Map<String, Object>> stored = TestDatabase.query("""
                    select m.text, m.direction, m.status, m.telegram_message_id, m.conversation_id
                    from message m join conversation c on c.id = m.conversation_id join customer u on u.id = c.customer_id
                    where u.telegram_user_id = ? and m.system_key is null order by m.created_at, m.id""", chat.getKey());
            assertEquals(chat.getValue().size(), stored.size(), "messages of chat " + chat.getKey());
            for (int i = 0; i < stored.size(); i++) {
                JsonNode expected = chat.getValue().get(i);
                Map<String, Object> row = stored.get(i);
                assertArrayEquals(expected.get("text").textValue().getBytes(StandardCharsets.UTF_8),
                        ((String) row.get("text")).getBytes(StandardCharsets.UTF_8), "byte-exact text of chat " + chat.getKey());
                assertEquals("INBOUND", row.get("direction"));
                assertEquals("RECEIVED", row.get("status"));
                assertEquals(expected.get("message_id").longValue(), ((Number) row.get("telegram_message_id")).longValue());
                chatByConversation.put((UUID) row.get("conversation_id"), chat.getKey());
            }
        }
        assertEquals(textsByChat.size(), chatByConversation.size(), "one conversation per customer");

        List<ConsumerRecord<String, String>> events = KafkaTestClient.readUntil(Topics.CONVERSATION_EVENTS,
                r -> chatByConversation.containsKey(UUID.fromString(r.key())),
                seen -> seen.size() >= chatByConversation.size() + 8, WAIT);
        int opened = 0;
        int received = 0;
        for (ConsumerRecord<String, String> record : events) {
            ConversationEvent event = mapper.readValue(record.value(), ConversationEvent.class);
            assertEquals(record.key(), event.conversationId().toString(), "key = conversation id");
            assertTrue(record.value().contains("\"type\":\"" + event.type() + "\""), record.value());
            if (event instanceof ConversationOpened o) {
                opened++;
                assertEquals("OPEN_UNCLAIMED", o.status());
                assertTrue(o.codename().matches("[A-Z][a-z]+ [A-Z][a-z]+ #[0-9A-F]{4}"), o.codename());
            } else if (event instanceof MessageReceived m) {
                received++;
                assertEquals("INBOUND", m.message().direction());
                long chat = chatByConversation.get(m.conversationId());
                assertTrue(textsByChat.get(chat).stream().anyMatch(t -> t.get("text").textValue().equals(m.message().text())));
            }
        }
        assertEquals(chatByConversation.size(), opened, "conversation.opened per conversation");
        assertEquals(8, received, "message.received per stored message");
        // a conversation's opened event comes before its first message.received
        for (UUID conversation : chatByConversation.keySet()) {
            ConsumerRecord<String, String> first = events.stream().filter(r -> r.key().equals(conversation.toString())).findFirst().orElseThrow();
            assertTrue(first.value().contains("\"conversation.opened\""), first.value());
        }
    }

    @Test
    void sameUpdateDeliveredTwiceIsStoredOnce() {
        long userId = TestUpdates.nextId();
        String update = TestUpdates.privateText(TestUpdates.nextId(), userId, "Twice", "only once please");
        KafkaTestClient.send("telegram.updates", Long.toString(userId), update);
        KafkaTestClient.send("telegram.updates", Long.toString(userId), update);
        long marker = TestUpdates.nextId();
        KafkaTestClient.send("telegram.updates", Long.toString(userId), TestUpdates.privateText(marker, userId, "Twice", "marker"));

        awaitProcessed(marker);
        assertEquals(1, countMessages(userId, "only once please"));
        assertEquals(2, TestDatabase.scalar("""
                select count(*) from message m join conversation c on c.id = m.conversation_id
                join customer u on u.id = c.customer_id where u.telegram_user_id = ? and m.system_key is null""", userId));
    }

    @Test
    void sameUpdateSentConcurrentlyByTwoProducersIsStoredOnce() throws Exception {
        long userId = TestUpdates.nextId();
        String update = TestUpdates.privateText(TestUpdates.nextId(), userId, "Racer", "concurrent copy");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (KafkaProducer<String, String> a = KafkaTestClient.producer(); KafkaProducer<String, String> b = KafkaTestClient.producer()) {
            List<Future<?>> sends = new ArrayList<>();
            for (KafkaProducer<String, String> producer : List.of(a, b)) {
                sends.add(pool.submit(() -> {
                    start.await();
                    return producer.send(new ProducerRecord<>("telegram.updates", Long.toString(userId), update)).get(30, TimeUnit.SECONDS);
                }));
            }
            start.countDown();
            for (Future<?> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long marker = TestUpdates.nextId();
        KafkaTestClient.send("telegram.updates", Long.toString(userId), TestUpdates.privateText(marker, userId, "Racer", "marker"));
        awaitProcessed(marker);
        assertEquals(1, countMessages(userId, "concurrent copy"));
    }

    @Test
    void concurrentTransactionsForOneUpdateStoreOneMessage() throws Exception {
        long userId = TestUpdates.nextId();
        String update = TestUpdates.privateText(TestUpdates.nextId(), userId, "Parallel", "eight at once");
        List<UpdateOutcome> outcomes = runConcurrently(List.of(update, update, update, update, update, update, update, update));
        assertEquals(1, outcomes.stream().filter(o -> o == UpdateOutcome.STORED).count(), outcomes.toString());
        assertEquals(7, outcomes.stream().filter(o -> o == UpdateOutcome.DUPLICATE).count(), outcomes.toString());
        assertEquals(1, countMessages(userId, "eight at once"));
    }

    @Test
    void concurrentFirstMessagesOfANewCustomerShareOneConversation() throws Exception {
        long userId = TestUpdates.nextId();
        List<String> updates = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            updates.add(TestUpdates.privateText(TestUpdates.nextId(), userId, "Burst", "burst " + i));
        }
        List<UpdateOutcome> outcomes = runConcurrently(updates);
        assertEquals(List.of(UpdateOutcome.STORED, UpdateOutcome.STORED, UpdateOutcome.STORED, UpdateOutcome.STORED), outcomes);
        assertEquals(1, TestDatabase.scalar("select count(*) from conversation c join customer u on u.id = c.customer_id where u.telegram_user_id = ?", userId));
        assertEquals(1, TestDatabase.scalar("select count(*) from customer where telegram_user_id = ?", userId));
        assertEquals(4, TestDatabase.scalar("""
                select count(*) from message m join conversation c on c.id = m.conversation_id
                join customer u on u.id = c.customer_id where u.telegram_user_id = ? and m.system_key is null""", userId));
    }

    @Test
    void aCustomerWritingToTheirClosedConversationReopensItInsteadOfOpeningASecondOne() {
        long userId = TestUpdates.nextId();
        accept(TestUpdates.privateText(TestUpdates.nextId(), userId, "Return", "first visit"));
        TestDatabase.update("update conversation set status = 'CLOSED' where customer_id = (select id from customer where telegram_user_id = ?)", userId);
        accept(TestUpdates.privateText(TestUpdates.nextId(), userId, "Return", "second visit"));
        List<Map<String, Object>> conversations = TestDatabase.query(
                "select status from conversation c join customer u on u.id = c.customer_id where u.telegram_user_id = ? order by c.created_at", userId);
        assertEquals(List.of("OPEN_UNCLAIMED"), conversations.stream().map(r -> r.get("status")).toList());
        assertEquals(2, TestDatabase.scalar("""
                select count(*) from message m join conversation c on c.id = m.conversation_id
                join customer u on u.id = c.customer_id where u.telegram_user_id = ? and m.system_key is null""", userId));
    }

    @Test
    void unreadableValuesDoNotBlockThePartition() {
        long userId = TestUpdates.nextId();
        String key = Long.toString(userId);
        KafkaTestClient.send("telegram.updates", key, "{this is not json");
        KafkaTestClient.send("telegram.updates", key, "[\"an array\"]");
        long oddId = TestUpdates.nextId();
        KafkaTestClient.send("telegram.updates", key, "{\"update_id\":" + oddId + ",\"message\":{\"chat\":{\"type\":\"private\"},\"text\":\"no sender\"}}");
        long after = TestUpdates.nextId();
        KafkaTestClient.send("telegram.updates", key, TestUpdates.privateText(after, userId, "After", "still flowing"));
        awaitProcessed(after);
        assertEquals(1, countMessages(userId, "still flowing"));
        assertEquals("SKIPPED", TestDatabase.query("select outcome from processed_update where update_id = ?", oddId).get(0).get("outcome"));
    }

    private List<UpdateOutcome> runConcurrently(List<String> updates) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(updates.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<UpdateOutcome>> results = new ArrayList<>();
            for (String update : updates) {
                results.add(pool.submit(() -> {
                    start.await();
                    return accept(update);
                }));
            }
            start.countDown();
            List<UpdateOutcome> outcomes = new ArrayList<>();
            for (Future<UpdateOutcome> result : results) {
                outcomes.add(result.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUpdateThatCannotBeStoredNeverHoldsBackItsBatchAndEndsInTheDeadLetterTopic() throws Exception {
        // the database refuses one particular message, as it would refuse a row it cannot take
        TestDatabase.update("""
                create or replace function refuse_poison_pill() returns trigger language plpgsql as $$
                begin
                  if new.text = 'poison pill' then raise exception 'refused for the test'; end if;
                  return new;
                end $$""");
        TestDatabase.update("create trigger refuse_poison_pill before insert on message for each row "
                + "execute function refuse_poison_pill()");
        try {
            long userId = TestUpdates.nextId();
            long before = TestUpdates.nextId();
            long poison = TestUpdates.nextId();
            long after = TestUpdates.nextId();
            try (KafkaProducer<String, String> producer = KafkaTestClient.producer()) {
                // one key, one partition: the three arrive in order, normally in one poll
                for (long[] u : new long[][] {{before, 0}, {poison, 1}, {after, 2}}) {
                    String text = u[1] == 0 ? "before the pill" : u[1] == 1 ? "poison pill" : "after the pill";
                    producer.send(new ProducerRecord<>("telegram.updates", Long.toString(userId),
                            TestUpdates.privateText(u[0], userId, "Batch", text)));
                }
                producer.flush();
            }
            Polling.until("the updates around the pill stored", WAIT,
                    () -> TestDatabase.scalar("select count(*) from processed_update where update_id in (?, ?)", before, after),
                    n -> n == 2);
            List<ConsumerRecord<String, String>> dead = KafkaTestClient.readUntil("telegram.updates.dlq",
                    r -> r.value().contains("\"update_id\":" + poison), rs -> !rs.isEmpty(), WAIT);
            assertEquals(Long.toString(userId), dead.get(0).key());
            assertTrue(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)
                    .contains("refused for the test"));

            assertEquals(List.of("before the pill", "after the pill"), TestDatabase.query("""
                    select m.text from message m join conversation c on c.id = m.conversation_id
                    join customer u on u.id = c.customer_id where u.telegram_user_id = ? and m.system_key is null
                    order by m.created_at, m.id""",
                    userId).stream().map(row -> (String) row.get("text")).toList());
            assertEquals(0, TestDatabase.scalar("select count(*) from processed_update where update_id = ?", poison),
                    "nothing half-written for the refused update");
        } finally {
            TestDatabase.update("drop trigger if exists refuse_poison_pill on message");
        }
    }

    private UpdateOutcome accept(String update) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> intake.accept(reader.read(update)));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitProcessed(long updateId) {
        Polling.until("update " + updateId + " processed", WAIT,
                () -> TestDatabase.scalar("select count(*) from processed_update where update_id = ?", updateId), n -> n == 1);
    }

    private static long countMessages(long userId, String text) {
        return TestDatabase.scalar("""
                select count(*) from message m join conversation c on c.id = m.conversation_id
                join customer u on u.id = c.customer_id where u.telegram_user_id = ? and m.text = ?""", userId, text);
    }

    /** The key telegram-ingest uses: chat id, else sender id, else 0. */
    private static String keyOf(JsonNode update) {
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) update::fields) {
            JsonNode payload = field.getValue();
            if (!payload.isObject()) {
                continue;
            }
            if (payload.path("chat").path("id").isIntegralNumber()) {
                return payload.path("chat").path("id").asText();
            }
            if (payload.path("message").path("chat").path("id").isIntegralNumber()) {
                return payload.path("message").path("chat").path("id").asText();
            }
            if (payload.path("from").path("id").isIntegralNumber()) {
                return payload.path("from").path("id").asText();
            }
        }
        return "0";
    }
}
