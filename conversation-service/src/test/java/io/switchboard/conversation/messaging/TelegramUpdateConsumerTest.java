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
    void updateIdsAreDeDuplicatedPerBotAndRecordsWithoutTheBotHeaderStillCount() {
        // after an admin switched the token to another bot, the new bot's update_ids repeat the old bot's
        long updateId = TestUpdates.nextId();
        long oldBot = 1_000_000_001L;
        long newBot = 2_000_000_002L;
        long oldCustomer = TestUpdates.nextId();
        long newCustomer = TestUpdates.nextId();
        long earlyCustomer = TestUpdates.nextId();
        long oddCustomer = TestUpdates.nextId();
        long oddUpdate = TestUpdates.nextId();
        String toNewBot = TestUpdates.privateText(updateId, newCustomer, "Newbot", "to the new bot");
        try (KafkaProducer<String, String> producer = KafkaTestClient.producer()) {
            producer.send(fromBot(oldBot, oldCustomer, TestUpdates.privateText(updateId, oldCustomer, "Oldbot",
                    "to the old bot")));
            producer.send(fromBot(newBot, newCustomer, toNewBot));
            producer.send(fromBot(newBot, newCustomer, toNewBot)); // redelivered: the same bot and update_id
            // published before the header existed: bot 0
            producer.send(new ProducerRecord<>("telegram.updates", Long.toString(earlyCustomer),
                    TestUpdates.privateText(updateId, earlyCustomer, "Early", "before the header")));
            ProducerRecord<String, String> odd = new ProducerRecord<>("telegram.updates", Long.toString(oddCustomer),
                    TestUpdates.privateText(oddUpdate, oddCustomer, "Odd", "unreadable header"));
            odd.headers().add(io.switchboard.telegram.api.Topics.BOT_ID_HEADER,
                    "bot-7".getBytes(StandardCharsets.UTF_8));
            producer.send(odd);
            producer.flush();
        }
        long marker = TestUpdates.nextId();
        try (KafkaProducer<String, String> producer = KafkaTestClient.producer()) {
            producer.send(fromBot(newBot, newCustomer, TestUpdates.privateText(marker, newCustomer, "Newbot",
                    "marker")));
        }
        awaitProcessed(marker);
        Polling.until("every bot's update " + updateId + " processed", WAIT,
                () -> TestDatabase.scalar("select count(*) from processed_update where update_id = ?", updateId),
                n -> n == 3);
        awaitProcessed(oddUpdate);

        assertEquals(1, countMessages(oldCustomer, "to the old bot"));
        assertEquals(1, countMessages(newCustomer, "to the new bot"), "a redelivery is stored once");
        assertEquals(1, countMessages(earlyCustomer, "before the header"));
        assertEquals(1, countMessages(oddCustomer, "unreadable header"));
        assertEquals(List.of(0L, oldBot, newBot), TestDatabase.query(
                "select bot_id from processed_update where update_id = ? order by bot_id", updateId)
                .stream().map(row -> ((Number) row.get("bot_id")).longValue()).toList());
        assertEquals(0L, ((Number) TestDatabase.query("select bot_id from processed_update where update_id = ?",
                oddUpdate).get(0).get("bot_id")).longValue());
        assertEquals(newBot, ((Number) TestDatabase.query("select bot_id from processed_update where update_id = ?",
                marker).get(0).get("bot_id")).longValue());
    }

    /** A telegram.updates record as telegram-ingest-service publishes it: keyed by chat, with the bot id header. */
    private static ProducerRecord<String, String> fromBot(long botId, long chatId, String update) {
        ProducerRecord<String, String> record = new ProducerRecord<>("telegram.updates", Long.toString(chatId), update);
        record.headers().add(io.switchboard.telegram.api.Topics.BOT_ID_HEADER,
                io.switchboard.telegram.api.BotIdHeader.encode(botId));
        return record;
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
                    producer.send(fromBot(TestUpdates.BOT_ID, userId, TestUpdates.privateText(u[0], userId, "Batch", text)));
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
            assertEquals(Long.toString(TestUpdates.BOT_ID), new String(dead.get(0).headers()
                    .lastHeader(io.switchboard.telegram.api.Topics.BOT_ID_HEADER).value(), StandardCharsets.UTF_8),
                    "a replay keeps the bot");

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
            return VertxContextSupport.subscribeAndAwait(() -> intake.accept(TestUpdates.BOT_ID, reader.read(update)));
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
}
