package io.switchboard.conversation.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.switchboard.conversation.KafkaTestClient;
import io.switchboard.conversation.Polling;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.TestUpdates;
import io.switchboard.conversation.domain.UpdateOutcome;
import io.switchboard.conversation.messaging.TelegramUpdateReader;
import io.switchboard.telegram.api.AnswerCallbackQuery;
import io.switchboard.telegram.api.CloseForumTopic;
import io.switchboard.telegram.api.CommandFailed;
import io.switchboard.telegram.api.CreateForumTopic;
import io.switchboard.telegram.api.DeleteMessage;
import io.switchboard.telegram.api.EditForumTopic;
import io.switchboard.telegram.api.EditMessageText;
import io.switchboard.telegram.api.FailureKind;
import io.switchboard.telegram.api.ForumTopicCreated;
import io.switchboard.telegram.api.InlineButton;
import io.switchboard.telegram.api.MessageDelivered;
import io.switchboard.telegram.api.MessageDeliveryFailed;
import io.switchboard.telegram.api.SendMessage;
import io.switchboard.telegram.api.TelegramCommand;
import io.switchboard.telegram.api.Topics;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The topics console end to end inside conversation-service: a configured support group gets a forum topic per
 * conversation, mirrors of what happens, and linked operators act from the topic (commands, plain-text replies,
 * buttons) through the same services as the web console; a deleted topic heals itself once.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class TopicsConsoleTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UUID operator = UUID.randomUUID();
    private final String operatorToken = TestJwt.operator(operator, "anna");
    private final String adminToken = TestJwt.admin(UUID.randomUUID(), "root");
    private final long group = -1_000_000_000_000L - TestUpdates.nextId() % 1_000_000_000L;

    @Inject
    ObjectMapper mapper;

    @Inject
    CustomerMessageIntake intake;

    @Inject
    TelegramUpdateReader reader;

    @Inject
    io.switchboard.conversation.repository.ConversationRepository conversations;

    @Inject
    SystemMessages systemMessages;

    @Inject
    ForumTopics forumTopics;

    @BeforeEach
    void configureGroup() {
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("chatId", 5))
                .when().put("/api/admin/telegram/support-group").then().statusCode(422);
        given().auth().oauth2(operatorToken).contentType(ContentType.JSON).body(Map.of("chatId", group))
                .when().put("/api/admin/telegram/support-group").then().statusCode(403);
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("chatId", group))
                .when().put("/api/admin/telegram/support-group").then().statusCode(200);
        Number chatId = given().auth().oauth2(adminToken).when().get("/api/admin/telegram/support-group")
                .then().statusCode(200).extract().path("chatId");
        assertEquals(group, chatId.longValue());
    }

    @AfterEach
    void removeGroup() {
        given().auth().oauth2(adminToken).when().delete("/api/admin/telegram/support-group").then().statusCode(204);
        given().auth().oauth2(adminToken).when().get("/api/admin/telegram/support-group").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void topicMirrorsTheConversationAndLinkedOperatorsWorkFromIt() throws Exception {
        long customer = TestUpdates.nextId();
        UUID conversation = customerWrites(customer, "Quinn", "can you help?");
        String codename = (String) TestDatabase.query("select codename from conversation where id = ?", conversation)
                .get(0).get("codename");

        // a new conversation asks for a topic
        CreateForumTopic create = single(commands(conversation, CreateForumTopic.class));
        assertEquals(group, create.chatId());
        assertEquals("🆕 Quinn — " + codename, create.name());
        assertEquals("PENDING", topicRow(conversation).get("status"));

        // Telegram created it: ACTIVE, and the summary with buttons goes into the thread
        int thread = 4000 + (int) (customer % 1000);
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(),
                mapper.writeValueAsString(ForumTopicCreated.of(create, thread, create.name())));
        Polling.until("topic ACTIVE", WAIT, () -> topicRow(conversation).get("status"), "ACTIVE"::equals);
        SendMessage summary = single(sends(conversation, m -> m.buttons().size() == 2));
        assertEquals(thread, summary.messageThreadId());
        assertEquals(group, summary.chatId());
        assertTrue(summary.silent());
        assertNull(summary.messageId());
        assertTrue(summary.text().contains("👤 Quinn: can you help?"), summary.text());
        assertEquals(List.of(new InlineButton("✋ Claim", "claim:" + conversation),
                new InlineButton("✅ Close", "close:" + conversation)), summary.buttons());

        // the customer's next message is mirrored silently
        customerWrites(customer, "Quinn", "it is broken");
        SendMessage mirrored = single(sends(conversation, m -> m.text().equals("👤 Quinn: it is broken")));
        assertEquals(thread, mirrored.messageThreadId());
        assertTrue(mirrored.silent());

        // an unlinked person writes in the topic: told how to link, nothing else happens
        long operatorTelegramId = TestUpdates.nextId();
        long update = TestUpdates.nextId();
        assertEquals(UpdateOutcome.APPLIED, accept(groupText(update, operatorTelegramId, thread, "I can take this")));
        assertTrue(sends(conversation, m -> m.text().contains("not linked")).size() == 1);
        assertEquals("APPLIED", TestDatabase.query("select outcome from processed_update where update_id = ?", update)
                .get(0).get("outcome"));
        assertEquals(0L, TestDatabase.scalar("select count(*) from message where conversation_id = ? and direction = 'OUTBOUND' "
                + "and operator_id is not null", conversation));

        // the operator links their account with a code from the console, sent in the General topic
        String code = given().auth().oauth2(operatorToken).when().post("/api/telegram/link")
                .then().statusCode(201).extract().path("code");
        assertTrue(code.matches("[A-Z2-9]{8}"), code);
        assertEquals(Boolean.FALSE, given().auth().oauth2(operatorToken).when().get("/api/telegram/link")
                .then().statusCode(200).extract().path("linked"));
        assertEquals(UpdateOutcome.APPLIED, accept(groupText(TestUpdates.nextId(), operatorTelegramId, null, "/link " + code)));
        Number linkedId = given().auth().oauth2(operatorToken).when().get("/api/telegram/link")
                .then().statusCode(200).extract().path("telegramUserId");
        assertEquals(operatorTelegramId, linkedId.longValue());
        assertTrue(commandsTo(group).stream().anyMatch(c -> c instanceof SendMessage s && s.messageThreadId() == null
                && s.text().startsWith("Linked")), "the bot confirms the link in the General topic");

        // linked but not the assignee: claim first
        accept(groupText(TestUpdates.nextId(), operatorTelegramId, thread, "hello?"));
        assertEquals(1, sends(conversation, m -> m.text().equals(SupportGroupUpdates.CLAIM_FIRST)).size());

        // /claim in the topic: the usual workflow action, as that operator, audited via telegram
        accept(groupText(TestUpdates.nextId(), operatorTelegramId, thread, "/claim"));
        Map<String, Object> row = TestDatabase.query("select status, assignee_id from conversation where id = ?", conversation).get(0);
        assertEquals("OPEN_ASSIGNED", row.get("status"));
        assertEquals(operator, row.get("assignee_id"));
        String after = (String) TestDatabase.query("select cast(after_state as text) as after_state from audit_entry "
                + "where conversation_id = ? and action = 'conversation.claimed'", conversation).get(0).get("after_state");
        assertEquals("telegram", mapper.readTree(after).path("via").asText(), after);
        assertEquals(1, sends(conversation, m -> m.text().equals("ℹ️ anna claimed the conversation.")).size());
        assertEquals("💬 Quinn — " + codename, single(commands(conversation, EditForumTopic.class)).name());

        // plain text from the assignee is their reply to the customer — and is not mirrored back
        accept(groupText(TestUpdates.nextId(), operatorTelegramId, thread, "Try turning it off and on"));
        Map<String, Object> reply = TestDatabase.query("select id, source, operator_id, status from message where conversation_id = ? "
                + "and text = 'Try turning it off and on'", conversation).get(0);
        assertEquals("TELEGRAM_TOPIC", reply.get("source"));
        assertEquals(operator, reply.get("operator_id"));
        SendMessage toCustomer = single(sends(conversation, m -> reply.get("id").equals(m.messageId())));
        assertEquals(customer, toCustomer.chatId());
        assertNull(toCustomer.messageThreadId());
        assertEquals(0, sends(conversation, m -> m.messageThreadId() != null && m.text().contains("Try turning it off")).size());

        // /note from the topic is a note by that operator (and shows in the topic like a console note)
        accept(groupText(TestUpdates.nextId(), operatorTelegramId, thread, "/note customer on plan B"));
        assertEquals(operator, TestDatabase.query("select operator_id from note where conversation_id = ? and text = ?",
                conversation, "customer on plan B").get(0).get("operator_id"));
        assertEquals(0, sends(conversation, m -> m.text().contains("customer on plan B")).size(),
                "a note written in the topic is not echoed back");
        given().auth().oauth2(operatorToken).contentType(ContentType.JSON).body(Map.of("text", "web note"))
                .when().post("/api/conversations/" + conversation + "/notes").then().statusCode(201);
        assertEquals(1, sends(conversation, m -> m.text().equals("📝 anna (note): web note")).size(),
                "a console note is mirrored");

                // a reply from the web console is mirrored
        given().auth().oauth2(operatorToken).contentType(ContentType.JSON).body(Map.of("text", "Did that work?"))
                .when().post("/api/conversations/" + conversation + "/messages").then().statusCode(201);
        SendMessage webMirror = single(sends(conversation, m -> m.text().equals("↪️ anna: Did that work?")));
        assertEquals(thread, webMirror.messageThreadId());

        // another linked operator presses Claim: refused, and told who holds it
        UUID bob = UUID.randomUUID();
        long bobTelegramId = TestUpdates.nextId();
        String bobCode = given().auth().oauth2(TestJwt.operator(bob, "bob")).when().post("/api/telegram/link")
                .then().statusCode(201).extract().path("code");
        accept(groupText(TestUpdates.nextId(), bobTelegramId, thread, "/link " + bobCode));
        String bobPress = "cb" + TestUpdates.nextId();
        assertEquals(UpdateOutcome.APPLIED, accept(callback(TestUpdates.nextId(), bobPress, bobTelegramId, "claim:" + conversation, group, thread)));
        assertEquals("Already claimed by anna", commands(conversation, AnswerCallbackQuery.class).stream()
                .filter(a -> a.callbackQueryId().equals(bobPress)).findFirst().orElseThrow().text());
        assertEquals(operator, TestDatabase.query("select assignee_id from conversation where id = ?", conversation)
                .get(0).get("assignee_id"));

                // the Close button: closed, topic closed, the press answered
        String callbackId = "cb" + TestUpdates.nextId();
        assertEquals(UpdateOutcome.APPLIED, accept(callback(TestUpdates.nextId(), callbackId, operatorTelegramId,
                "close:" + conversation, group, thread)));
        assertEquals("CLOSED", TestDatabase.query("select status from conversation where id = ?", conversation).get(0).get("status"));
        CloseForumTopic close = single(commands(conversation, CloseForumTopic.class));
        assertEquals(thread, close.messageThreadId());
        AnswerCallbackQuery answer = single(commands(conversation, AnswerCallbackQuery.class).stream()
                .filter(a -> a.callbackQueryId().equals(callbackId)).toList());
        assertEquals(callbackId, answer.callbackQueryId());
        assertEquals("Closed", answer.text());
        assertEquals("CLOSED", topicRow(conversation).get("status"));
        assertTrue(commands(conversation, EditForumTopic.class).stream().anyMatch(e -> e.name().startsWith("✅ ")));

        // pressing Claim on the closed conversation is refused, and still answered
        String secondCallback = "cb" + TestUpdates.nextId();
        accept(callback(TestUpdates.nextId(), secondCallback, operatorTelegramId, "claim:" + conversation, group, thread));
        AnswerCallbackQuery refused = commands(conversation, AnswerCallbackQuery.class).stream()
                .filter(a -> a.callbackQueryId().equals(secondCallback)).findFirst().orElseThrow();
        assertFalse(refused.text().isBlank());
        assertEquals("CLOSED", TestDatabase.query("select status from conversation where id = ?", conversation).get(0).get("status"));
    }

    @Test
    void aDeletedTopicIsRecreatedExactlyOnce() throws Exception {
        long customer = TestUpdates.nextId();
        UUID conversation = customerWrites(customer, "Rae", "first words");
        CreateForumTopic create = single(commands(conversation, CreateForumTopic.class));
        int thread = 6000 + (int) (customer % 1000);
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(),
                mapper.writeValueAsString(ForumTopicCreated.of(create, thread, create.name())));
        Polling.until("topic ACTIVE", WAIT, () -> topicRow(conversation).get("status"), "ACTIVE"::equals);

        customerWrites(customer, "Rae", "are you there?");
        SendMessage mirror = single(sends(conversation, m -> m.text().equals("👤 Rae: are you there?")));
        customerWrites(customer, "Rae", "hello??");
        SendMessage mirror2 = single(sends(conversation, m -> m.text().equals("👤 Rae: hello??")));

        // someone deleted the topic: both mirrors fail with TOPIC_MISSING
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), mapper.writeValueAsString(
                MessageDeliveryFailed.of(mirror, 400, "Bad Request: message thread not found", FailureKind.TOPIC_MISSING)));
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), mapper.writeValueAsString(
                MessageDeliveryFailed.of(mirror2, 400, "Bad Request: message thread not found", FailureKind.TOPIC_MISSING)));
        Polling.until("a new topic requested", WAIT, () -> commands(conversation, CreateForumTopic.class).size(), n -> n >= 2);
        // the second failure is processed after the first (one partition per conversation); give it time to act
        Polling.until("both failures consumed", WAIT, () -> TestDatabase.query(
                "select lost_thread_id from forum_topic where conversation_id = ?", conversation).get(0).get("lost_thread_id"),
                lost -> lost != null && ((Number) lost).intValue() == thread);
        Thread.sleep(1500);
        List<CreateForumTopic> creations = commands(conversation, CreateForumTopic.class);
        assertEquals(2, creations.size(), "exactly one new topic for two failures");
        assertEquals("PENDING", topicRow(conversation).get("status"));
        assertEquals("👤 Rae: are you there?", topicRow(conversation).get("lost_text"));

        // the new topic gets a summary naming what failed; later mirrors go there
        CreateForumTopic again = creations.get(1);
        int newThread = thread + 1;
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(),
                mapper.writeValueAsString(ForumTopicCreated.of(again, newThread, again.name())));
        Polling.until("new topic ACTIVE", WAIT, () -> topicRow(conversation).get("message_thread_id"),
                t -> t != null && ((Number) t).intValue() == newThread);
        SendMessage summary = single(sends(conversation, m -> m.buttons().size() == 2 && newThread == m.messageThreadId()));
        assertTrue(summary.text().contains("did not reach it:\n👤 Rae: are you there?"), summary.text());
        assertTrue(summary.text().contains("👤 Rae: hello??"), summary.text());
        customerWrites(customer, "Rae", "ok");
        assertEquals(newThread, single(sends(conversation, m -> m.text().equals("👤 Rae: ok"))).messageThreadId());
    }

    @Test
    void theLongUnclaimedReminderIsPinnedInTheTopicAndPrivateLinkWorks() throws Throwable {
        long customer = TestUpdates.nextId();
        UUID conversation = customerWrites(customer, "Sam", "hello");
        CreateForumTopic create = single(commands(conversation, CreateForumTopic.class));
        int thread = 8000 + (int) (customer % 1000);
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(),
                mapper.writeValueAsString(ForumTopicCreated.of(create, thread, create.name())));
        Polling.until("topic ACTIVE", WAIT, () -> topicRow(conversation).get("status"), "ACTIVE"::equals);

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> conversations.findById(conversation)
                .chain(c -> systemMessages.post(c, "unclaimed_reminder_15m_pin", null,
                        Instant.now().truncatedTo(ChronoUnit.MICROS)))));
        SendMessage reminder = single(sends(conversation, m -> m.text().startsWith("📌")));
        assertTrue(reminder.pin());
        assertEquals(thread, reminder.messageThreadId());
        assertEquals(group, reminder.chatId());

        // an operator may also link from a private chat with the bot: that is no customer message
        long operatorTelegramId = TestUpdates.nextId();
        String code = given().auth().oauth2(operatorToken).when().post("/api/telegram/link")
                .then().statusCode(201).extract().path("code");
        long update = TestUpdates.nextId();
        assertEquals(UpdateOutcome.APPLIED, accept(TestUpdates.privateText(update, operatorTelegramId, "Anna", "/link " + code)));
        assertEquals(Boolean.TRUE, given().auth().oauth2(operatorToken).when().get("/api/telegram/link")
                .then().statusCode(200).extract().path("linked"));
        assertEquals(0L, TestDatabase.scalar("select count(*) from customer where telegram_user_id = ?", operatorTelegramId));
        assertTrue(commandsTo(operatorTelegramId).stream().anyMatch(c -> c instanceof SendMessage s && s.text().startsWith("Linked")));
        given().auth().oauth2(operatorToken).when().delete("/api/telegram/link").then().statusCode(204);
        assertEquals(Boolean.FALSE, given().auth().oauth2(operatorToken).when().get("/api/telegram/link")
                .then().statusCode(200).extract().path("linked"));
    }

    @Test
    void aCreationThatTimedOutIsNotRequestedAgain() throws Throwable {
        long customer = TestUpdates.nextId();
        UUID conversation = customerWrites(customer, "Uma", "hi there");
        CreateForumTopic create = single(commands(conversation, CreateForumTopic.class));
        CommandFailed timedOut = CommandFailed.of(create, null, 0, "timed out waiting for Telegram", FailureKind.UNCERTAIN);
        assertFalse(VertxContextSupport.subscribeAndAwait(() -> forumTopics.apply(timedOut)), "nothing changes");
        assertEquals("PENDING", topicRow(conversation).get("status"));
        customerWrites(customer, "Uma", "anyone?");
        assertEquals(1, commands(conversation, CreateForumTopic.class).size(), "the first topic may exist: no second one");
    }

    @Test
    void aRefusedCreationIsAskedAgainOnTheCustomersNextMessage() throws Exception {
        long customer = TestUpdates.nextId();
        UUID conversation = customerWrites(customer, "Lee", "hi there");
        CreateForumTopic create = single(commands(conversation, CreateForumTopic.class));
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), mapper.writeValueAsString(CommandFailed.of(create, null,
                400, "Bad Request: not enough rights to create a topic", FailureKind.REJECTED)));
        Polling.until("topic LOST", WAIT, () -> topicRow(conversation).get("status"), "LOST"::equals);
        // a redelivered failure changes nothing
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), mapper.writeValueAsString(CommandFailed.of(create, null,
                400, "Bad Request: not enough rights to create a topic", FailureKind.REJECTED)));

        customerWrites(customer, "Lee", "anyone?");
        List<CreateForumTopic> creations = commands(conversation, CreateForumTopic.class);
        assertEquals(2, creations.size());
        assertEquals("PENDING", topicRow(conversation).get("status"));
        assertEquals(creations.get(1).commandId(), topicRow(conversation).get("command_id"));
    }

    @Test
    void aStatusChangeRacingTheTopicsCreationKeepsTheThread() throws Exception {
        long customer = TestUpdates.nextId();
        UUID conversation = customerWrites(customer, "Max", "hello");
        single(commands(conversation, CreateForumTopic.class));
        int thread = 9000 + (int) (customer % 1000);
        // forum_topic.created is being applied (its transaction holds the row) while an operator claims on the web
        try (Connection created = TestDatabase.open()) {
            created.setAutoCommit(false);
            try (PreparedStatement update = created.prepareStatement("update forum_topic set status = 'ACTIVE', "
                    + "message_thread_id = ? where conversation_id = ?")) {
                update.setInt(1, thread);
                update.setObject(2, conversation);
                assertEquals(1, update.executeUpdate());
            }
            CompletableFuture<Integer> claim = CompletableFuture.supplyAsync(() -> given().auth().oauth2(operatorToken)
                    .when().post("/api/conversations/" + conversation + "/claim").then().extract().statusCode());
            Polling.until("the claim waits for the topic row", WAIT, () -> TestDatabase.scalar(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()"),
                    n -> n > 0);
            created.commit();
            assertEquals(200, claim.get(60, TimeUnit.SECONDS));
        }
        Map<String, Object> row = topicRow(conversation);
        assertEquals("ACTIVE", row.get("status"), "the claim must not write back the PENDING row it could have read");
        assertEquals(thread, ((Number) row.get("message_thread_id")).intValue());
        // and the claim, having read the row under the lock, mirrored into the thread it now knows
        assertEquals(thread, single(commands(conversation, EditForumTopic.class)).messageThreadId());
        assertEquals(thread, single(sends(conversation, m -> m.text().equals("ℹ️ anna claimed the conversation.")))
                .messageThreadId());
    }

    @Test
    void aTopicReplyChecksTheAssigneeUnderTheLock() throws Exception {
        long customer = TestUpdates.nextId();
        UUID conversation = customerWrites(customer, "Ola", "hi");
        int thread = activate(conversation, 10000 + (int) (customer % 1000));
        long annaTelegram = link(operator, operatorToken);
        given().auth().oauth2(operatorToken).when().post("/api/conversations/" + conversation + "/claim")
                .then().statusCode(200);
        UUID bob = UUID.randomUUID();
        // bob takes the conversation over (his transaction holds the row) while anna's reply from the topic arrives
        try (Connection assign = TestDatabase.open()) {
            assign.setAutoCommit(false);
            try (PreparedStatement update = assign.prepareStatement(
                    "update conversation set assignee_id = ? where id = ?")) {
                update.setObject(1, bob);
                update.setObject(2, conversation);
                assertEquals(1, update.executeUpdate());
            }
            CompletableFuture<UpdateOutcome> reply = CompletableFuture.supplyAsync(() ->
                    accept(groupText(TestUpdates.nextId(), annaTelegram, thread, "too late")));
            Polling.until("the reply waits for the conversation row", WAIT, () -> TestDatabase.scalar(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()"),
                    n -> n > 0);
            assign.commit();
            assertEquals(UpdateOutcome.APPLIED, reply.get(60, TimeUnit.SECONDS));
        }
        assertEquals(0L, TestDatabase.scalar("select count(*) from message where conversation_id = ? and text = 'too late'",
                conversation));
        assertEquals(1, sends(conversation, m -> m.text().equals(SupportGroupUpdates.CLAIM_FIRST)
                && m.messageThreadId() == thread).size());
    }

    @Test
    void operatorsInTheTopicAreToldWhatDidNotHappen() throws Exception {
        long customer = TestUpdates.nextId();
        UUID conversation = customerWrites(customer, "Vic", "help");
        int thread = activate(conversation, 11000 + (int) (customer % 1000));
        long anna = link(operator, operatorToken);
        accept(groupText(TestUpdates.nextId(), anna, thread, "/claim"));

        // a photo is not forwarded: the operator is told, the update is SKIPPED with the reason
        long photo = TestUpdates.nextId();
        assertEquals(UpdateOutcome.SKIPPED, accept(groupMessage(photo, anna, group, thread, "see this", true)));
        assertEquals(1, sends(conversation, m -> m.text().equals(SupportGroupUpdates.ONLY_TEXT)
                && m.messageThreadId() == thread).size());
        assertTrue(((String) TestDatabase.query("select reason from processed_update where update_id = ?", photo)
                .get(0).get("reason")).contains("photo"));
        assertEquals(0L, TestDatabase.scalar("select count(*) from message where conversation_id = ? and text = 'see this'",
                conversation));

        // a reply from the topic that Telegram refuses is reported in the topic
        accept(groupText(TestUpdates.nextId(), anna, thread, "from the topic"));
        UUID topicReply = (UUID) TestDatabase.query("select id from message where conversation_id = ? and text = ?",
                conversation, "from the topic").get(0).get("id");
        SendMessage toCustomer = single(sends(conversation, m -> topicReply.equals(m.messageId())));
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), mapper.writeValueAsString(MessageDeliveryFailed.of(
                toCustomer, 400, "Bad Request: message is too long", FailureKind.REJECTED)));
        Polling.until("the failure mirrored", WAIT, () -> sends(conversation, m -> m.text().startsWith("⚠️ not delivered: ")
                && m.text().contains("message is too long") && m.text().contains("from the topic")
                && m.messageThreadId() == thread).size(), n -> n == 1);

        // a web reply, failed and sent again: mirrored once
        UUID web = UUID.fromString(given().auth().oauth2(operatorToken).contentType(ContentType.JSON)
                .body(Map.of("text", "web words")).when().post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(201).extract().path("id"));
        SendMessage webSend = single(sends(conversation, m -> web.equals(m.messageId())));
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), mapper.writeValueAsString(MessageDeliveryFailed.of(
                webSend, 400, "Bad Request: chat not found", FailureKind.REJECTED)));
        Polling.until("web reply FAILED", WAIT, () -> TestDatabase.query("select status from message where id = ?", web)
                .get(0).get("status"), "FAILED"::equals);
        given().auth().oauth2(operatorToken).when().post("/api/conversations/" + conversation + "/messages/" + web + "/retry")
                .then().statusCode(202);
        assertEquals(2, sends(conversation, m -> web.equals(m.messageId())).size(), "sent again");
        assertEquals(1, sends(conversation, m -> m.text().equals("↪️ anna: web words")).size(), "mirrored once");

        // buttons pressed elsewhere than the conversation's topic do nothing
        String elsewhere = "cb" + TestUpdates.nextId();
        assertEquals(UpdateOutcome.SKIPPED, accept(callback(TestUpdates.nextId(), elsewhere, anna, "close:" + conversation,
                group - 1, thread)));
        String otherTopic = "cb" + TestUpdates.nextId();
        assertEquals(UpdateOutcome.SKIPPED, accept(callback(TestUpdates.nextId(), otherTopic, anna, "close:" + conversation,
                group, thread + 1)));
        for (String press : List.of(elsewhere, otherTopic)) {
            assertEquals("This button is not for this chat", single(commands(conversation, AnswerCallbackQuery.class)
                    .stream().filter(a -> a.callbackQueryId().equals(press)).toList()).text());
        }
        assertFalse("CLOSED".equals(TestDatabase.query("select status from conversation where id = ?", conversation)
                .get(0).get("status")));

        // the support group moves: a message in the old group's topic is answered, not silently dropped
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("chatId", group - 7))
                .when().put("/api/admin/telegram/support-group").then().statusCode(200);
        assertEquals(UpdateOutcome.SKIPPED, accept(groupText(TestUpdates.nextId(), anna, thread, "still here?")));
        assertEquals(1, sends(conversation, m -> m.text().equals(SupportGroupUpdates.NOT_THE_SUPPORT_GROUP)
                && m.messageThreadId() == thread && m.chatId() == group).size());
        assertEquals(0L, TestDatabase.scalar("select count(*) from message where conversation_id = ? and text = 'still here?'",
                conversation));
    }

    @Test
    void copiesInTheTopicFollowEditsAndDeletionsOfTheirMessages() throws Throwable {
        long customer = TestUpdates.nextId();
        // the first message is written while the topic is still being created: it is never mirrored as a copy
        accept(customerMessage(TestUpdates.nextId(), customer, 101, "Hi"));
        UUID conversation = customerWrites(customer, "Kim", "still there?");
        int thread = activate(conversation, 12000 + (int) (customer % 1000));

        // a customer message is mirrored, and where its copy went is remembered once Telegram delivered it
        assertEquals(UpdateOutcome.STORED, accept(customerMessage(TestUpdates.nextId(), customer, 102, "my order is late")));
        UUID inbound = messageId(conversation, "my order is late");
        SendMessage copy = single(sends(conversation, m -> m.text().equals("👤 Kim: my order is late")));
        assertNull(copy.messageId(), "mirror commands carry no message id");
        Map<String, Object> row = mirrorRow(inbound);
        assertEquals(copy.commandId(), row.get("command_id"));
        assertEquals(thread, ((Number) row.get("message_thread_id")).intValue());
        assertNull(row.get("telegram_message_ids"));
        deliver(copy, 501L);
        Polling.until("the copy's id is kept", WAIT, () -> mirrorRow(inbound).get("telegram_message_ids"), "[501]"::equals);

        // the customer edits it in Telegram: the copy is edited (the stored message keeps its versions, as before)
        assertEquals(UpdateOutcome.APPLIED, accept(customerEdit(TestUpdates.nextId(), customer, 102, "my order is very late")));
        EditMessageText edit = single(commands(conversation, EditMessageText.class));
        assertEquals(group, edit.chatId());
        assertEquals(501L, edit.telegramMessageId());
        assertNull(edit.messageId());
        assertEquals("👤 Kim: my order is very late\n" + TopicMirrors.EDITED, edit.text());
        // an edit of the message that was never mirrored changes nothing in the topic
        assertEquals(UpdateOutcome.APPLIED, accept(customerEdit(TestUpdates.nextId(), customer, 101, "Hello")));
        assertEquals(1, commands(conversation, EditMessageText.class).size());
        assertEquals(0L, TestDatabase.scalar("select count(*) from topic_mirror where message_id = ?",
                messageId(conversation, "Hello")));

        // Telegram refuses an edit of a copy (someone deleted it): logged, never retried, the message is unaffected
        CommandFailed gone = CommandFailed.of(edit, null, 400, "Bad Request: message to edit not found", FailureKind.MESSAGE_GONE);
        assertTrue(ForumTopics.handles(gone), "results of copy commands are the topics console's");
        assertFalse(VertxContextSupport.subscribeAndAwait(() -> forumTopics.apply(gone)));
        assertEquals("my order is very late", TestDatabase.query("select text from message where id = ?", inbound)
                .get(0).get("text"));
        assertEquals(1, commands(conversation, EditMessageText.class).size());

        // an operator's web reply, Telegram got its copy in two parts; edited on the web: both copies follow
        UUID reply = reply(conversation, "We are on it");
        SendMessage replyCopy = single(sends(conversation, m -> m.text().equals("↪️ anna: We are on it")));
        deliver(replyCopy, 601L, 602L);
        deliver(single(sends(conversation, m -> reply.equals(m.messageId()))), 7001L);
        Polling.until("the reply is SENT and its copy known", WAIT, () -> List.of(
                        TestDatabase.query("select status from message where id = ?", reply).get(0).get("status"),
                        String.valueOf(mirrorRow(reply).get("telegram_message_ids"))),
                List.of("SENT", "[601,602]")::equals);
        given().auth().oauth2(operatorToken).contentType(ContentType.JSON).body(Map.of("text", "We are on it, sorry"))
                .when().put("/api/conversations/" + conversation + "/messages/" + reply).then().statusCode(200);
        List<EditMessageText> edits = commands(conversation, EditMessageText.class);
        assertEquals(3, edits.size(), edits.toString());
        EditMessageText toCustomer = edits.stream().filter(e -> reply.equals(e.messageId())).findFirst().orElseThrow();
        assertEquals(customer, toCustomer.chatId());
        EditMessageText replyEdit = edits.stream().filter(e -> e.messageId() == null && e.telegramMessageId() == 601L)
                .findFirst().orElseThrow();
        assertEquals(group, replyEdit.chatId());
        assertEquals("↪️ anna: We are on it, sorry\n" + TopicMirrors.EDITED, replyEdit.text());
        DeleteMessage tail = single(commands(conversation, DeleteMessage.class));
        assertEquals(group, tail.chatId());
        assertNull(tail.messageId());
        assertEquals(List.of(602L), tail.telegramMessageIds(), "the part holding the old text's tail goes");
        assertEquals("[601]", mirrorRow(reply).get("telegram_message_ids"));

        // deleted on the web: the customer's message and the copy are deleted, and the copy is forgotten
        given().auth().oauth2(operatorToken).when().delete("/api/conversations/" + conversation + "/messages/" + reply)
                .then().statusCode(204);
        List<DeleteMessage> deletions = commands(conversation, DeleteMessage.class);
        assertEquals(3, deletions.size(), deletions.toString());
        assertEquals(List.of(7001L), deletions.stream().filter(d -> reply.equals(d.messageId())).findFirst()
                .orElseThrow().telegramMessageIds());
        DeleteMessage copyDeletion = single(deletions.stream().filter(d -> d.messageId() == null
                && d.telegramMessageIds().equals(List.of(601L))).toList());
        assertEquals(group, copyDeletion.chatId());
        assertEquals(0L, TestDatabase.scalar("select count(*) from topic_mirror where message_id = ?", reply));

        // a reply deleted before its copy was delivered: the delivery deletes the copy at once
        UUID quick = reply(conversation, "oops, wrong chat");
        SendMessage quickCopy = single(sends(conversation, m -> m.text().equals("↪️ anna: oops, wrong chat")));
        deliver(single(sends(conversation, m -> quick.equals(m.messageId()))), 7002L);
        Polling.until("the reply is SENT", WAIT, () -> TestDatabase.query("select status from message where id = ?",
                quick).get(0).get("status"), "SENT"::equals);
        given().auth().oauth2(operatorToken).when().delete("/api/conversations/" + conversation + "/messages/" + quick)
                .then().statusCode(204);
        assertEquals(Boolean.TRUE, mirrorRow(quick).get("changed_while_pending"));
        assertEquals(4, commands(conversation, DeleteMessage.class).size(), "only the customer's copy so far");
        deliver(quickCopy, 801L);
        Polling.until("the late copy deleted", WAIT, () -> commands(conversation, DeleteMessage.class).stream()
                .filter(d -> d.messageId() == null && d.telegramMessageIds().equals(List.of(801L))).count(), n -> n == 1);
        assertEquals(0L, TestDatabase.scalar("select count(*) from topic_mirror where message_id = ?", quick));

        // a copy whose delivery failed is forgotten: a later edit changes nothing in the topic
        assertEquals(UpdateOutcome.STORED, accept(customerMessage(TestUpdates.nextId(), customer, 103, "lost one")));
        UUID lost = messageId(conversation, "lost one");
        SendMessage lostCopy = single(sends(conversation, m -> m.text().equals("👤 Kim: lost one")));
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(), mapper.writeValueAsString(MessageDeliveryFailed.of(
                lostCopy, 400, "Bad Request: not enough rights to send text messages", FailureKind.REJECTED)));
        Polling.until("the failed copy forgotten", WAIT, () -> TestDatabase.scalar(
                "select count(*) from topic_mirror where message_id = ?", lost), n -> n == 0L);
        accept(customerEdit(TestUpdates.nextId(), customer, 103, "found it"));
        assertEquals(3, commands(conversation, EditMessageText.class).size());

        // deleting the conversation takes its copies' rows with it
        assertEquals(1L, TestDatabase.scalar("select count(*) from topic_mirror where conversation_id = ?", conversation));
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("ids", List.of(conversation)))
                .when().post("/api/conversations/bulk-delete").then().statusCode(200);
        assertEquals(0L, TestDatabase.scalar("select count(*) from topic_mirror where conversation_id = ?", conversation));
    }

    @Test
    void aReplyEditedInTheTopicEditsTheStoredReplyAndTheCustomersMessage() throws Exception {
        long customer = TestUpdates.nextId();
        UUID conversation = customerWrites(customer, "Pia", "hello");
        int thread = activate(conversation, 13000 + (int) (customer % 1000));
        long anna = link(operator, operatorToken);
        accept(groupText(TestUpdates.nextId(), anna, thread, "/claim"));
        accept(groupText(TestUpdates.nextId(), anna, thread, "Restart the router"));
        Map<String, Object> stored = TestDatabase.query("select id, idempotency_key from message where conversation_id = ? "
                + "and text = 'Restart the router'", conversation).get(0);
        UUID reply = (UUID) stored.get("id");
        String key = (String) stored.get("idempotency_key");
        int topicMessageId = Integer.parseInt(key.substring(key.lastIndexOf(':') + 1));
        deliver(single(sends(conversation, m -> reply.equals(m.messageId()))), 9001L);
        Polling.until("the reply is SENT", WAIT, () -> TestDatabase.query("select status from message where id = ?",
                reply).get(0).get("status"), "SENT"::equals);

        // anna corrects her reply in the topic: the stored reply and the customer's message change, nothing is mirrored
        long update = TestUpdates.nextId();
        assertEquals(UpdateOutcome.APPLIED, accept(groupEdit(update, anna, thread, topicMessageId, "Restart the modem")));
        assertEquals("Restart the modem", TestDatabase.query("select text from message where id = ?", reply)
                .get(0).get("text"));
        assertEquals("Restart the router", TestDatabase.query("select text from message_version where message_id = ?",
                reply).get(0).get("text"));
        EditMessageText toCustomer = single(commands(conversation, EditMessageText.class));
        assertEquals(reply, toCustomer.messageId());
        assertEquals(customer, toCustomer.chatId());
        assertEquals(9001L, toCustomer.telegramMessageId());
        assertEquals("Restart the modem", toCustomer.text());
        assertEquals("edited_message", TestDatabase.query("select kind from processed_update where update_id = ?", update)
                .get(0).get("kind"));

        // a spurious edit, and an edit by another linked operator, change nothing
        assertEquals(UpdateOutcome.SKIPPED, accept(groupEdit(TestUpdates.nextId(), anna, thread, topicMessageId,
                "Restart the modem")));
        UUID bobId = UUID.randomUUID();
        long bob = link(bobId, TestJwt.operator(bobId, "bob"));
        assertEquals(UpdateOutcome.SKIPPED, accept(groupEdit(TestUpdates.nextId(), bob, thread, topicMessageId, "hijack")));
        // once someone else holds the conversation, anna's edit does not reach the customer, and she is told
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("operatorId", UUID.randomUUID()))
                .when().post("/api/conversations/" + conversation + "/assign").then().statusCode(200);
        assertEquals(UpdateOutcome.APPLIED, accept(groupEdit(TestUpdates.nextId(), anna, thread, topicMessageId,
                "Restart both")));
        assertEquals(1, sends(conversation, m -> m.text().equals(SupportGroupUpdates.EDIT_NOT_ASSIGNEE)).size());
        assertEquals(1, commands(conversation, EditMessageText.class).size());
        assertEquals("Restart the modem", TestDatabase.query("select text from message where id = ?", reply)
                .get(0).get("text"));
    }

    /** Makes the conversation's pending topic ACTIVE with {@code thread}; returns the thread. */
    private int activate(UUID conversation, int thread) throws Exception {
        CreateForumTopic create = single(commands(conversation, CreateForumTopic.class));
        KafkaTestClient.send(Topics.RESULTS, conversation.toString(),
                mapper.writeValueAsString(ForumTopicCreated.of(create, thread, create.name())));
        Polling.until("topic ACTIVE", WAIT, () -> topicRow(conversation).get("status"), "ACTIVE"::equals);
        return thread;
    }

    /** Links a new Telegram account to {@code operatorId} ("/link CODE" in the General topic); returns its user id. */
    private long link(UUID operatorId, String token) {
        long telegramId = TestUpdates.nextId();
        String code = given().auth().oauth2(token).when().post("/api/telegram/link")
                .then().statusCode(201).extract().path("code");
        assertEquals(UpdateOutcome.APPLIED, accept(groupText(TestUpdates.nextId(), telegramId, null, "/link " + code)));
        return telegramId;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A private-chat text message with Telegram message id {@code messageId}. */
    private static String customerMessage(long updateId, long userId, int messageId, String text) {
        return """
                {"update_id":%d,"message":{"message_id":%d,"from":{"id":%d,"is_bot":false,"first_name":"Kim"},
                 "chat":{"id":%d,"type":"private","first_name":"Kim"},"date":1700000000,"text":%s}}"""
                .formatted(updateId, messageId, userId, userId, JSON.valueToTree(text).toString());
    }

    /** The customer edits their message {@code messageId} to {@code text} ({@code edited_message}). */
    private static String customerEdit(long updateId, long userId, int messageId, String text) {
        return """
                {"update_id":%d,"edited_message":{"message_id":%d,"from":{"id":%d,"is_bot":false,"first_name":"Kim"},
                 "chat":{"id":%d,"type":"private","first_name":"Kim"},"date":1700000000,"edit_date":1700000060,
                 "text":%s}}""".formatted(updateId, messageId, userId, userId, JSON.valueToTree(text).toString());
    }

    /** Telegram delivered {@code command} as these message ids (message.delivered on telegram.results). */
    private void deliver(SendMessage command, Long... telegramIds) throws Exception {
        KafkaTestClient.send(Topics.RESULTS, command.conversationId().toString(),
                mapper.writeValueAsString(MessageDelivered.of(command, List.of(telegramIds))));
    }

    /** The web console's reply {@code text} by anna; returns the message id. */
    private UUID reply(UUID conversation, String text) {
        return UUID.fromString(given().auth().oauth2(operatorToken).contentType(ContentType.JSON)
                .body(Map.of("text", text)).when().post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(201).extract().path("id"));
    }

    private static UUID messageId(UUID conversation, String text) {
        return (UUID) TestDatabase.query("select id from message where conversation_id = ? and text = ?", conversation, text)
                .get(0).get("id");
    }

    private static Map<String, Object> mirrorRow(UUID message) {
        List<Map<String, Object>> rows = TestDatabase.query("select * from topic_mirror where message_id = ?", message);
        assertFalse(rows.isEmpty(), "no topic_mirror row");
        return rows.get(0);
    }

    private UUID customerWrites(long userId, String name, String text) {
        accept(TestUpdates.privateText(TestUpdates.nextId(), userId, name, text));
        return (UUID) TestDatabase.query("""
                select c.id from conversation c join customer u on u.id = c.customer_id
                where u.telegram_user_id = ? order by c.created_at desc limit 1""", userId).get(0).get("id");
    }

    private UpdateOutcome accept(String json) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> intake.accept(TestUpdates.BOT_ID, reader.read(json)));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /** A text message in the support group: in topic {@code thread}, or in the General topic when null. */
    private String groupText(long updateId, long fromId, Integer thread, String text) {
        return groupMessage(updateId, fromId, group, thread, text, false);
    }

    /** A message in supergroup {@code chatId}: text, or a photo with {@code text} as its caption. */
    private String groupMessage(long updateId, long fromId, long chatId, Integer thread, String text, boolean photo) {
        ObjectNode update = JSON.createObjectNode();
        update.put("update_id", updateId);
        ObjectNode message = update.putObject("message");
        message.put("message_id", TestUpdates.nextId() % 1_000_000);
        ObjectNode from = message.putObject("from");
        from.put("id", fromId);
        from.put("is_bot", false);
        from.put("first_name", "Anna");
        ObjectNode chat = message.putObject("chat");
        chat.put("id", chatId);
        chat.put("title", "Support");
        chat.put("is_forum", true);
        chat.put("type", "supergroup");
        message.put("date", 1_700_000_000);
        if (thread != null) {
            message.put("message_thread_id", thread);
            message.put("is_topic_message", true);
            ObjectNode created = message.putObject("reply_to_message");
            created.put("message_id", thread);
            created.put("message_thread_id", thread);
            created.put("is_topic_message", true);
            created.set("chat", chat.deepCopy());
            created.put("date", 1_700_000_000);
            created.putObject("forum_topic_created").put("name", "topic").put("icon_color", 7322096);
        }
        if (photo) {
            message.put("caption", text);
            message.putArray("photo").addObject().put("file_id", "f").put("file_unique_id", "u").put("width", 1)
                    .put("height", 1);
            return update.toString();
        }
        message.put("text", text);
        if (text.startsWith("/")) {
            message.putArray("entities").addObject().put("type", "bot_command").put("offset", 0)
                    .put("length", text.split(" ")[0].length());
        }
        return update.toString();
    }

    /** {@code fromId} edits their message {@code messageId} in topic {@code thread} of the group to {@code text}. */
    private String groupEdit(long updateId, long fromId, int thread, int messageId, String text) {
        ObjectNode update = (ObjectNode) readTree(groupText(updateId, fromId, thread, text));
        ObjectNode message = (ObjectNode) update.remove("message");
        message.put("message_id", messageId);
        message.put("edit_date", 1_700_000_060);
        update.set("edited_message", message);
        return update.toString();
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String callback(long updateId, String callbackId, long fromId, String data, long chatId, Integer thread) {
        ObjectNode update = JSON.createObjectNode();
        update.put("update_id", updateId);
        ObjectNode callback = update.putObject("callback_query");
        callback.put("id", callbackId);
        callback.putObject("from").put("id", fromId).put("is_bot", false).put("first_name", "Anna");
        ObjectNode message = callback.putObject("message");
        message.put("message_id", 77);
        message.putObject("chat").put("id", chatId).put("type", "supergroup").put("is_forum", true);
        message.put("date", 1_700_000_000);
        if (thread != null) {
            message.put("message_thread_id", thread);
            message.put("is_topic_message", true);
        }
        callback.put("chat_instance", "-1");
        callback.put("data", data);
        return update.toString();
    }

    private Map<String, Object> topicRow(UUID conversation) {
        List<Map<String, Object>> rows = TestDatabase.query("select * from forum_topic where conversation_id = ?", conversation);
        assertFalse(rows.isEmpty(), "no forum_topic row");
        return rows.get(0);
    }

    /** The telegram.commands rows of {@code conversation} in the outbox, oldest first. */
    private List<TelegramCommand> allCommands(String like) {
        return TestDatabase.query("select payload from outbox where topic = ? and payload like ? order by id",
                        Topics.COMMANDS, "%" + like + "%").stream()
                .map(row -> {
                    try {
                        return mapper.readValue((String) row.get("payload"), TelegramCommand.class);
                    } catch (Exception e) {
                        throw new AssertionError(String.valueOf(row), e);
                    }
                }).toList();
    }

    private <T extends TelegramCommand> List<T> commands(UUID conversation, Class<T> type) {
        return allCommands(conversation.toString()).stream().filter(type::isInstance).map(type::cast)
                .filter(c -> conversation.equals(c.conversationId())).toList();
    }

    private List<TelegramCommand> commandsTo(long chatId) {
        return allCommands("\"chatId\":" + chatId);
    }

    private List<SendMessage> sends(UUID conversation, java.util.function.Predicate<SendMessage> filter) {
        return commands(conversation, SendMessage.class).stream().filter(filter).toList();
    }

    private static <T> T single(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        assertNotNull(items.get(0));
        return items.get(0);
    }
}
