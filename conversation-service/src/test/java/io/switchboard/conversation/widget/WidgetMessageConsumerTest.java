package io.switchboard.conversation.widget;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.switchboard.conversation.KafkaTestClient;
import io.switchboard.conversation.Polling;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.api.Topics;
import io.switchboard.conversation.service.WidgetMessageIntake;
import io.switchboard.conversation.service.WidgetMessageIntake.Outcome;
import io.switchboard.conversation.widget.WidgetFixtures.Visitor;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import io.switchboard.widget.api.WidgetMessagePosted;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** widget.messages in, rows and conversation.events out, on a real broker and a real database. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class WidgetMessageConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String WIDGET_MESSAGES = io.switchboard.widget.api.Topics.WIDGET_MESSAGES;
    private static final String DLQ = "widget.messages.dlq";
    private static final UUID OPERATOR = UUID.randomUUID();
    private static final String OPERATOR_TOKEN = TestJwt.operator(OPERATOR, "Boris");

    @Inject
    WidgetMessageIntake intake;

    @Test
    void aRecordDeliveredThreeTimesIsStoredOnceAndAnnouncedWithItsClientMessageId() throws Exception {
        Visitor visitor = WidgetFixtures.open(null, "en");
        String clientId = WidgetFixtures.clientMessageId();
        String text = "Hi <script>alert(1)</script> & 👋 سلام\nsecond line";
        String wire = WidgetFixtures.wire(visitor.posted(clientId, text));
        String marker = WidgetFixtures.clientMessageId();
        try (KafkaProducer<String, String> producer = KafkaTestClient.producer()) {
            String key = visitor.conversationId().toString();
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(WIDGET_MESSAGES, key, wire)).get(30, TimeUnit.SECONDS);
            }
            // same key, same partition, consumed after the three copies
            producer.send(new ProducerRecord<>(WIDGET_MESSAGES, key,
                    WidgetFixtures.wire(visitor.posted(marker, "marker")))).get(30, TimeUnit.SECONDS);
        }
        Polling.until("the marker message", WAIT, () -> TestDatabase.scalar(
                "select count(*) from message where conversation_id = ? and client_message_id = ?",
                visitor.conversationId(), marker), n -> n == 1);

        List<Map<String, Object>> rows = TestDatabase.query(
                "select * from message where conversation_id = ? and client_message_id = ?", visitor.conversationId(), clientId);
        assertEquals(1, rows.size(), "stored exactly once");
        Map<String, Object> row = rows.get(0);
        assertEquals(text, row.get("text"), "text exactly as written");
        assertEquals("INBOUND", row.get("direction"));
        assertEquals("RECEIVED", row.get("status"));
        assertEquals(null, row.get("telegram_chat_id"));
        List<String> received = WidgetFixtures.events(visitor.conversationId(), "message.received");
        assertEquals(2, received.size(), "one per stored message: " + received);

        // on the topic, as notification-service reads it
        List<ConsumerRecord<String, String>> events = KafkaTestClient.readUntil(Topics.CONVERSATION_EVENTS,
                r -> visitor.conversationId().toString().equals(r.key()) && r.value().contains("\"message.received\""),
                seen -> seen.size() >= 2, WAIT);
        JsonNode event = WidgetFixtures.JSON.readTree(events.get(0).value());
        assertEquals(clientId, event.at("/message/clientMessageId").asText());
        assertEquals(text, event.at("/message/text").asText());
        assertEquals(visitor.customerId().toString(), event.at("/customer/id").asText());
        assertTrue(event.at("/customer/displayName").asText().startsWith("Visitor "));

        // the customer wrote while unclaimed: waiting_for_agent follows as a bubble the widget shows
        Map<String, Object> waiting = TestDatabase.query(
                "select * from message where conversation_id = ? and system_key = 'waiting_for_agent'", visitor.conversationId()).get(0);
        assertEquals("SENT", waiting.get("status"));
        assertEquals(0, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%" + visitor.conversationId() + "%"));
    }

    @Test
    void concurrentDeliveriesOfOneMessageStoreItOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            Visitor visitor = WidgetFixtures.open(null, null);
            WidgetMessagePosted posted = visitor.posted(WidgetFixtures.clientMessageId(), "same message, three deliveries");
            List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        outcomes.add(VertxContextSupport.subscribeAndAwait(() -> intake.accept(posted)));
                    } catch (Throwable e) {
                        outcomes.add(e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join(60_000);
            }
            assertEquals(3, outcomes.size(), outcomes.toString());
            assertEquals(1, outcomes.stream().filter(o -> o instanceof Outcome.Stored).count(), outcomes.toString());
            assertEquals(2, outcomes.stream().filter(o -> o instanceof Outcome.Duplicate).count(), outcomes.toString());
            assertEquals(1, TestDatabase.scalar("select count(*) from message where conversation_id = ? and client_message_id = ?",
                    visitor.conversationId(), posted.clientMessageId()));
            assertEquals(1, WidgetFixtures.events(visitor.conversationId(), "message.received").size());
        }
    }

    @Test
    void recordsThatCanNeverBeStoredGoToTheDeadLetterTopicWithTheirReason() throws Exception {
        Visitor visitor = WidgetFixtures.open(null, null);
        Visitor other = WidgetFixtures.open(null, null);
        UUID missing = UUID.randomUUID();
        String unknown = WidgetFixtures.wire(WidgetMessagePosted.of(missing, visitor.customerId(), "unknown-conv-1", "hi"));
        String foreign = WidgetFixtures.wire(WidgetMessagePosted.of(visitor.conversationId(), other.customerId(),
                "foreign-cust-1", "hi from someone else"));
        String badId = WidgetFixtures.wire(visitor.posted("bad id!", "hi"));
        String garbage = "{\"type\":\"widget.message_posted\",\"conversationId\":\"" + visitor.conversationId() + "\"";
        String good = WidgetFixtures.clientMessageId();
        try (KafkaProducer<String, String> producer = KafkaTestClient.producer()) {
            producer.send(new ProducerRecord<>(WIDGET_MESSAGES, missing.toString(), unknown)).get(30, TimeUnit.SECONDS);
            String key = visitor.conversationId().toString();
            for (String value : List.of(foreign, badId, garbage, WidgetFixtures.wire(visitor.posted(good, "a good one")))) {
                producer.send(new ProducerRecord<>(WIDGET_MESSAGES, key, value)).get(30, TimeUnit.SECONDS);
            }
        }
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.readUntil(DLQ,
                r -> r.value() != null && (r.value().equals(unknown) || r.value().equals(foreign) || r.value().equals(badId)
                        || r.value().equals(garbage)),
                seen -> seen.size() >= 4, WAIT);
        assertTrue(reason(dead, unknown).contains("conversation " + missing + " does not exist"), reason(dead, unknown));
        assertTrue(reason(dead, foreign).contains("is not the customer of conversation"), reason(dead, foreign));
        assertTrue(reason(dead, badId).contains("clientMessageId"), reason(dead, badId));
        assertTrue(reason(dead, garbage).contains("not a WidgetCommand"), reason(dead, garbage));

        // the partition moved on: the good record behind them is stored; the refused ones left nothing
        Polling.until("the good message", WAIT, () -> TestDatabase.scalar(
                "select count(*) from message where client_message_id = ?", good), n -> n == 1);
        assertEquals(0, TestDatabase.scalar("select count(*) from message where text = 'hi from someone else'"));
        assertEquals(0, TestDatabase.scalar("select count(*) from conversation where id = ?", missing));
    }

    @Test
    void writingToAClosedWidgetConversationReopensItAndWhileBlockedMessagesAreStoredSilently() throws Exception {
        Visitor visitor = WidgetFixtures.open("Nora", "ru");
        UUID conversation = visitor.conversationId();
        send(visitor, WidgetFixtures.clientMessageId(), "first");
        given().auth().oauth2(OPERATOR_TOKEN).contentType(ContentType.JSON).body("{\"text\":\"answer\"}")
                .when().post("/api/conversations/" + conversation + "/messages").then().statusCode(201);
        assertEquals("AWAITING_CUSTOMER", status(conversation));
        send(visitor, WidgetFixtures.clientMessageId(), "thanks, one more question");
        assertEquals("OPEN_ASSIGNED", status(conversation));
        assertTrue(WidgetFixtures.events(conversation, "conversation.status_changed").stream()
                .anyMatch(e -> e.contains("\"previousStatus\":\"AWAITING_CUSTOMER\"") && e.contains("\"actor\":null")));

        given().auth().oauth2(OPERATOR_TOKEN).when().post("/api/conversations/" + conversation + "/close")
                .then().statusCode(200);
        assertEquals("CLOSED", status(conversation));
        send(visitor, WidgetFixtures.clientMessageId(), "I am back");
        assertEquals("OPEN_UNCLAIMED", status(conversation));
        assertEquals(1, WidgetFixtures.events(conversation, "conversation.reopened").size());
        Map<String, Object> reopened = TestDatabase.query("select * from message where conversation_id = ?"
                + " and system_key = 'conversation_reopened'", conversation).get(0);
        assertEquals("SENT", reopened.get("status"));
        assertTrue(((String) reopened.get("text")).contains("Nora"), "in the customer's language, with their name");
        assertTrue(((String) reopened.get("text")).startsWith("С возвращением"), (String) reopened.get("text"));

        given().auth().oauth2(OPERATOR_TOKEN).when().post("/api/conversations/" + conversation + "/block")
                .then().statusCode(200);
        long receivedBefore = WidgetFixtures.events(conversation, "message.received").size();
        long outboxBefore = TestDatabase.scalar("select count(*) from outbox where message_key = ?", conversation.toString());
        String blockedId = WidgetFixtures.clientMessageId();
        send(visitor, blockedId, "let me in");
        Map<String, Object> blocked = TestDatabase.query("select * from message where client_message_id = ?", blockedId).get(0);
        assertEquals("BLOCKED", blocked.get("status"));
        assertEquals("BLOCKED", status(conversation));
        assertEquals(receivedBefore, WidgetFixtures.events(conversation, "message.received").size());
        assertEquals(outboxBefore, TestDatabase.scalar("select count(*) from outbox where message_key = ?", conversation.toString()),
                "nothing is announced while blocked");
        // a redelivery of the blocked message is still a no-op
        redeliver(visitor, blockedId, "let me in");
        assertEquals(1, TestDatabase.scalar("select count(*) from message where client_message_id = ?", blockedId));
    }

    /** Sends a new widget message through Kafka and waits until it is stored. */
    private static void send(Visitor visitor, String clientId, String text) {
        KafkaTestClient.send(WIDGET_MESSAGES, visitor.conversationId().toString(),
                WidgetFixtures.wire(visitor.posted(clientId, text)));
        Polling.until("message " + clientId, WAIT, () -> TestDatabase.scalar(
                "select count(*) from message where client_message_id = ?", clientId), n -> n == 1);
    }

    /** Sends an already stored widget message again, then a new one behind it, and waits until that one is stored. */
    private static void redeliver(Visitor visitor, String clientId, String text) {
        KafkaTestClient.send(WIDGET_MESSAGES, visitor.conversationId().toString(),
                WidgetFixtures.wire(visitor.posted(clientId, text)));
        send(visitor, WidgetFixtures.clientMessageId(), "behind the redelivery");
    }

    private static String status(UUID conversation) {
        return (String) TestDatabase.query("select status from conversation where id = ?", conversation).get(0).get("status");
    }

    private static String reason(List<ConsumerRecord<String, String>> records, String value) {
        ConsumerRecord<String, String> record = records.stream().filter(r -> value.equals(r.value())).findFirst().orElseThrow();
        Header header = record.headers().lastHeader("dead-letter-reason");
        assertNotNull(header, "dead-letter-reason header");
        return new String(header.value(), StandardCharsets.UTF_8);
    }

}
