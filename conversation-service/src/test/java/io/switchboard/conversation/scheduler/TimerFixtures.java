package io.switchboard.conversation.scheduler;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.vertx.VertxContextSupport;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.TestUpdates;
import io.switchboard.conversation.messaging.TelegramUpdateReader;
import io.switchboard.conversation.service.CustomerMessageIntake;
import io.switchboard.conversation.service.TimerSettingsStore;
import io.switchboard.testing.MutableClock;
import io.smallrye.mutiny.Uni;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** Helpers of the timer and system-message tests: a controllable clock, customers writing, rows to count. */
public final class TimerFixtures {

    /** The default thresholds as stored JSON. */
    public static final String DEFAULT_TIMERS = "{\"firstReminderSeconds\":300,\"secondReminderSeconds\":900,"
            + "\"autoCloseUnansweredSeconds\":86400,\"autoCloseAfterReplySeconds\":172800}";

    private TimerFixtures() {
    }

    /**
     * Replaces the service's Clock with a {@link MutableClock} at the current time (for this test only: QuarkusMock
     * clears it afterwards), and resets the thresholds to the defaults.
     */
    public static MutableClock installClock(TimerSettingsStore store) {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
        QuarkusMock.installMockForType(clock, Clock.class);
        TestDatabase.update("update setting set value = cast(? as jsonb) where key = 'timers'", DEFAULT_TIMERS);
        store.invalidate();
        return clock;
    }

    /** A new customer writes {@code text} (language {@code languageCode}); returns their open conversation's id. */
    public static UUID customerWrites(CustomerMessageIntake intake, TelegramUpdateReader reader, long userId, String name,
                                      String languageCode, String text) {
        String update = TestUpdates.privateText(TestUpdates.nextId(), userId, name, text)
                .replace("\"language_code\":\"en\"", "\"language_code\":\"" + languageCode + "\"");
        await(() -> intake.accept(TestUpdates.BOT_ID, reader.read(update)));
        return (UUID) TestDatabase.query("""
                select c.id from conversation c join customer u on u.id = c.customer_id
                where u.telegram_user_id = ? order by c.created_at desc limit 1""", userId).get(0).get("id");
    }

    /** Runs {@code work} on a Vert.x context and waits for it. */
    public static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code work} in a transaction on a Vert.x context and waits for it. */
    public static <T> T inTransaction(Supplier<Uni<T>> work) {
        return await(() -> Panache.withTransaction(work));
    }

    /** Stored system messages of one template in a conversation. */
    public static long systemMessages(UUID conversation, String key) {
        return TestDatabase.scalar("select count(*) from message where conversation_id = ? and system_key = ?", conversation, key);
    }

    /** {@code system_message.posted} events of one template queued for a conversation. */
    public static List<String> postedEvents(UUID conversation, String key) {
        return TestDatabase.query("""
                        select payload from outbox where topic = 'conversation.events' and message_key = ?
                          and payload like '%"system_message.posted"%' and payload like ? order by id""",
                        conversation.toString(), "%\"key\":\"" + key + "\"%")
                .stream().map(row -> (String) row.get("payload")).toList();
    }

    /** The conversation's status. */
    public static String status(UUID conversation) {
        return (String) TestDatabase.query("select status from conversation where id = ?", conversation).get(0).get("status");
    }

    /** kind → {due_at, fired_at, anchor_at, threshold} of the conversation's timer rows. */
    public static Map<String, Map<String, Object>> timers(UUID conversation) {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        for (Map<String, Object> row : TestDatabase.query(
                "select kind, due_at, fired_at, anchor_at, threshold from conversation_timer where conversation_id = ?", conversation)) {
            Map<String, Object> values = new HashMap<>(row);
            values.replaceAll((k, v) -> v instanceof Timestamp || v instanceof OffsetDateTime ? instant(v) : v);
            rows.put((String) row.get("kind"), values);
        }
        return rows;
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : ((OffsetDateTime) value).toInstant();
    }
}
