package io.switchboard.conversation.service;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.switchboard.conversation.KafkaTestClient;
import io.switchboard.conversation.Polling;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay publishes rows in id order and marks them; the cleanup removes only old published rows. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class OutboxBatchesTest {

    private static final String TOPIC = "conversation-service.outbox-test";

    @Inject
    OutboxBatches batches;

    @Test
    void rowsArePublishedInIdOrderPerKeyAndMarked() {
        String key = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(Instant.now());
        for (int i = 0; i < 30; i++) {
            TestDatabase.update("insert into outbox (topic, message_key, payload, created_at) values (?, ?, ?, ?)",
                    TOPIC, key, "{\"n\":" + i + "}", now);
        }
        List<ConsumerRecord<String, String>> records = KafkaTestClient.readUntil(TOPIC, r -> key.equals(r.key()),
                seen -> seen.size() >= 30, Duration.ofSeconds(60));
        for (int i = 0; i < 30; i++) {
            assertEquals("{\"n\":" + i + "}", records.get(i).value());
        }
        Polling.until("rows marked published", Duration.ofSeconds(30),
                () -> TestDatabase.scalar("select count(*) from outbox where message_key = ? and published_at is null", key),
                n -> n == 0);
    }

    @Test
    void cleanupDeletesOnlyRowsPublishedBeforeTheCutoff() throws Throwable {
        String key = UUID.randomUUID().toString();
        Instant now = Instant.now();
        insertPublished(key, "old", now.minus(2, ChronoUnit.DAYS));
        insertPublished(key, "recent", now.minus(1, ChronoUnit.HOURS));

        long deleted = VertxContextSupport.subscribeAndAwait(() -> batches.deletePublishedBefore(now.minus(1, ChronoUnit.DAYS)));

        assertTrue(deleted >= 1);
        assertEquals(List.of("recent"), TestDatabase.query("select payload from outbox where message_key = ? order by id", key)
                .stream().map(r -> r.get("payload")).toList());
    }

    private static void insertPublished(String key, String payload, Instant publishedAt) {
        TestDatabase.update("insert into outbox (topic, message_key, payload, created_at, published_at) values (?, ?, ?, ?, ?)",
                TOPIC, key, payload, Timestamp.from(publishedAt), Timestamp.from(publishedAt));
    }
}
