package io.switchboard.conversation.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.TestUpdates;
import io.switchboard.conversation.domain.UpdateOutcome;
import io.switchboard.conversation.service.CustomerMessageIntake;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every one of the 40 Telegram fixture updates through the reader and the intake, in order, on a real database: each
 * ends STORED, APPLIED or SKIPPED with a specific reason, and what it stored or changed is in the tables.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class TelegramFixturesTest {

    /** One row per fixture: the expected outcome and a part of the recorded reason (null: no reason, STORED). */
    private record Expected(UpdateOutcome outcome, String reason) {
    }

    private static final Map<String, Expected> EXPECTED = new LinkedHashMap<>();

    private static void row(String fixture, UpdateOutcome outcome, String reason) {
        EXPECTED.put(fixture, new Expected(outcome, reason));
    }

    static {
        UpdateOutcome stored = UpdateOutcome.STORED;
        UpdateOutcome applied = UpdateOutcome.APPLIED;
        UpdateOutcome skipped = UpdateOutcome.SKIPPED;
        row("01", stored, null);
        row("02", stored, null);
        row("03", stored, null); // a plain /start is the customer's first message
        row("04", stored, null);
        row("05", stored, null);
        row("06", stored, null);
        row("07", stored, null);
        row("08", stored, null);
        row("09", applied, "message edited"); // the test first stores message 1365 of chat 1111111
        row("10", stored, null);
        row("11", stored, null);
        row("12", stored, null);
        row("13", stored, null);
        row("14", stored, null);
        row("15", skipped, "group chat is not a support conversation (location)");
        row("16", stored, null);
        row("17", skipped, "supergroup chat is not a support conversation (text)");
        row("18", skipped, "message in a supergroup that is not the support group"); // topics console (H5)
        row("19", skipped, "supergroup chat is not a support conversation (forum_topic_created)");
        row("20", skipped, "message in a supergroup that is not the support group"); // topics console (H5)
        row("21", skipped, "supergroup chat is not a support conversation (forum_topic_edited)");
        row("22", skipped, "supergroup chat is not a support conversation (forum_topic_closed)");
        row("23", skipped, "supergroup chat is not a support conversation (forum_topic_reopened)");
        row("24", skipped, "supergroup chat is not a support conversation (forum_topic_closed)");
        row("25", skipped, "supergroup chat is not a support conversation (forum_topic_edited)");
        row("26", skipped, "supergroup chat is not a support conversation (general_forum_topic_hidden)");
        row("27", skipped, "callback data is not a Switchboard button (1)"); // topics console (H5)
        row("28", skipped, "callback from an inline message");
        row("29", skipped, "inline queries are not used: the bot offers no inline mode");
        row("30", applied, "the customer blocked the bot"); // the test first makes user 2000000 a customer
        row("31", skipped, "group membership is not tracked");
        row("32", skipped, "group chat is not a support conversation (new_chat_members)");
        row("33", skipped, "group membership is not tracked");
        row("34", skipped, "other members' status changes (chat_member) are not tracked");
        row("35", skipped, "group chat is not a support conversation (migrate_to_chat_id)");
        row("36", skipped, "supergroup chat is not a support conversation (migrate_from_chat_id)");
        row("37", skipped, "channel posts are not support conversations");
        row("38", skipped, "reactions in a supergroup chat are not tracked");
        row("39", skipped, "reactions in a supergroup chat are not tracked");
        row("40", skipped, "anonymous reaction counts (channels, anonymous admins) are not tracked");
    }

    @Inject
    ObjectMapper mapper;

    @Inject
    TelegramUpdateReader reader;

    @Inject
    CustomerMessageIntake intake;

    @Test
    void everyFixtureEndsStoredAppliedOrSkippedWithAReasonAndItsEffectsAreInTheDatabase() throws Exception {
        List<Path> fixtures = TelegramUpdateReaderTest.fixtures();
        assertEquals(40, fixtures.size());
        assertEquals(40, EXPECTED.size());
        // what 09 edits and whom 30 blocks: fixture 09 edits message 1365 of chat 1111111 (the official sample has no
        // original), fixture 30 comes from a user who never wrote
        long base = TestUpdates.nextId() * 100;
        accept(privateText(base - 1, 1111111, 1365, "Original text"));
        accept(TestUpdates.privateText(base - 2, 2000000, "Firstname", "hello before blocking"));

        Map<String, Long> updateIds = new LinkedHashMap<>();
        List<String> mismatches = new java.util.ArrayList<>();
        for (int i = 0; i < fixtures.size(); i++) {
            Path file = fixtures.get(i);
            String prefix = file.getFileName().toString().substring(0, 2);
            // fixtures share update ids (10000 three times): each gets its own here
            ObjectNode update = (ObjectNode) mapper.readTree(Files.readString(file, StandardCharsets.UTF_8));
            long updateId = base + i;
            update.put("update_id", updateId);
            updateIds.put(prefix, updateId);
            Expected expected = EXPECTED.get(prefix);
            UpdateOutcome outcome = accept(update.toString());
            Map<String, Object> row = TestDatabase.query("select outcome, reason from processed_update where update_id = ?",
                    updateId).get(0);
            String reason = (String) row.get("reason");
            boolean ok = expected.outcome() == outcome && expected.outcome().name().equals(row.get("outcome"))
                    && (expected.outcome() == UpdateOutcome.STORED ? reason == null
                    : reason != null && !reason.isBlank() && reason.contains(expected.reason()));
            if (!ok) {
                mismatches.add(file.getFileName() + ": expected " + expected + ", got " + outcome + " \"" + reason + "\"");
            }
        }
        assertEquals(List.of(), mismatches, "fixtures whose outcome differs from the table");

        // media: one INBOUND message whose text is the caption ("" without one) and one attachment with the metadata
        Map<String, Object> photo = attachmentOf(27433968, 3460);
        assertEquals("www.example.com", photo.get("text"));
        assertEquals("PHOTO", photo.get("kind"));
        assertEquals(1280, photo.get("width"), "the largest size");
        assertEquals(162061L, photo.get("file_size"));
        assertEquals("AgACAgQAAxkBAAINhGKvijUVSn2i3980bQIIc1fqWGNCAAJpvDEbEmaBUfuA43fR-BnlAQADAgADeQADJAQ",
                photo.get("telegram_file_id"));
        assertEquals("caption 123<b>abc</b>", attachmentOf(111111, 3).get("text"));
        Map<String, Object> document = attachmentOf(1111112, 3367);
        assertEquals("", document.get("text"));
        assertEquals("DOCUMENT", document.get("kind"));
        assertEquals("blockposter-162412.pdf", document.get("file_name"));
        assertEquals("application/pdf", document.get("mime_type"));
        assertEquals(3622849L, document.get("file_size"));
        Map<String, Object> sticker = attachmentOf(250918540, 199787);
        assertEquals("STICKER", sticker.get("kind"));
        assertEquals("😡", sticker.get("emoji"));
        Map<String, Object> voice = TestDatabase.query("""
                select a.kind, a.duration, a.mime_type from attachment a join message m on m.id = a.message_id
                 where m.telegram_chat_id = 1111111 and m.telegram_message_id = 1365""").get(0);
        assertEquals("VOICE", voice.get("kind"));
        assertEquals(5, voice.get("duration"));
        assertEquals("audio/ogg", voice.get("mime_type"));
        Map<String, Object> contact = attachmentOf(1111, 111);
        assertEquals("CONTACT", contact.get("kind"));
        assertEquals("1111", contact.get("phone_number"));
        assertNull(contact.get("contact_name"), "Telegram sent first_name null");

        // 07 quotes a message that was never stored: the quote is kept, the link is not
        Map<String, Object> quoteReply = TestDatabase.query("""
                select reply_to_text, reply_to_message_id from message where telegram_chat_id = 927266710
                 and text = 'quote reply'""").get(0);
        assertEquals("text @UserName b i s u c p #hashtag https://example.com", quoteReply.get("reply_to_text"));
        assertNull(quoteReply.get("reply_to_message_id"));

        // 09: the text changed, the previous version was kept
        Map<String, Object> edited = TestDatabase.query("""
                select m.id, m.text, m.edited_at from message m where m.telegram_chat_id = 1111111
                 and m.telegram_message_id = 1365 and m.text = 'Edited text'""").get(0);
        assertNotNull(edited.get("edited_at"));
        assertEquals(List.of("Original text"), TestDatabase.query("select text from message_version where message_id = ?",
                edited.get("id")).stream().map(r -> r.get("text")).toList());
        assertEquals(1, TestDatabase.scalar("""
                select count(*) from outbox where payload like '%"type":"message.edited"%'
                 and payload like ?""", "%" + edited.get("id") + "%"));

        // 30: the customer blocked the bot
        assertNotNull(TestDatabase.query("select bot_blocked_at from customer where telegram_user_id = 2000000").get(0)
                .get("bot_blocked_at"));
        assertTrue(TestDatabase.scalar("select count(*) from outbox where payload like '%\"type\":\"customer.updated\"%'"
                + " and payload like '%botBlockedAt\":\"20%'") >= 1);
        assertEquals(updateIds.size(), TestDatabase.scalar(
                "select count(*) from processed_update where update_id between ? and ?", base, base + 39));
    }

    private Map<String, Object> attachmentOf(long chatId, long messageId) {
        List<Map<String, Object>> rows = TestDatabase.query("""
                select m.text, m.direction, m.status, a.* from message m join attachment a on a.message_id = m.id
                 where m.telegram_chat_id = ? and m.telegram_message_id = ?""", chatId, messageId);
        assertEquals(1, rows.size(), "attachment of " + chatId + "/" + messageId);
        assertEquals("INBOUND", rows.get(0).get("direction"));
        assertEquals("RECEIVED", rows.get(0).get("status"));
        return rows.get(0);
    }

    /** A private text message with a chosen message id (chat id = user id). */
    static String privateText(long updateId, long userId, long messageId, String text) {
        return """
                {"update_id":%d,"message":{"message_id":%d,"from":{"id":%d,"is_bot":false,"first_name":"Test"},
                 "chat":{"id":%d,"first_name":"Test","type":"private"},"date":1441645000,"text":"%s"}}"""
                .formatted(updateId, messageId, userId, userId, text);
    }

    private UpdateOutcome accept(String update) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> intake.accept(TestUpdates.BOT_ID, reader.read(update)));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
