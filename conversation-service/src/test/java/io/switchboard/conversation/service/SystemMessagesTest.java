package io.switchboard.conversation.service;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.TestUpdates;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.messaging.TelegramUpdateReader;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.scheduler.TimerFixtures;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.MutableClock;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.switchboard.conversation.scheduler.TimerFixtures.postedEvents;
import static io.switchboard.conversation.scheduler.TimerFixtures.systemMessages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * System messages from the templates, inside a caller's transaction: the customer's locale, placeholders, the
 * audience (operator-facing ones never reach the customer), the delivery flags, the rate limit, the closing message.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class SystemMessagesTest {

    private static final String RU_WELCOME = "Здравствуйте, Мила! Спасибо, что написали нам. Оператор скоро ответит здесь.";

    @Inject
    CustomerMessageIntake intake;
    @Inject
    TelegramUpdateReader reader;
    @Inject
    SystemMessages systemMessages;
    @Inject
    ConversationRepository conversations;
    @Inject
    TimerSettingsStore store;

    MutableClock clock;
    List<Map<String, Object>> savedTemplates;

    @BeforeEach
    void setUp() {
        clock = TimerFixtures.installClock(store);
        savedTemplates = TestDatabase.query("select * from system_message_template");
    }

    @AfterEach
    void restoreTemplates() {
        for (Map<String, Object> t : savedTemplates) {
            TestDatabase.update("""
                            update system_message_template set texts = cast(? as jsonb), widget_banner = ?, transcript_bubble = ?,
                                   telegram = ?, pin = ?, rate_limit_seconds = ? where key = ?""",
                    t.get("texts").toString(), t.get("widget_banner"), t.get("transcript_bubble"), t.get("telegram"),
                    t.get("pin"), t.get("rate_limit_seconds"), t.get("key"));
        }
    }

    @Test
    void theCustomersLocaleIsUsedWithPlaceholdersFilledAndTheMessageGoesToTheirTelegram() {
        long user = TestUpdates.nextId();
        UUID conversation = TimerFixtures.customerWrites(intake, reader, user, "Мила", "ru-RU", "Привет");
        // the intake greets a new conversation (lifecycle) through SystemMessages
        Map<String, Object> welcome = TestDatabase.query(
                "select id, direction, status, text from message where conversation_id = ? and system_key = 'welcome_message'",
                conversation).get(0);
        assertEquals(RU_WELCOME, welcome.get("text"));
        assertEquals("OUTBOUND", welcome.get("direction"));
        assertEquals("PENDING", welcome.get("status"));
        List<Map<String, Object>> commands = TestDatabase.query(
                "select message_key, payload from outbox where topic = 'telegram.commands' and payload like ?", "%" + welcome.get("id") + "%");
        assertEquals(1, commands.size());
        assertEquals(Long.toString(user), commands.get(0).get("message_key"));
        assertTrue(((String) commands.get(0).get("payload")).contains(RU_WELCOME));

        Message reopened = post(conversation, "conversation_reopened", Map.of());
        assertTrue(reopened.text.startsWith("С возвращением, Мила!"), reopened.text);
        String event = postedEvents(conversation, "conversation_reopened").get(0);
        assertTrue(event.contains("\"audience\":\"customer\"") && event.contains("\"widgetBanner\":false")
                && event.contains("\"telegram\":true") && event.contains(reopened.id.toString()), event);

        UUID fa = TimerFixtures.customerWrites(intake, reader, TestUpdates.nextId(), "Dara", "fa", "سلام");
        assertTrue(((String) TestDatabase.query("select text from message where conversation_id = ? and system_key = 'welcome_message'",
                fa).get(0).get("text")).startsWith("سلام Dara!"));
        UUID de = TimerFixtures.customerWrites(intake, reader, TestUpdates.nextId(), "Jörg", "de-AT", "Hallo");
        assertEquals("Hello Jörg! Thanks for writing to us. An agent will reply here shortly.",
                TestDatabase.query("select text from message where conversation_id = ? and system_key = 'welcome_message'",
                        de).get(0).get("text"), "fallback en");
    }

    @Test
    void theRateLimitHoldsATemplateBackPerConversation() {
        UUID conversation = write("Rhea");
        UUID other = write("Olaf");
        Instant t0 = clock.instant();
        assertNotNull(post(conversation, "conversation_reopened", Map.of()));
        assertNull(post(conversation, "conversation_reopened", Map.of()), "within 60 s");
        assertNotNull(post(other, "conversation_reopened", Map.of()), "per conversation");
        clock.set(t0.plusSeconds(59));
        assertNull(post(conversation, "conversation_reopened", Map.of()));
        clock.set(t0.plusSeconds(60));
        assertNotNull(post(conversation, "conversation_reopened", Map.of()));
        assertEquals(2, systemMessages(conversation, "conversation_reopened"));
        assertEquals(2, postedEvents(conversation, "conversation_reopened").size(), "a held-back message emits nothing");

        TestDatabase.update("update system_message_template set rate_limit_seconds = 0 where key = 'conversation_reopened'");
        assertNotNull(post(conversation, "conversation_reopened", Map.of()));
        assertNotNull(post(conversation, "conversation_reopened", Map.of()));
        assertEquals(4, systemMessages(conversation, "conversation_reopened"));
    }

    @Test
    void operatorFacingTemplatesNeverReachTheCustomerWhateverTheirFlags() {
        UUID conversation = write("Ivo");
        TestDatabase.update("update system_message_template set telegram = true, widget_banner = true, pin = true"
                + " where key = 'unclaimed_reminder_5m'");
        long commandsBefore = TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and message_key = ?",
                Long.toString(chatOf(conversation)));
        Message reminder = post(conversation, "unclaimed_reminder_5m", Map.of());
        assertEquals("RECORDED", reminder.status.name());
        assertTrue(reminder.text.contains("Ivo") && reminder.text.contains(codenameOf(conversation)), reminder.text);
        assertEquals(commandsBefore, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands'"
                + " and message_key = ?", Long.toString(chatOf(conversation))));
        String event = postedEvents(conversation, "unclaimed_reminder_5m").get(0);
        assertTrue(event.contains("\"audience\":\"operators\"") && event.contains("\"widgetBanner\":false")
                && event.contains("\"pin\":true"), event);
    }

    @Test
    void theFlagsDecideBubbleBannerAndTelegram() {
        UUID conversation = write("Flo");
        // waiting_for_agent by default: banner and bubble, not Telegram
        TestDatabase.update("update system_message_template set rate_limit_seconds = 0 where key = 'waiting_for_agent'");
        Message waiting = post(conversation, "waiting_for_agent", Map.of());
        assertEquals("RECORDED", waiting.status.name());
        assertEquals(0, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%" + waiting.id + "%"));
        assertTrue(postedEvents(conversation, "waiting_for_agent").stream().anyMatch(e -> e.contains("\"widgetBanner\":true")));

        // no bubble, still sent: the event carries no message
        TestDatabase.update("update system_message_template set transcript_bubble = false, telegram = true where key = 'closed_history_note'");
        assertNull(post(conversation, "closed_history_note", Map.of()));
        assertEquals(0, systemMessages(conversation, "closed_history_note"));
        String event = postedEvents(conversation, "closed_history_note").get(0);
        assertTrue(event.contains("\"message\":null"), event);
        assertEquals(1, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%This conversation was closed.%"));

        // an empty text posts nothing at all
        TestDatabase.update("update system_message_template set texts = '{\"en\":\"\",\"ru\":\"x\"}' where key = 'closed_history_note'");
        assertNull(post(conversation, "closed_history_note", Map.of()));
        assertEquals(1, postedEvents(conversation, "closed_history_note").size());

        // extra vars fill placeholders
        TestDatabase.update("update system_message_template set texts = '{\"en\":\"{operatorName} closed {codename} {ticket}\"}'"
                + " where key = 'closed_history_note'");
        assertNull(post(conversation, "closed_history_note", Map.of("operatorName", "Olga", "ticket", "#42")));
        assertTrue(postedEvents(conversation, "closed_history_note").get(1).contains("Olga closed " + codenameOf(conversation) + " #42"));

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> unwrap(() -> post(conversation, "no_such_template", Map.of())));
        assertTrue(unknown.getMessage().contains("no_such_template"));
    }

    @Test
    void theClosingMessageIsTheOperatorsTextOrTheTemplateStoredAsTheirOutboundMessage() {
        UUID conversation = write("Cleo");
        Actor olga = new Actor(UUID.randomUUID(), "Olga", false);
        String text = "Bye <b>Cleo</b> & 👋 — خداحافظ";
        Message closing = TimerFixtures.inTransaction(() -> conversations.findById(conversation)
                .chain(c -> systemMessages.postClosingMessage(c, olga, text, clock.instant())));
        assertEquals(text, closing.text);
        assertEquals("OUTBOUND", closing.direction.name());
        assertEquals("PENDING", closing.status.name());
        assertEquals("closing_message", closing.systemKey);
        assertEquals(olga.id(), closing.operatorId);
        assertEquals("Olga", closing.operatorName);
        assertEquals(closing.id, TestDatabase.query("select last_message_id from conversation where id = ?", conversation)
                .get(0).get("last_message_id"), "the conversation's latest message");
        assertEquals(1, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%" + closing.id + "%"));

        TestDatabase.update("update system_message_template set texts = '{\"en\":\"{operatorName} says bye, {customerName}\"}'"
                + " where key = 'closing_message'");
        Message fromTemplate = TimerFixtures.inTransaction(() -> conversations.findById(conversation)
                .chain(c -> systemMessages.postClosingMessage(c, olga, null, clock.instant())));
        assertEquals("Olga says bye, Cleo", fromTemplate.text);
        Message bySystem = TimerFixtures.inTransaction(() -> conversations.findById(conversation)
                .chain(c -> systemMessages.postClosingMessage(c, null, "  ", clock.instant())));
        assertEquals(" says bye, Cleo", bySystem.text);
        assertNull(bySystem.operatorId);
        assertEquals(3, systemMessages(conversation, "closing_message"), "never rate-limited");

        TestDatabase.update("update system_message_template set telegram = false, texts = '{\"en\":\"\"}' where key = 'closing_message'");
        assertNull(TimerFixtures.inTransaction(() -> conversations.findById(conversation)
                .chain(c -> systemMessages.postClosingMessage(c, olga, null, clock.instant()))), "no text, nothing stored");
        Message recorded = TimerFixtures.inTransaction(() -> conversations.findById(conversation)
                .chain(c -> systemMessages.postClosingMessage(c, olga, "kept, not sent", clock.instant())));
        assertEquals("RECORDED", recorded.status.name());
    }

    @Test
    void aRolledBackActionLeavesNoSystemMessage() {
        UUID conversation = write("Roll");
        long before = systemMessages(conversation, "conversation_reopened");
        assertThrows(IllegalStateException.class, () -> unwrap(() -> TimerFixtures.inTransaction(() -> conversations.findById(conversation)
                .chain(c -> systemMessages.post(c, "conversation_reopened", Map.of(), clock.instant()))
                .chain(m -> io.smallrye.mutiny.Uni.createFrom().failure(new IllegalStateException("the action failed"))))));
        assertEquals(before, systemMessages(conversation, "conversation_reopened"));
        assertEquals(0, postedEvents(conversation, "conversation_reopened").size());
        assertNotNull(post(conversation, "conversation_reopened", Map.of()), "nor a rate-limit record");
    }

    private Message post(UUID conversation, String key, Map<String, String> vars) {
        return TimerFixtures.inTransaction(() -> conversations.findById(conversation)
                .chain(c -> systemMessages.post(c, key, vars, clock.instant())));
    }

    private UUID write(String name) {
        return TimerFixtures.customerWrites(intake, reader, TestUpdates.nextId(), name, "en", "hi");
    }

    private static long chatOf(UUID conversation) {
        return ((Number) TestDatabase.query("select telegram_chat_id from conversation where id = ?", conversation)
                .get(0).get("telegram_chat_id")).longValue();
    }

    private static String codenameOf(UUID conversation) {
        return (String) TestDatabase.query("select codename from conversation where id = ?", conversation).get(0).get("codename");
    }

    /** Runs {@code call}, rethrowing the cause of the AssertionError the fixtures wrap failures in. */
    private static void unwrap(Runnable call) {
        try {
            call.run();
        } catch (AssertionError e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
