package io.switchboard.conversation.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.conversation.CustomerTokens;
import io.switchboard.conversation.KafkaTestClient;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.telegram.api.SendChatAction;
import io.switchboard.telegram.api.TelegramCommand;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.MutableClock;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An operator's typing reaches the Telegram customer as a throttled "typing" chat action, and nothing else does. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class TypingResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String TOKEN = TestJwt.operator(UUID.randomUUID(), "tess");

    @Inject
    ObjectMapper mapper;

    MutableClock clock;

    @BeforeEach
    void installClock() {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void typingSendsOneChatActionPerFourSecondsToTheCustomersChat() throws Exception {
        UUID customer = ToolsFixtures.customer("Tia", null, null);
        UUID conversation = ToolsFixtures.conversation(customer, "OPEN_ASSIGNED", null, Instant.now());
        long chatId = chatId(conversation);

        typing(conversation).then().statusCode(204);
        clock.advance(Duration.ofSeconds(3));
        typing(conversation).then().statusCode(204);

        List<Map<String, Object>> rows = commandRows(conversation);
        assertEquals(1, rows.size(), "two calls within 4 s queue one chat action");
        assertEquals(Long.toString(chatId), rows.get(0).get("message_key"));
        SendChatAction action = assertInstanceOf(SendChatAction.class,
                mapper.readValue((String) rows.get(0).get("payload"), TelegramCommand.class));
        assertEquals(conversation, action.conversationId());
        assertEquals(chatId, action.chatId());
        assertEquals("typing", action.action());
        assertNull(action.messageThreadId());
        assertEquals(clock.instant().minusSeconds(3), action.occurredAt());

        clock.advance(Duration.ofSeconds(2)); // 5 s after the first
        typing(conversation).then().statusCode(204);
        List<TelegramCommand> commands = commands(conversation);
        assertEquals(2, commands.size());
        assertTrue(commands.stream().allMatch(c -> c instanceof SendChatAction));
        assertEquals(clock.instant(), commands.get(1).occurredAt());
        assertEquals(2, commands.stream().map(TelegramCommand::commandId).distinct().count());

        // the relay publishes them to telegram.commands, keyed by the chat id
        var published = KafkaTestClient.readUntil("telegram.commands",
                r -> r.value().contains("\"send_chat_action\"") && r.value().contains(conversation.toString()),
                seen -> seen.size() >= 2, Duration.ofSeconds(30));
        assertTrue(published.stream().allMatch(r -> Long.toString(chatId).equals(r.key())));
    }

    @Test
    void callsFromManyOperatorsAtOnceStillQueueOne() throws Exception {
        UUID conversation = ToolsFixtures.conversation(ToolsFixtures.customer("Uma", null, null), "OPEN_UNCLAIMED", null,
                Instant.now());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String token = TestJwt.operator(UUID.randomUUID(), "op" + i);
            Thread t = new Thread(() -> given().auth().oauth2(token)
                    .when().post("/api/conversations/" + conversation + "/typing").then().statusCode(204));
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, commands(conversation).size());
    }

    @Test
    void widgetConversationsGetNoChatAction() {
        UUID customer = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        given().auth().oauth2(CustomerTokens.customer(customer, conversation)).contentType(ContentType.JSON)
                .body("{\"nickname\":\"Wren\"}").when().post("/api/widget/conversations").then().statusCode(201);

        typing(conversation).then().statusCode(204);
        clock.advance(Duration.ofSeconds(10));
        typing(conversation).then().statusCode(204);

        assertEquals(0, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%" + conversation + "%"));
        assertNull(TestDatabase.query("select last_chat_action_at from conversation where id = ?", conversation)
                .get(0).get("last_chat_action_at"));
    }

    @Test
    void aCustomerWhoBlockedTheBotGetsNoChatAction() throws Exception {
        UUID customer = ToolsFixtures.customer("Vera", null, null);
        UUID conversation = ToolsFixtures.conversation(customer, "AWAITING_CUSTOMER", null, Instant.now());
        TestDatabase.update("update customer set bot_blocked_at = ? where id = ?", Timestamp.from(Instant.now()), customer);

        typing(conversation).then().statusCode(204);

        assertEquals(0, commands(conversation).size());
    }

    @Test
    void closedAndBlockedConversationsAre409AndUnknownOnes404() throws Exception {
        for (String status : List.of("CLOSED", "BLOCKED")) {
            UUID conversation = ToolsFixtures.conversation(ToolsFixtures.customer("Xan", null, null), status, null,
                    Instant.now());
            typing(conversation).then().statusCode(409).contentType(PROBLEM).body("status", equalTo(409));
            assertEquals(0, commands(conversation).size());
        }
        typing(UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
    }

    @Test
    void onlyOperatorsMayCallIt() {
        UUID conversation = ToolsFixtures.conversation(ToolsFixtures.customer("Yul", null, null), "OPEN_UNCLAIMED", null,
                Instant.now());
        given().when().post("/api/conversations/" + conversation + "/typing").then().statusCode(401);
        given().auth().oauth2(CustomerTokens.customer(UUID.randomUUID(), conversation))
                .when().post("/api/conversations/" + conversation + "/typing").then().statusCode(403);
        assertEquals(0, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%" + conversation + "%"));
    }

    private static Response typing(UUID conversation) {
        return given().auth().oauth2(TOKEN).when().post("/api/conversations/" + conversation + "/typing");
    }

    private static long chatId(UUID conversation) {
        return ((Number) TestDatabase.query("select telegram_chat_id from conversation where id = ?", conversation)
                .get(0).get("telegram_chat_id")).longValue();
    }

    private static List<Map<String, Object>> commandRows(UUID conversation) {
        return TestDatabase.query("""
                select message_key, payload from outbox where topic = 'telegram.commands' and payload like ?
                and payload like ? order by id""", "%\"send_chat_action\"%", "%" + conversation + "%");
    }

    private List<TelegramCommand> commands(UUID conversation) throws Exception {
        List<TelegramCommand> commands = new ArrayList<>();
        for (Map<String, Object> row : commandRows(conversation)) {
            commands.add(mapper.readValue((String) row.get("payload"), TelegramCommand.class));
        }
        return commands;
    }
}
