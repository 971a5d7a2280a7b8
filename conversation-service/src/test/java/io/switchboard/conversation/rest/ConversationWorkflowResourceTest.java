package io.switchboard.conversation.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.switchboard.conversation.Polling;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.TestUpdates;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.UpdateOutcome;
import io.switchboard.conversation.messaging.RetryingTransactions;
import io.switchboard.conversation.messaging.TelegramUpdateReader;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.service.ConversationWorkflow;
import io.switchboard.conversation.service.CustomerMessageIntake;
import io.switchboard.conversation.service.OperatorReplies;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lifecycle over HTTP with real tokens, a real database and the outbox: claim races, permissions, close with a
 * closing message, reopen by the customer, block/unblock, replies that claim, audit rows, auto-close.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class ConversationWorkflowResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    CustomerMessageIntake intake;

    @Inject
    TelegramUpdateReader reader;

    @Inject
    ConversationWorkflow workflow;

    @Inject
    ConversationRepository conversations;

    @Inject
    OperatorReplies replies;

    @Inject
    RetryingTransactions transactions;

    /** An operator with a token and a display name. */
    private record Op(UUID id, String name, String token) {
        static Op operator(String name) {
            UUID id = UUID.randomUUID();
            return new Op(id, name, TestJwt.operator(id, name));
        }

        static Op admin(String name) {
            UUID id = UUID.randomUUID();
            return new Op(id, name, TestJwt.admin(id, name));
        }
    }

    @Test
    void ofTwoOperatorsClaimingAtOnceExactlyOneWinsAndTheOtherGets409WithTheWinnersName() throws Exception {
        for (int round = 0; round < 5; round++) {
            UUID conversation = customerWrites("Race" + round, "who takes me?");
            Op anna = Op.operator("anna-" + round);
            Op boris = Op.operator("boris-" + round);
            List<Op> ops = List.of(anna, boris);
            List<Response> responses = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (Op op : ops) {
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    responses.add(given().auth().oauth2(op.token()).when().post(path(conversation, "claim")));
                });
                t.start();
                threads.add(t);
            }
            start.countDown();
            for (Thread t : threads) {
                t.join(30_000);
            }
            assertEquals(2, responses.size());
            List<Integer> codes = responses.stream().map(Response::statusCode).sorted().toList();
            assertEquals(List.of(200, 409), codes, "round " + round);
            Response won = responses.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
            Response lost = responses.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
            String winnerId = won.jsonPath().getString("assigneeId");
            Op winner = anna.id().toString().equals(winnerId) ? anna : boris;
            assertEquals(winner.id().toString(), winnerId);
            assertEquals("OPEN_ASSIGNED", won.jsonPath().getString("status"));
            assertEquals(PROBLEM, lost.contentType());
            assertTrue(lost.jsonPath().getString("detail").contains("already claimed by " + winner.name()),
                    lost.jsonPath().getString("detail"));

            Map<String, Object> row = conversationRow(conversation);
            assertEquals("OPEN_ASSIGNED", row.get("status"));
            assertEquals(winner.id(), row.get("assignee_id"));
            assertNotNull(row.get("assigned_at"));
            assertEquals(1, TestDatabase.scalar("select count(*) from audit_entry where conversation_id = ? and action = 'conversation.claimed'", conversation));
            assertEquals(1, events(conversation, "conversation.claimed").size());
        }
    }

    @Test
    void claimingWhatYouHoldChangesNothingAndClaimingAClosedConversationIs409() {
        Op olga = Op.operator("olga");
        UUID conversation = customerWrites("Holder", "hi");
        act(olga, conversation, "claim").then().statusCode(200).body("assigneeId", equalTo(olga.id().toString()));
        act(olga, conversation, "claim").then().statusCode(200).body("status", equalTo("OPEN_ASSIGNED"));
        assertEquals(1, TestDatabase.scalar("select count(*) from audit_entry where conversation_id = ? and action = 'conversation.claimed'", conversation));
        assertEquals(1, events(conversation, "conversation.claimed").size());

        act(olga, conversation, "close").then().statusCode(200);
        act(Op.operator("pavel"), conversation, "claim").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("CLOSED"));
        given().auth().oauth2(olga.token()).when().post(path(UUID.randomUUID(), "claim"))
                .then().statusCode(404).contentType(PROBLEM);
        given().when().post(path(conversation, "claim")).then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void onlyAnAdminOrTheAssigneeMayAssignOrUnassign() {
        Op holder = Op.operator("hana");
        Op other = Op.operator("ivan");
        Op admin = Op.admin("root");
        UUID target = UUID.randomUUID();
        UUID conversation = customerWrites("Transfer", "please transfer me");

        // unclaimed: only an admin may assign it
        assign(other, conversation, target.toString()).then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("admin or the current assignee"));
        act(holder, conversation, "claim").then().statusCode(200);
        assign(other, conversation, target.toString()).then().statusCode(403).contentType(PROBLEM);
        act(other, conversation, "unassign").then().statusCode(403).contentType(PROBLEM);
        assertEquals(holder.id(), conversationRow(conversation).get("assignee_id"));

        assign(holder, conversation, target.toString()).then().statusCode(200)
                .body("status", equalTo("OPEN_ASSIGNED")).body("assigneeId", equalTo(target.toString()));
        // the former assignee no longer holds it
        assign(holder, conversation, holder.id().toString()).then().statusCode(403);
        assign(admin, conversation, other.id().toString()).then().statusCode(200).body("assigneeId", equalTo(other.id().toString()));
        List<String> assigned = events(conversation, "conversation.assigned");
        assertEquals(2, assigned.size());
        JsonPath last = JsonPath.from(assigned.get(1));
        assertEquals(other.id().toString(), last.getString("state.assigneeId"));
        assertEquals(target.toString(), last.getString("previousAssigneeId"));
        assertEquals(admin.id().toString(), last.getString("actor.id"));
        assertEquals("root", last.getString("actor.name"));

        act(other, conversation, "unassign").then().statusCode(200)
                .body("status", equalTo("OPEN_UNCLAIMED")).body("assigneeId", nullValue());
        act(other, conversation, "unassign").then().statusCode(409).contentType(PROBLEM);

        // bad bodies
        assign(admin, conversation, "not-a-uuid").then().statusCode(422).contentType(PROBLEM);
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body("{}")
                .when().post(path(conversation, "assign")).then().statusCode(422).contentType(PROBLEM);
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body("{\"operatorId\": ")
                .when().post(path(conversation, "assign")).then().statusCode(400).contentType(PROBLEM);
        assign(admin, UUID.randomUUID(), target.toString()).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void closingStoresTheClosingMessageBeforeTheCloseEvent() {
        Op olga = Op.operator("olga-closer");
        UUID conversation = customerWrites("Closer", "thanks, that's all");
        act(olga, conversation, "claim").then().statusCode(200);
        String closing = "Glad we could help, Closer! Bye 👋";

        given().auth().oauth2(olga.token()).contentType(ContentType.JSON).body(Map.of("closingMessage", "x".repeat(4097)))
                .when().post(path(conversation, "close")).then().statusCode(413).contentType(PROBLEM)
                .body("status", equalTo(413)).body("detail", containsString("4096"));
        act(Op.operator("intruder"), conversation, "close").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(olga.token()).contentType(ContentType.JSON).body("{\"closingMessage\": ")
                .when().post(path(conversation, "close")).then().statusCode(400).contentType(PROBLEM);
        assertEquals("OPEN_ASSIGNED", conversationRow(conversation).get("status"));

        given().auth().oauth2(olga.token()).contentType(ContentType.JSON).body(Map.of("closingMessage", closing))
                .when().post(path(conversation, "close"))
                .then().statusCode(200).body("status", equalTo("CLOSED")).body("closedAt", org.hamcrest.Matchers.notNullValue())
                .body("lastMessage.text", equalTo(closing));

        List<Map<String, Object>> stored = TestDatabase.query(
                "select id, direction, operator_id, operator_name, system_key from message where conversation_id = ? and text = ?",
                conversation, closing);
        assertEquals(1, stored.size());
        assertEquals("OUTBOUND", stored.get(0).get("direction"));
        assertEquals(olga.id(), stored.get(0).get("operator_id"));
        assertEquals("olga-closer", stored.get(0).get("operator_name"));
        String messageId = stored.get(0).get("id").toString();

        long messageEvent = TestDatabase.scalar("select min(id) from outbox where message_key = ? and payload like ?",
                conversation.toString(), "%" + messageId + "%");
        long closedEvent = TestDatabase.scalar("select min(id) from outbox where message_key = ? and payload like ?",
                conversation.toString(), "%\"conversation.closed\"%");
        assertTrue(messageEvent < closedEvent, "the closing message is queued before conversation.closed");
        assertEquals(1, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%" + messageId + "%"), "the closing message is sent to the customer");
        JsonPath closed = JsonPath.from(events(conversation, "conversation.closed").get(0));
        assertEquals("operator", closed.getString("reason"));
        assertEquals("CLOSED", closed.getString("state.status"));
        assertEquals(olga.id().toString(), closed.getString("actor.id"));

        // then the closed-history note: right under the closing message in the transcript, a widget banner, never
        // sent to Telegram, and not the conversation's last message
        List<Map<String, Object>> notes = TestDatabase.query(
                "select id, direction, status from message where conversation_id = ? and system_key = 'closed_history_note'", conversation);
        assertEquals(1, notes.size());
        assertEquals("OUTBOUND", notes.get(0).get("direction"));
        assertEquals("RECORDED", notes.get(0).get("status"), "kept in the transcript, sent nowhere");
        assertEquals(List.of("closed_history_note", "closing_message"), TestDatabase.query(
                        "select system_key from message where conversation_id = ? order by created_at desc, id desc limit 2", conversation)
                .stream().map(r -> r.get("system_key")).toList());
        List<String> noteEvents = events(conversation, "system_message.posted").stream()
                .filter(p -> "closed_history_note".equals(JsonPath.from(p).getString("key"))).toList();
        assertEquals(1, noteEvents.size());
        JsonPath note = JsonPath.from(noteEvents.get(0));
        assertEquals("customer", note.getString("audience"));
        assertTrue(note.getBoolean("widgetBanner"));
        assertFalse(note.getBoolean("telegram"));
        assertEquals(notes.get(0).get("id").toString(), note.getString("message.id"));
        assertTrue(TestDatabase.scalar("select min(id) from outbox where payload = ?", noteEvents.get(0)) > closedEvent,
                "posted after conversation.closed");
        assertEquals(0, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%" + notes.get(0).get("id") + "%"));
        assertEquals(0, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%" + note.getString("text") + "%"));
        assertEquals(messageId, conversationRow(conversation).get("last_message_id").toString());

        act(olga, conversation, "close").then().statusCode(409).contentType(PROBLEM);
        given().auth().oauth2(olga.token()).contentType(ContentType.JSON).body(Map.of("text", "one more thing"))
                .when().post("/api/conversations/" + conversation + "/messages").then().statusCode(409);
    }

    @Test
    void aCustomerWritingToAClosedConversationReopensTheSameConversationUnclaimed() {
        Op olga = Op.operator("olga-reopen");
        long userId = TestUpdates.nextId();
        UUID conversation = write(userId, "Comeback", "first visit");
        act(olga, conversation, "claim").then().statusCode(200);
        act(olga, conversation, "close").then().statusCode(200);
        String codename = (String) conversationRow(conversation).get("codename");
        // meanwhile another open conversation took the codename: the reopened one must draw a new one
        UUID squatter = customerWrites("Squatter", "hello");
        TestDatabase.update("update conversation set codename = ? where id = ?", codename, squatter);

        UUID again = write(userId, "Comeback", "I am back");
        assertEquals(conversation, again, "no second conversation for the customer");
        Map<String, Object> row = conversationRow(conversation);
        assertEquals("OPEN_UNCLAIMED", row.get("status"));
        assertNull(row.get("assignee_id"));
        assertNull(row.get("closed_at"));
        assertNotEquals(codename, row.get("codename"));
        assertEquals(1, TestDatabase.scalar("select count(*) from conversation c join customer u on u.id = c.customer_id where u.telegram_user_id = ?", userId));

        JsonPath reopened = JsonPath.from(events(conversation, "conversation.reopened").get(0));
        assertEquals("OPEN_UNCLAIMED", reopened.getString("state.status"));
        assertNull(reopened.get("actor"));
        assertEquals(codename, reopened.getString("previousCodename"));
        assertEquals(row.get("codename"), reopened.getString("state.codename"));
        assertEquals(1, TestDatabase.scalar("select count(*) from audit_entry where conversation_id = ? and action = 'conversation.reopened' and actor_id is null", conversation));
        assertEquals(1, TestDatabase.scalar("select count(*) from message where conversation_id = ? and system_key = 'conversation_reopened'", conversation));
        List<String> texts = messageTexts(olga, conversation);
        assertTrue(texts.indexOf("I am back") > texts.indexOf("first visit"), texts.toString());
        assertTrue(texts.indexOf("I am back") < texts.size() - 1, "the reopened bubble follows the message: " + texts);
    }

    @Test
    void aBlockedCustomersMessagesAreStoredBlockedNeverShownAndNeverAnnounced() {
        Op olga = Op.operator("olga-block");
        long userId = TestUpdates.nextId();
        UUID conversation = write(userId, "Spammer", "buy my stuff");
        act(olga, conversation, "claim").then().statusCode(200);
        act(Op.operator("not-the-assignee"), conversation, "block").then().statusCode(403);
        act(olga, conversation, "block").then().statusCode(200).body("status", equalTo("BLOCKED"));
        act(olga, conversation, "block").then().statusCode(409).contentType(PROBLEM);
        long outboxBefore = TestDatabase.scalar("select count(*) from outbox where message_key = ?", conversation.toString());

        write(userId, "Spammer", "BUY NOW!!!");
        assertEquals(1, TestDatabase.scalar("select count(*) from message where conversation_id = ? and text = 'BUY NOW!!!' and status = 'BLOCKED'", conversation));
        assertEquals(outboxBefore, TestDatabase.scalar("select count(*) from outbox where message_key = ?", conversation.toString()),
                "no event, no command for a blocked message");
        assertEquals(0, TestDatabase.scalar("select count(*) from outbox where payload like '%BUY NOW!!!%'"));
        assertFalse(messageTexts(olga, conversation).contains("BUY NOW!!!"));
        JsonPath view = given().auth().oauth2(olga.token()).when().get("/api/conversations/" + conversation).then().statusCode(200).extract().jsonPath();
        assertEquals("BLOCKED", view.getString("status"));
        assertNotEquals("BUY NOW!!!", view.getString("lastMessage.text"));
        assertEquals(0, TestDatabase.scalar("select count(*) from conversation_timer where conversation_id = ?", conversation));

        act(olga, conversation, "unblock").then().statusCode(200).body("status", equalTo("CLOSED"));
        act(olga, conversation, "unblock").then().statusCode(409);
        assertEquals(0, TestDatabase.scalar("select count(*) from message where conversation_id = ? and system_key = 'closed_history_note'",
                conversation), "unblocking is no close: the customer must not learn they were blocked");
        write(userId, "Spammer", "sorry about that");
        assertEquals("OPEN_UNCLAIMED", conversationRow(conversation).get("status"));
        assertTrue(messageTexts(olga, conversation).contains("sorry about that"));
    }

    @Test
    void replyingToAnUnclaimedConversationClaimsItForTheReplier() {
        Op olga = Op.operator("olga-reply");
        Op pavel = Op.operator("pavel-reply");
        long userId = TestUpdates.nextId();
        UUID conversation = write(userId, "Asker", "how do I reset my password?");
        reply(olga, conversation, "Use the link on the login page.").then().statusCode(201)
                .body("operatorId", equalTo(olga.id().toString())).body("operatorName", equalTo("olga-reply"));

        Map<String, Object> row = conversationRow(conversation);
        assertEquals("AWAITING_CUSTOMER", row.get("status"));
        assertEquals(olga.id(), row.get("assignee_id"));
        assertNotNull(row.get("last_outbound_at"));
        assertEquals(1, events(conversation, "conversation.claimed").size());
        JsonPath changed = JsonPath.from(events(conversation, "conversation.status_changed").get(0));
        assertEquals("AWAITING_CUSTOMER", changed.getString("state.status"));
        assertEquals("OPEN_ASSIGNED", changed.getString("previousStatus"));
        assertEquals(List.of("conversation.claimed", "message.sent"), auditActions(conversation));

        // a second reply changes no state
        reply(olga, conversation, "Anything else?").then().statusCode(201);
        assertEquals(1, events(conversation, "conversation.status_changed").size());

        // the customer answers: back to OPEN_ASSIGNED, announced without an actor
        write(userId, "Asker", "it worked, thanks");
        assertEquals("OPEN_ASSIGNED", conversationRow(conversation).get("status"));
        JsonPath back = JsonPath.from(events(conversation, "conversation.status_changed").get(1));
        assertEquals("OPEN_ASSIGNED", back.getString("state.status"));
        assertEquals("AWAITING_CUSTOMER", back.getString("previousStatus"));
        assertNull(back.get("actor"));
        assertNotNull(conversationRow(conversation).get("last_inbound_at"));

        // someone else may still help out in a held conversation; it stays olga's
        reply(pavel, conversation, "Colleague here, glad it worked.").then().statusCode(201);
        assertEquals(olga.id(), conversationRow(conversation).get("assignee_id"));
    }

    @Test
    void ofTwoOperatorsReplyingAtOnceToAnUnclaimedConversationOneClaimsItAndTheOtherGets409() throws Exception {
        for (int round = 0; round < 3; round++) {
            UUID conversation = customerWrites("Both" + round, "anyone?");
            List<Op> ops = List.of(Op.operator("quinn-" + round), Op.operator("rita-" + round));
            List<Integer> codes = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (Op op : ops) {
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    codes.add(reply(op, conversation, "I've got this").statusCode());
                });
                t.start();
                threads.add(t);
            }
            start.countDown();
            for (Thread t : threads) {
                t.join(30_000);
            }
            assertEquals(List.of(201, 409), codes.stream().sorted().toList(), "round " + round);
            assertEquals(1, TestDatabase.scalar("select count(*) from message where conversation_id = ? and direction = 'OUTBOUND' and system_key is null", conversation));
        }
    }

    @Test
    void anOperatorReopensAClosedConversationForThemselves() {
        Op olga = Op.operator("olga-reopener");
        UUID conversation = customerWrites("Again", "hello");
        act(olga, conversation, "close").then().statusCode(200).body("status", equalTo("CLOSED"));
        Op pavel = Op.operator("pavel-reopener");
        act(pavel, conversation, "reopen").then().statusCode(200)
                .body("status", equalTo("OPEN_ASSIGNED")).body("assigneeId", equalTo(pavel.id().toString()))
                .body("closedAt", nullValue());
        act(pavel, conversation, "reopen").then().statusCode(409).contentType(PROBLEM);
        JsonPath event = JsonPath.from(events(conversation, "conversation.reopened").get(0));
        assertEquals(pavel.id().toString(), event.getString("actor.id"));
    }

    @Test
    void everyActionLeavesAnAuditRowWithBeforeAndAfter() {
        Op olga = Op.operator("olga-audit");
        Op admin = Op.admin("admin-audit");
        UUID other = UUID.randomUUID();
        UUID conversation = customerWrites("Audited", "hi");
        act(olga, conversation, "claim").then().statusCode(200);
        assign(olga, conversation, other.toString()).then().statusCode(200);
        act(admin, conversation, "unassign").then().statusCode(200);
        act(olga, conversation, "close").then().statusCode(200);
        act(olga, conversation, "reopen").then().statusCode(200);
        act(olga, conversation, "block").then().statusCode(200);
        act(olga, conversation, "unblock").then().statusCode(200);

        List<Map<String, Object>> rows = TestDatabase.query("""
                select action, actor_id, actor_name, before_state::text as before, after_state::text as after
                from audit_entry where conversation_id = ? order by occurred_at, action""", conversation);
        List<String> actions = rows.stream().map(r -> (String) r.get("action")).toList();
        assertEquals(List.of("conversation.claimed", "conversation.assigned", "conversation.unassigned", "conversation.closed",
                "conversation.reopened", "conversation.blocked", "conversation.unblocked").stream().sorted().toList(),
                actions.stream().sorted().toList());
        Map<String, Object> assigned = rows.stream().filter(r -> r.get("action").equals("conversation.assigned")).findFirst().orElseThrow();
        assertEquals(olga.id(), assigned.get("actor_id"));
        assertEquals("olga-audit", assigned.get("actor_name"));
        JsonPath before = JsonPath.from((String) assigned.get("before"));
        JsonPath after = JsonPath.from((String) assigned.get("after"));
        assertEquals("OPEN_ASSIGNED", before.getString("status"));
        assertEquals(olga.id().toString(), before.getString("assigneeId"));
        assertEquals(other.toString(), after.getString("assigneeId"));
        assertFalse(((String) assigned.get("before")).contains("codename"), (String) assigned.get("before"));
        Map<String, Object> unassigned = rows.stream().filter(r -> r.get("action").equals("conversation.unassigned")).findFirst().orElseThrow();
        assertEquals(admin.id(), unassigned.get("actor_id"));
        assertTrue(((String) unassigned.get("after")).contains("\"assigneeId\": null"), (String) unassigned.get("after"));
        Map<String, Object> closed = rows.stream().filter(r -> r.get("action").equals("conversation.closed")).findFirst().orElseThrow();
        assertEquals("operator", JsonPath.from((String) closed.get("after")).getString("reason"));
        assertEquals(8, events(conversation, "conversation.").size(), "opened + one event per action");
    }

    @Test
    void autoCloseClosesAnOpenConversationInTheCallersTransactionAndLeavesAClosedOneAlone() throws Throwable {
        Op olga = Op.operator("olga-auto");
        UUID conversation = customerWrites("Silent", "hello?");
        act(olga, conversation, "claim").then().statusCode(200);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        String status = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> conversations.findById(conversation)
                .chain(c -> workflow.autoClose(c, now)).map(c -> c.status.name())));
        assertEquals("CLOSED", status);
        Map<String, Object> row = conversationRow(conversation);
        assertEquals("CLOSED", row.get("status"));
        assertEquals(olga.id(), row.get("assignee_id"));
        JsonPath event = JsonPath.from(events(conversation, "conversation.closed").get(0));
        assertEquals("auto_close", event.getString("reason"));
        assertNull(event.get("actor"));
        Map<String, Object> audit = TestDatabase.query("select actor_id, after_state::text as after from audit_entry where conversation_id = ? and action = 'conversation.closed'", conversation).get(0);
        assertNull(audit.get("actor_id"));
        assertEquals("auto_close", JsonPath.from((String) audit.get("after")).getString("reason"));
        assertEquals(1, TestDatabase.scalar("select count(*) from message where conversation_id = ? and system_key = 'closed_history_note'",
                conversation), "an auto-close posts the closed-history note too");

        // a second sweep over the closed conversation is a no-op
        String again = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> conversations.findById(conversation)
                .chain(c -> workflow.autoClose(c, now)).map(c -> c.status.name())));
        assertEquals("CLOSED", again);
        assertEquals(1, events(conversation, "conversation.closed").size());
        assertEquals(1, TestDatabase.scalar("select count(*) from message where conversation_id = ? and system_key = 'closed_history_note'",
                conversation));
    }

    @Test
    void aBatchOfUpdatesKeepsTheOrderOfCustomerAndSystemMessagesAndReopensInOrder() throws Throwable {
        Op olga = Op.operator("olga-batch");
        long userId = TestUpdates.nextId();
        List<io.switchboard.conversation.domain.InboundUpdate> first = List.of(
                reader.read(TestUpdates.privateText(TestUpdates.nextId(), userId, "Batcher", "one")),
                reader.read(TestUpdates.privateText(TestUpdates.nextId(), userId, "Batcher", "two")));
        VertxContextSupport.subscribeAndAwait(() -> intake.acceptAll(first.stream()
                .map(update -> new io.switchboard.conversation.domain.ReceivedUpdate(TestUpdates.BOT_ID, update)).toList()));
        UUID conversation = (UUID) TestDatabase.query("select c.id from conversation c join customer u on u.id = c.customer_id where u.telegram_user_id = ?", userId).get(0).get("id");
        List<Map<String, Object>> rows = TestDatabase.query(
                "select text, system_key from message where conversation_id = ? order by created_at, id", conversation);
        List<Object> keys = rows.stream().map(r -> r.get("system_key") == null ? r.get("text") : r.get("system_key")).toList();
        assertEquals("one", keys.get(0));
        assertEquals("welcome_message", keys.get(1));
        assertEquals("two", keys.get(keys.size() - 1), keys.toString());

        act(olga, conversation, "close").then().statusCode(200);
        List<io.switchboard.conversation.domain.InboundUpdate> second = List.of(
                reader.read(TestUpdates.privateText(TestUpdates.nextId(), userId, "Batcher", "three")),
                reader.read(TestUpdates.privateText(TestUpdates.nextId(), userId, "Batcher", "four")));
        VertxContextSupport.subscribeAndAwait(() -> intake.acceptAll(second.stream()
                .map(update -> new io.switchboard.conversation.domain.ReceivedUpdate(TestUpdates.BOT_ID, update)).toList()));
        assertEquals(1, TestDatabase.scalar("select count(*) from conversation c join customer u on u.id = c.customer_id where u.telegram_user_id = ?", userId));
        assertEquals("OPEN_UNCLAIMED", conversationRow(conversation).get("status"));
        assertEquals(1, events(conversation, "conversation.reopened").size(), "reopened once, by the first message");
        List<String> texts = messageTexts(olga, conversation);
        assertTrue(texts.indexOf("three") < texts.indexOf("four"), texts.toString());
    }

    @Test
    void aReplyAndACustomerMessageAtOnceLeaveTheStateOfWhoeverSpokeLast() throws Exception {
        Op olga = Op.operator("olga-overlap");
        Actor actor = new Actor(olga.id(), olga.name(), false);
        long userId = TestUpdates.nextId();
        UUID conversation = write(userId, "Overlap", "hello");
        act(olga, conversation, "claim").then().statusCode(200);
        for (int round = 0; round < 20; round++) {
            int r = round;
            // a reply into AWAITING_CUSTOMER changes no state: without the row lock it used to overwrite the intake's
            // OPEN_ASSIGNED flip and last_message_id with its own older view
            concurrently(
                    () -> VertxContextSupport.subscribeAndAwait(() -> replies.reply(conversation, actor, "answer " + r, null)),
                    () -> VertxContextSupport.subscribeAndAwait(() -> intake.accept(TestUpdates.BOT_ID, reader.read(
                            TestUpdates.privateText(TestUpdates.nextId(), userId, "Overlap", "question " + r)))));
            Map<String, Object> newest = newestMessage(conversation, "system_key is null");
            Map<String, Object> row = conversationRow(conversation);
            String spokeLast = "round " + r + ": the newest message is " + newest;
            assertEquals(newest.get("id"), row.get("last_message_id"), spokeLast);
            assertEquals("OUTBOUND".equals(newest.get("direction")) ? "AWAITING_CUSTOMER" : "OPEN_ASSIGNED", row.get("status"), spokeLast);
            assertEquals(2L * r + 3, TestDatabase.scalar("select count(*) from message where conversation_id = ? and system_key is null",
                    conversation), "both stored");
        }
    }

    @Test
    void aCloseAndACustomerMessageAtOnceLeaveTheStateOfWhicheverCameLast() throws Exception {
        Op olga = Op.operator("olga-close-overlap");
        Actor actor = new Actor(olga.id(), olga.name(), false);
        long userId = TestUpdates.nextId();
        UUID conversation = write(userId, "Leaving", "hello");
        for (int round = 0; round < 12; round++) {
            int r = round;
            if ("CLOSED".equals(conversationRow(conversation).get("status"))) {
                write(userId, "Leaving", "back again " + r);
            }
            concurrently(
                    () -> VertxContextSupport.subscribeAndAwait(() -> workflow.close(conversation, actor, "bye " + r)),
                    () -> VertxContextSupport.subscribeAndAwait(() -> intake.accept(TestUpdates.BOT_ID, reader.read(
                            TestUpdates.privateText(TestUpdates.nextId(), userId, "Leaving", "one more thing " + r)))));
            // the messages that make the conversation's last message: the customer's and the closing message
            Map<String, Object> newest = newestMessage(conversation, "(system_key is null or system_key = 'closing_message')");
            Map<String, Object> row = conversationRow(conversation);
            String cameLast = "round " + r + ": the newest message is " + newest;
            assertEquals(newest.get("id"), row.get("last_message_id"), cameLast);
            assertEquals("closing_message".equals(newest.get("system_key")) ? "CLOSED" : "OPEN_UNCLAIMED", row.get("status"), cameLast);
        }
    }

    @Test
    void aReopenWhoseCodenameIsTakenMeanwhileGetsAFreshCodenameInsteadOfAConflict() throws Exception {
        Op olga = Op.operator("olga-codename");
        UUID conversation = customerWrites("Phoenix", "hi");
        act(olga, conversation, "close").then().statusCode(200);
        String codename = (String) conversationRow(conversation).get("codename");
        UUID squatter = customerWrites("Squatter", "hello");
        try (Connection db = TestDatabase.open()) {
            db.setAutoCommit(false);
            // another transaction gives an open conversation the codename and has not committed yet: the reopen finds
            // the codename free, and its write waits for that transaction on the unique index
            takeCodename(db, squatter, codename);
            CompletableFuture<Response> reopen = CompletableFuture.supplyAsync(() -> act(olga, conversation, "reopen"));
            awaitLockWait();
            db.commit();
            Response response = reopen.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.asString());
            assertEquals("OPEN_ASSIGNED", response.jsonPath().getString("status"));
            assertNotEquals(codename, response.jsonPath().getString("codename"));
        }
        Map<String, Object> row = conversationRow(conversation);
        assertEquals("OPEN_ASSIGNED", row.get("status"));
        assertNotEquals(codename, row.get("codename"));
        assertEquals(1, TestDatabase.scalar("select count(*) from conversation where codename = ? and status <> 'CLOSED'", row.get("codename")));
        JsonPath reopened = JsonPath.from(events(conversation, "conversation.reopened").get(0));
        assertEquals(codename, reopened.getString("previousCodename"));
        assertEquals(row.get("codename"), reopened.getString("state.codename"));
        assertEquals(1, events(conversation, "conversation.reopened").size());
        assertEquals(1, TestDatabase.scalar("select count(*) from audit_entry where conversation_id = ? and action = 'conversation.reopened'", conversation));
    }

    @Test
    void aCustomerReopeningWhileTheirCodenameIsTakenMeanwhileGetsAFreshCodenameOnTheConsumersRetry() throws Exception {
        Op olga = Op.operator("olga-codename-intake");
        long userId = TestUpdates.nextId();
        UUID conversation = write(userId, "Ember", "hi");
        act(olga, conversation, "close").then().statusCode(200);
        String codename = (String) conversationRow(conversation).get("codename");
        UUID squatter = customerWrites("Squatter", "hello");
        try (Connection db = TestDatabase.open()) {
            db.setAutoCommit(false);
            takeCodename(db, squatter, codename);
            String update = TestUpdates.privateText(TestUpdates.nextId(), userId, "Ember", "I am back");
            // as the consumer runs each update (after a failed batch): one transaction per attempt, retried
            CompletableFuture<UpdateOutcome> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return VertxContextSupport.subscribeAndAwait(() -> transactions.run("update", () -> intake.accept(TestUpdates.BOT_ID, reader.read(update))));
                } catch (Throwable e) {
                    throw new CompletionException(e);
                }
            });
            awaitLockWait();
            db.commit();
            assertEquals(UpdateOutcome.STORED, accepted.get(30, TimeUnit.SECONDS));
        }
        Map<String, Object> row = conversationRow(conversation);
        assertEquals("OPEN_UNCLAIMED", row.get("status"));
        assertNotEquals(codename, row.get("codename"));
        assertEquals(1, TestDatabase.scalar("select count(*) from conversation where codename = ? and status <> 'CLOSED'", row.get("codename")));
        assertEquals(row.get("codename"), JsonPath.from(events(conversation, "conversation.reopened").get(0)).getString("state.codename"));
        assertTrue(messageTexts(olga, conversation).contains("I am back"));
    }

    // --- helpers ---

    /** Work for {@link #concurrently}. */
    @FunctionalInterface
    private interface Task {
        Object run() throws Throwable;
    }

    /** Runs the tasks at once, each on its own thread; rethrows the first failure. */
    private static void concurrently(Task... tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Object>> running = new ArrayList<>();
        for (Task task : tasks) {
            running.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    return task.run();
                } catch (Throwable e) {
                    throw new CompletionException(e);
                }
            }, runnable -> new Thread(runnable).start()));
        }
        start.countDown();
        for (CompletableFuture<Object> task : running) {
            task.get(60, TimeUnit.SECONDS);
        }
    }

    /** {id, direction, system_key, created_at} of the conversation's newest message that matches {@code where}. */
    private static Map<String, Object> newestMessage(UUID conversation, String where) {
        return TestDatabase.query("select id, direction, system_key, created_at from message where conversation_id = ? and "
                + where + " order by created_at desc, id desc limit 1", conversation).get(0);
    }

    /** In {@code db}'s open transaction: the open conversation {@code squatter} takes {@code codename}. */
    private static void takeCodename(Connection db, UUID squatter, String codename) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("update conversation set codename = ? where id = ?")) {
            s.setString(1, codename);
            s.setObject(2, squatter);
            assertEquals(1, s.executeUpdate());
        }
    }

    /** Waits until a statement of the service waits for a lock (here: on the codename index entry). */
    private static void awaitLockWait() {
        Polling.until("a conversation update waiting for the other transaction", Duration.ofSeconds(20),
                () -> TestDatabase.scalar("""
                        select count(*) from pg_stat_activity where datname = current_database()
                          and wait_event_type = 'Lock' and query ilike '%update conversation%'"""), n -> n > 0);
    }


    private static String path(UUID conversation, String action) {
        return "/api/conversations/" + conversation + "/" + action;
    }

    private static Response act(Op op, UUID conversation, String action) {
        return given().auth().oauth2(op.token()).when().post(path(conversation, action));
    }

    private static Response assign(Op op, UUID conversation, String operatorId) {
        return given().auth().oauth2(op.token()).contentType(ContentType.JSON).body(Map.of("operatorId", operatorId))
                .when().post(path(conversation, "assign"));
    }

    private static Response reply(Op op, UUID conversation, String text) {
        return given().auth().oauth2(op.token()).contentType(ContentType.JSON).body(Map.of("text", text))
                .when().post("/api/conversations/" + conversation + "/messages");
    }

    private static List<String> messageTexts(Op op, UUID conversation) {
        return given().auth().oauth2(op.token()).queryParam("limit", 200).when().get("/api/conversations/" + conversation + "/messages")
                .then().statusCode(200).extract().jsonPath().getList("items.text");
    }

    private static Map<String, Object> conversationRow(UUID conversation) {
        return TestDatabase.query("select * from conversation where id = ?", conversation).get(0);
    }

    /** Payloads of the conversation's outbox events whose type starts with {@code typePrefix}, in outbox order. */
    private static List<String> events(UUID conversation, String typePrefix) {
        Function<Map<String, Object>, String> payload = r -> (String) r.get("payload");
        return TestDatabase.query("select payload from outbox where topic = 'conversation.events' and message_key = ? order by id",
                        conversation.toString()).stream().map(payload)
                .filter(p -> JsonPath.from(p).getString("type").startsWith(typePrefix)).toList();
    }

    private static List<String> auditActions(UUID conversation) {
        return TestDatabase.query("select action from audit_entry where conversation_id = ? order by occurred_at, action", conversation)
                .stream().map(r -> (String) r.get("action")).toList();
    }

    private UUID customerWrites(String name, String text) {
        return write(TestUpdates.nextId(), name, text);
    }

    /** The customer {@code userId} writes; returns their latest conversation. */
    private UUID write(long userId, String name, String text) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> intake.accept(TestUpdates.BOT_ID, reader.read(TestUpdates.privateText(TestUpdates.nextId(), userId, name, text))));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        return (UUID) TestDatabase.query("""
                select c.id from conversation c join customer u on u.id = c.customer_id
                where u.telegram_user_id = ? order by c.created_at desc limit 1""", userId).get(0).get("id");
    }
}
