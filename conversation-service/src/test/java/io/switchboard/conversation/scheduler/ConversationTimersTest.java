package io.switchboard.conversation.scheduler;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.conversation.Polling;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.TestUpdates;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.messaging.TelegramUpdateReader;
import io.switchboard.conversation.service.ConversationWorkflow;
import io.switchboard.conversation.service.CustomerMessageIntake;
import io.switchboard.conversation.service.FreshVertxContext;
import io.switchboard.conversation.service.OperatorReplies;
import io.switchboard.conversation.service.TimerFiring;
import io.switchboard.conversation.service.TimerSettingsStore;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.MutableClock;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static io.switchboard.conversation.scheduler.TimerFixtures.await;
import static io.switchboard.conversation.scheduler.TimerFixtures.postedEvents;
import static io.switchboard.conversation.scheduler.TimerFixtures.status;
import static io.switchboard.conversation.scheduler.TimerFixtures.systemMessages;
import static io.switchboard.conversation.scheduler.TimerFixtures.timers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lifecycle timers against a real database with a controllable clock (the service's Clock is replaced by a
 * MutableClock for each test): unclaimed reminders, auto-close by each threshold, thresholds changed at run time,
 * rows that outlive the process, and several sweeps at once. The periodic sweep keeps running in the background
 * (it sees the same clock), so every expectation is "exactly once" whoever fires.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class ConversationTimersTest {

    private static final String REMINDER_1 = "unclaimed_reminder_5m";
    private static final String REMINDER_2 = "unclaimed_reminder_15m_pin";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final UUID ADMIN = UUID.randomUUID();

    @Inject
    CustomerMessageIntake intake;
    @Inject
    TelegramUpdateReader reader;
    @Inject
    ConversationTimerSweep sweep;
    @Inject
    TimerFiring firing;
    @Inject
    FreshVertxContext contexts;
    @Inject
    TimerSettingsStore store;
    @Inject
    ConversationWorkflow workflow;
    @Inject
    OperatorReplies replies;

    MutableClock clock;

    @BeforeEach
    void controllableClock() {
        clock = TimerFixtures.installClock(store);
    }

    @AfterEach
    void defaultThresholds() {
        TestDatabase.update("update setting set value = cast(? as jsonb) where key = 'timers'", TimerFixtures.DEFAULT_TIMERS);
        store.invalidate();
    }

    @Test
    void unclaimedRemindersFireOnceEachAtFiveAndFifteenMinutesThenStop() {
        Instant t0 = clock.instant();
        UUID conversation = write("Rita", "is anyone there?");

        Map<String, Map<String, Object>> rows = timers(conversation);
        assertEquals(Set.of("REMINDER_FIRST", "REMINDER_SECOND", "AUTO_CLOSE"), rows.keySet());
        assertEquals(t0.plusSeconds(300), rows.get("REMINDER_FIRST").get("due_at"));
        assertEquals(t0.plusSeconds(900), rows.get("REMINDER_SECOND").get("due_at"));
        assertEquals(t0.plusSeconds(86_400), rows.get("AUTO_CLOSE").get("due_at"));

        clock.set(t0.plusSeconds(299));
        sweepNow();
        assertEquals(0, systemMessages(conversation, REMINDER_1), "not before 5 minutes");

        clock.set(t0.plusSeconds(300));
        awaitCount(conversation, REMINDER_1, 1);
        sweepNow();
        sweepNow();
        assertEquals(1, systemMessages(conversation, REMINDER_1), "once");
        assertEquals(0, systemMessages(conversation, REMINDER_2));
        Map<String, Object> reminder = TestDatabase.query(
                "select direction, status, text, operator_id from message where conversation_id = ? and system_key = ?",
                conversation, REMINDER_1).get(0);
        assertEquals("OUTBOUND", reminder.get("direction"));
        assertEquals("RECORDED", reminder.get("status"), "an operator-facing bubble goes to no channel");
        assertTrue(((String) reminder.get("text")).contains("Rita"), (String) reminder.get("text"));
        assertNull(reminder.get("operator_id"));
        List<String> events = postedEvents(conversation, REMINDER_1);
        assertEquals(1, events.size());
        assertTrue(events.get(0).contains("\"audience\":\"operators\"") && events.get(0).contains("\"pin\":false"), events.get(0));
        assertEquals(0, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%" + reminder.get("text") + "%"), "never sent to the customer");
        assertNotNull(timers(conversation).get("REMINDER_FIRST").get("fired_at"));

        clock.set(t0.plusSeconds(899));
        sweepNow();
        assertEquals(0, systemMessages(conversation, REMINDER_2), "not before 15 minutes");
        clock.set(t0.plusSeconds(900));
        awaitCount(conversation, REMINDER_2, 1);
        List<String> pinned = postedEvents(conversation, REMINDER_2);
        assertEquals(1, pinned.size());
        assertTrue(pinned.get(0).contains("\"pin\":true"), pinned.get(0));

        // the customer writes again in the same unclaimed period: no new reminders
        clock.set(t0.plusSeconds(1_000));
        write(userOf(conversation), "Rita", "hello???");
        for (int minutes : new int[]{20, 40, 120}) {
            clock.set(t0.plus(Duration.ofMinutes(minutes)));
            sweepNow();
        }
        assertEquals(1, systemMessages(conversation, REMINDER_1));
        assertEquals(1, systemMessages(conversation, REMINDER_2));
        assertEquals("OPEN_UNCLAIMED", status(conversation));
        assertEquals(t0.plusSeconds(1_000).plusSeconds(86_400), timers(conversation).get("AUTO_CLOSE").get("due_at"),
                "the silence counts from the latest customer message");
    }

    @Test
    void claimingCancelsTheRemindersAndUnassigningStartsANewUnclaimedPeriod() {
        Instant t0 = clock.instant();
        UUID conversation = write("Sam", "need a hand");
        Actor olga = new Actor(UUID.randomUUID(), "Olga", false);

        clock.set(t0.plusSeconds(60));
        TimerFixtures.inTransaction(() -> workflow.claim(conversation, olga));
        assertEquals(Set.of("AUTO_CLOSE"), timers(conversation).keySet(), "a claimed conversation needs no reminders");

        clock.set(t0.plus(Duration.ofMinutes(20)));
        sweepNow();
        sweepNow();
        assertEquals(0, systemMessages(conversation, REMINDER_1));
        assertEquals(0, systemMessages(conversation, REMINDER_2));

        Instant unassigned = clock.instant();
        TimerFixtures.inTransaction(() -> workflow.unassign(conversation, olga));
        assertEquals(unassigned.plusSeconds(300), timers(conversation).get("REMINDER_FIRST").get("due_at"));
        clock.set(unassigned.plusSeconds(299));
        sweepNow();
        assertEquals(0, systemMessages(conversation, REMINDER_1), "counted from the unassignment");
        clock.set(unassigned.plusSeconds(300));
        awaitCount(conversation, REMINDER_1, 1);

        TimerFixtures.inTransaction(() -> workflow.claim(conversation, olga));
        clock.set(unassigned.plus(Duration.ofMinutes(30)));
        sweepNow();
        assertEquals(0, systemMessages(conversation, REMINDER_2), "claimed before the second reminder");
        assertEquals(1, systemMessages(conversation, REMINDER_1));
    }

    @Test
    void anUnansweredConversationClosesAfterTheUnansweredThresholdOnce() {
        Instant t0 = clock.instant();
        UUID conversation = write("Una", "hello, anyone?");

        clock.set(t0.plusSeconds(86_399));
        sweepNow();
        sweepNow();
        assertEquals("OPEN_UNCLAIMED", status(conversation));

        clock.set(t0.plusSeconds(86_400));
        Polling.until("auto-close", WAIT, () -> { sweepNow(); return status(conversation); }, "CLOSED"::equals);
        sweepNow();
        assertEquals(1, TestDatabase.scalar("select count(*) from outbox where message_key = ? and payload like ?",
                conversation.toString(), "%\"conversation.closed\"%"), "closed once");
        assertEquals(1, systemMessages(conversation, "closing_message"), "the template closing message, once");
        Map<String, Object> closing = TestDatabase.query(
                "select id, status, text, operator_id from message where conversation_id = ? and system_key = 'closing_message'",
                conversation).get(0);
        assertEquals("PENDING", closing.get("status"), "sent to the customer's Telegram");
        assertNull(closing.get("operator_id"));
        assertEquals(1, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%" + closing.get("id") + "%"));
        assertTrue(timers(conversation).isEmpty(), "a closed conversation has no timers");
        assertEquals(1, TestDatabase.scalar("select count(*) from audit_entry where conversation_id = ? and action = 'conversation.closed'"
                + " and actor_id is null", conversation));
    }

    @Test
    void afterAnOperatorsReplyTheConversationClosesAfterTheAfterReplyThreshold() {
        Instant t0 = clock.instant();
        UUID conversation = write("Vic", "where is my parcel");
        Actor olga = new Actor(UUID.randomUUID(), "Olga", false);

        clock.set(t0.plus(Duration.ofMinutes(10)));
        Instant replied = clock.instant();
        TimerFixtures.await(() -> replies.reply(conversation, olga, "On its way!", null));
        Map<String, Object> autoClose = timers(conversation).get("AUTO_CLOSE");
        assertEquals("autoCloseAfterReplySeconds", autoClose.get("threshold"));
        assertEquals(replied.plusSeconds(172_800), autoClose.get("due_at"));
        assertEquals(Set.of("AUTO_CLOSE"), timers(conversation).keySet());

        clock.set(replied.plus(Duration.ofHours(25)));
        sweepNow();
        assertEquals("AWAITING_CUSTOMER", status(conversation), "the unanswered threshold does not apply after a reply");
        clock.set(replied.plusSeconds(172_799));
        sweepNow();
        assertEquals("AWAITING_CUSTOMER", status(conversation));
        clock.set(replied.plusSeconds(172_800));
        Polling.until("auto-close after the reply", WAIT, () -> { sweepNow(); return status(conversation); }, "CLOSED"::equals);
    }

    @Test
    void theCustomersAnswerToAReplyBringsBackTheUnansweredThreshold() {
        Instant t0 = clock.instant();
        UUID conversation = write("Wes", "question");
        Actor olga = new Actor(UUID.randomUUID(), "Olga", false);
        clock.set(t0.plusSeconds(30));
        TimerFixtures.await(() -> replies.reply(conversation, olga, "Answer", null));
        clock.set(t0.plusSeconds(90));
        Instant answered = clock.instant();
        write(userOf(conversation), "Wes", "thanks, one more thing");
        Map<String, Object> autoClose = timers(conversation).get("AUTO_CLOSE");
        assertEquals("autoCloseUnansweredSeconds", autoClose.get("threshold"));
        assertEquals(answered.plusSeconds(86_400), autoClose.get("due_at"));
        clock.set(answered.plusSeconds(86_400));
        Polling.until("auto-close after the customer's answer", WAIT, () -> { sweepNow(); return status(conversation); },
                "CLOSED"::equals);
    }

    @Test
    void anAdminChangesTheThresholdsAtRunTimeAndPendingTimersFollow() {
        Instant t0 = clock.instant();
        UUID early = write("Xia", "written under the defaults");
        assertEquals(t0.plusSeconds(300), timers(early).get("REMINDER_FIRST").get("due_at"));

        putTimers(60, 120, 600, 900).then().statusCode(200)
                .body("firstReminderSeconds", org.hamcrest.Matchers.equalTo(60));
        assertEquals("object", TestDatabase.query("select jsonb_typeof(value) as t from setting where key = 'timers'").get(0).get("t"));
        given().auth().oauth2(TestJwt.admin(ADMIN, "root")).when().get("/api/admin/timers").then().statusCode(200)
                .body("secondReminderSeconds", org.hamcrest.Matchers.equalTo(120))
                .body("autoCloseUnansweredSeconds", org.hamcrest.Matchers.equalTo(600))
                .body("autoCloseAfterReplySeconds", org.hamcrest.Matchers.equalTo(900));
        Map<String, Map<String, Object>> replanned = timers(early);
        assertEquals(t0.plusSeconds(60), replanned.get("REMINDER_FIRST").get("due_at"), "pending timers re-planned");
        assertEquals(t0.plusSeconds(120), replanned.get("REMINDER_SECOND").get("due_at"));
        assertEquals(t0.plusSeconds(600), replanned.get("AUTO_CLOSE").get("due_at"));
        assertEquals(1, TestDatabase.scalar("select count(*) from audit_entry where action = 'timers.updated' and actor_id = ?"
                + " and after_state ->> 'firstReminderSeconds' = '60' and before_state ->> 'firstReminderSeconds' = '300'", ADMIN));

        clock.set(t0.plusSeconds(60));
        awaitCount(early, REMINDER_1, 1);
        clock.set(t0.plusSeconds(120));
        awaitCount(early, REMINDER_2, 1);
        clock.set(t0.plusSeconds(600));
        Polling.until("auto-close at the new threshold", WAIT, () -> { sweepNow(); return status(early); }, "CLOSED"::equals);

        // everything off: a new conversation keeps its timers, disabled
        putTimers(0, 0, 0, 0).then().statusCode(200);
        Instant t1 = clock.instant();
        UUID quiet = write("Yan", "written with the timers off");
        assertNull(timers(quiet).get("REMINDER_FIRST").get("due_at"));
        assertNull(timers(quiet).get("AUTO_CLOSE").get("due_at"));
        clock.set(t1.plus(Duration.ofDays(3)));
        sweepNow();
        assertEquals(0, systemMessages(quiet, REMINDER_1));
        assertEquals("OPEN_UNCLAIMED", status(quiet));

        // on again: the waiting conversation gets each reminder once, then closes
        putTimers(300, 900, 86_400, 172_800).then().statusCode(200);
        Polling.until("reminders and auto-close once turned on again", WAIT, () -> { sweepNow(); return status(quiet); },
                "CLOSED"::equals);
        assertEquals(1, systemMessages(quiet, REMINDER_1));
        assertEquals(1, systemMessages(quiet, REMINDER_2));
    }

    @Test
    void timersPlannedWithThresholdsAReplicaHadNotSeenChangeYetFollowOnceItsCacheExpires() {
        Instant t0 = clock.instant();
        write("Ada", "loads the thresholds into this replica's cache");
        // another replica's admin PUT: the database changes, this replica's cache still says 300 s
        TestDatabase.update("update setting set value = jsonb_set(value, '{firstReminderSeconds}', '60') where key = 'timers'");
        UUID stale = write("Bea", "planned with the cached thresholds");
        assertEquals(t0.plusSeconds(300), timers(stale).get("REMINDER_FIRST").get("due_at"));
        store.invalidate(); // what settings-cache expiry does
        sweepNow();
        assertEquals(t0.plusSeconds(60), timers(stale).get("REMINDER_FIRST").get("due_at"), "re-planned by the next sweep");
        clock.set(t0.plusSeconds(60));
        awaitCount(stale, REMINDER_1, 1);
    }

    @Test
    void timerAdminIsForAdminsAndValidatesTheValues() {
        String operator = TestJwt.operator(UUID.randomUUID(), "olga");
        given().when().get("/api/admin/timers").then().statusCode(401);
        given().auth().oauth2(operator).when().get("/api/admin/timers").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("firstReminderSeconds", 1, "secondReminderSeconds", 2, "autoCloseUnansweredSeconds", 3,
                        "autoCloseAfterReplySeconds", 4))
                .when().put("/api/admin/timers").then().statusCode(403);
        putTimers(-1, 900, 86_400, 172_800).then().statusCode(422).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("firstReminderSeconds"));
        putTimers(900, 300, 86_400, 172_800).then().statusCode(422)
                .body("detail", org.hamcrest.Matchers.containsString("secondReminderSeconds"));
        given().auth().oauth2(TestJwt.admin(ADMIN, "root")).contentType(ContentType.JSON)
                .body(Map.of("firstReminderSeconds", 300)).when().put("/api/admin/timers")
                .then().statusCode(422).body("detail", org.hamcrest.Matchers.containsString("autoCloseAfterReplySeconds"));
        given().auth().oauth2(TestJwt.admin(ADMIN, "root")).contentType(ContentType.JSON)
                .body("{\"firstReminderSeconds\":\"soon\"}").when().put("/api/admin/timers")
                .then().statusCode(400);
        given().auth().oauth2(TestJwt.admin(ADMIN, "root")).when().get("/api/admin/timers").then().statusCode(200)
                .body("firstReminderSeconds", org.hamcrest.Matchers.equalTo(300));
        putTimers(0, 60, 0, 0).then().statusCode(200);
    }

    @Test
    void timersAreRowsInPostgresThatFireAfterARestart() {
        Instant t0 = clock.instant();
        UUID conversation = write("Zoe", "before the restart");
        assertEquals(3, TestDatabase.scalar("select count(*) from conversation_timer where conversation_id = ? and fired_at is null",
                conversation), "stored, not held in memory");
        // the process is down while the reminder falls due; a fresh replica (empty cache) sweeps later
        store.invalidate();
        clock.set(t0.plus(Duration.ofMinutes(7)));
        awaitCount(conversation, REMINDER_1, 1);
        sweepNow();
        assertEquals(1, systemMessages(conversation, REMINDER_1));
    }

    @Test
    void sweepsRunningAtTheSameTimeFireEachTimerOnce() throws Exception {
        Instant t0 = clock.instant();
        List<UUID> conversations = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            conversations.add(write("Crowd" + i, "hello " + i));
        }
        clock.set(t0.plus(Duration.ofMinutes(5)));
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger fired = new AtomicInteger();
        List<CompletableFuture<Void>> sweepers = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            sweepers.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                TimerFiring.Batch batch;
                do {
                    batch = contexts.run(() -> firing.fireDue(2)).await().atMost(Duration.ofSeconds(30));
                    fired.addAndGet(batch.fired());
                } while (batch.claimed() > 0);
            }));
        }
        start.countDown();
        CompletableFuture.allOf(sweepers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        for (UUID conversation : conversations) {
            awaitCount(conversation, REMINDER_1, 1);
        }
        sweepNow();
        for (UUID conversation : conversations) {
            assertEquals(1, systemMessages(conversation, REMINDER_1), "exactly once: " + conversation);
            assertEquals(1, postedEvents(conversation, REMINDER_1).size());
            assertNotNull(timers(conversation).get("REMINDER_FIRST").get("fired_at"));
        }
        assertTrue(fired.get() > 0, "the parallel sweepers did the work (the background sweep may have taken some)");
    }

    private io.restassured.response.Response putTimers(int first, int second, int unanswered, int afterReply) {
        return given().auth().oauth2(TestJwt.admin(ADMIN, "root")).contentType(ContentType.JSON)
                .body(Map.of("firstReminderSeconds", first, "secondReminderSeconds", second,
                        "autoCloseUnansweredSeconds", unanswered, "autoCloseAfterReplySeconds", afterReply))
                .when().put("/api/admin/timers");
    }

    private UUID write(String name, String text) {
        return write(TestUpdates.nextId(), name, text);
    }

    private UUID write(long userId, String name, String text) {
        return TimerFixtures.customerWrites(intake, reader, userId, name, "en", text);
    }

    private static long userOf(UUID conversation) {
        return ((Number) TestDatabase.query("select u.telegram_user_id from conversation c join customer u on u.id = c.customer_id"
                + " where c.id = ?", conversation).get(0).get("telegram_user_id")).longValue();
    }

    private void sweepNow() {
        await(() -> sweep.sweep());
    }

    private void awaitCount(UUID conversation, String key, long expected) {
        Polling.until(key + " × " + expected + " in " + conversation, WAIT, () -> {
            sweepNow();
            return systemMessages(conversation, key);
        }, n -> n == expected);
    }
}
