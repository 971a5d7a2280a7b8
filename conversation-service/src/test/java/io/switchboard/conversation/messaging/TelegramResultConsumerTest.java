package io.switchboard.conversation.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.switchboard.conversation.KafkaTestClient;
import io.switchboard.conversation.Polling;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.TestUpdates;
import io.switchboard.conversation.api.ConversationEvent;
import io.switchboard.conversation.api.MessageFailed;
import io.switchboard.conversation.api.MessageQueued;
import io.switchboard.conversation.api.MessageSent;
import io.switchboard.conversation.service.CustomerMessageIntake;
import io.switchboard.telegram.api.MessageDelivered;
import io.switchboard.telegram.api.MessageDeliveryFailed;
import io.switchboard.telegram.api.SendMessage;
import io.switchboard.telegram.api.TelegramCommand;
import io.switchboard.telegram.api.Topics;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An operator's reply goes out as a send_message command; Telegram's answer settles it, exactly once. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class TelegramResultConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final UUID OPERATOR = UUID.randomUUID();
    private static final String TOKEN = TestJwt.operator(OPERATOR, "pat");

    @Inject
    ObjectMapper mapper;

    @Inject
    CustomerMessageIntake intake;

    @Inject
    TelegramUpdateReader reader;

    @Test
    void replyBecomesACommandAndDeliveryOrFailureSettlesItOnce() throws Exception {
        long userId = TestUpdates.nextId();
        UUID conversation = customerWrites(userId, "Quinn", "can you help?");

        String text = "Sure — <i>here</i> & there 🚀\nעברית";
        String sentId = reply(conversation, text);
        SendMessage command = commandFor(sentId);
        assertEquals(text, command.text());
        assertEquals(userId, command.chatId());
        assertEquals(conversation, command.conversationId());

        List<ConversationEvent> queued = eventsFor(conversation, e -> e instanceof MessageQueued q && q.message().id().toString().equals(sentId), 1);
        MessageQueued q = (MessageQueued) queued.get(0);
        assertEquals(OPERATOR, q.operatorId());
        assertEquals("PENDING", q.message().status());
        assertEquals(text, q.message().text());

        String delivered = mapper.writeValueAsString(MessageDelivered.of(command, List.of(777L)));
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), delivered);
        Polling.until("message SENT", WAIT, () -> status(conversation, sentId), "SENT"::equals);
        assertEquals("[777]", TestDatabase.query("select telegram_message_ids from message where id = ?", UUID.fromString(sentId))
                .get(0).get("telegram_message_ids"));

        // a second reply fails; before that, the first one's result is redelivered and a contradicting failure arrives
        String failedId = reply(conversation, "are you still there?");
        SendMessage second = commandFor(failedId);
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), delivered);
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(),
                mapper.writeValueAsString(MessageDeliveryFailed.of(command, 400, "Bad Request: too late")));
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(),
                mapper.writeValueAsString(MessageDeliveryFailed.of(second, 403, "Forbidden: bot was blocked by the user")));
        Polling.until("message FAILED", WAIT, () -> status(conversation, failedId), "FAILED"::equals);

        List<Map<String, Object>> messages = given().auth().oauth2(TOKEN).when().get("/api/conversations/" + conversation + "/messages")
                .then().statusCode(200).extract().jsonPath().getList("items");
        Map<String, Object> failed = messages.stream().filter(m -> m.get("id").equals(failedId)).findFirst().orElseThrow();
        assertEquals("Forbidden: bot was blocked by the user", failed.get("failureReason"));
        assertEquals("SENT", messages.stream().filter(m -> m.get("id").equals(sentId)).findFirst().orElseThrow().get("status"));

        // events arrive in outbox order per conversation: once message.failed of the second is there, nothing else for the first can follow
        List<ConversationEvent> settled = eventsFor(conversation, e -> e instanceof MessageSent || e instanceof MessageFailed,
                2);
        MessageFailed failure = settled.stream().filter(MessageFailed.class::isInstance).map(MessageFailed.class::cast)
                .filter(f -> f.messageId().toString().equals(failedId)).findFirst().orElseThrow();
        assertEquals("Forbidden: bot was blocked by the user", failure.reason());
        assertEquals("FAILED", failure.status());
        assertEquals(1, settled.stream().filter(e -> e instanceof MessageSent s && s.messageId().toString().equals(sentId)).count());
        assertEquals(0, settled.stream().filter(e -> e instanceof MessageFailed f && f.messageId().toString().equals(sentId)).count());
        assertEquals(2, settled.size(), settled.toString());
    }

    @Test
    void unreadableResultsAreDroppedWithoutBlocking() throws Exception {
        long userId = TestUpdates.nextId();
        UUID conversation = customerWrites(userId, "Rae", "hi");
        String id = reply(conversation, "hello Rae");
        SendMessage command = commandFor(id);
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), "not json at all");
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), "{\"type\":\"message.teleported\"}");
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(),
                mapper.writeValueAsString(MessageDelivered.of(SendMessage.of(conversation, UUID.randomUUID(), userId, "x"), List.of(1L))));
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), mapper.writeValueAsString(MessageDelivered.of(command, List.of(5L, 6L))));
        Polling.until("message SENT", WAIT, () -> status(conversation, id), "SENT"::equals);
        assertEquals("[5,6]", TestDatabase.query("select telegram_message_ids from message where id = ?", UUID.fromString(id))
                .get(0).get("telegram_message_ids"));
    }

    private String reply(UUID conversation, String text) {
        return given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(Map.of("text", text))
                .when().post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(201).extract().path("id");
    }

    private SendMessage commandFor(String messageId) throws Exception {
        ConsumerRecord<String, String> record = KafkaTestClient.readUntil(Topics.COMMANDS,
                r -> r.value().contains(messageId), seen -> !seen.isEmpty(), WAIT).get(0);
        SendMessage command = assertInstanceOf(SendMessage.class, mapper.readValue(record.value(), TelegramCommand.class));
        assertEquals(messageId, command.messageId().toString());
        assertEquals(Long.toString(command.chatId()), record.key(), "key = chat id");
        assertTrue(record.value().contains("\"type\":\"send_message\""), record.value());
        return command;
    }

    private List<ConversationEvent> eventsFor(UUID conversation, java.util.function.Predicate<ConversationEvent> wanted, int count) {
        return KafkaTestClient.readUntil(io.switchboard.conversation.api.Topics.CONVERSATION_EVENTS,
                        r -> r.key().equals(conversation.toString()) && wanted.test(read(r.value())),
                        seen -> seen.size() >= count, WAIT)
                .stream().map(r -> read(r.value())).toList();
    }

    private ConversationEvent read(String json) {
        try {
            return mapper.readValue(json, ConversationEvent.class);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }

    private static String status(UUID conversation, String messageId) {
        return (String) TestDatabase.query("select status from message where id = ? and conversation_id = ?",
                UUID.fromString(messageId), conversation).get(0).get("status");
    }

    private UUID customerWrites(long userId, String name, String text) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> intake.accept(TestUpdates.BOT_ID, reader.read(TestUpdates.privateText(TestUpdates.nextId(), userId, name, text))));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        return (UUID) TestDatabase.query("""
                select c.id from conversation c join customer u on u.id = c.customer_id
                where u.telegram_user_id = ?""", userId).get(0).get("id");
    }
}
