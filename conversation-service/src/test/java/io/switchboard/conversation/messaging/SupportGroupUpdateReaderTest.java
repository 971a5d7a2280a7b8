package io.switchboard.conversation.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conversation.domain.InboundUpdate;
import io.switchboard.conversation.domain.InboundUpdate.CallbackQuery;
import io.switchboard.conversation.domain.InboundUpdate.GroupMessage;
import io.switchboard.conversation.domain.InboundUpdate.Skipped;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The topics console's updates among the Bot API fixtures: topics are keyed by is_topic_message, not the thread id. */
class SupportGroupUpdateReaderTest {

    private static final Path UPDATES = Path.of("../../shared/fixtures/telegram/updates");

    private final TelegramUpdateReader reader = new TelegramUpdateReader(new ObjectMapper());

    private InboundUpdate fixture(String name) throws IOException {
        return reader.read(Files.readString(UPDATES.resolve(name)));
    }

    @Test
    void aTopicMessageNamesItsThread() throws IOException {
        GroupMessage message = assertInstanceOf(GroupMessage.class, fixture("20-forum-topic-text-from-user.json"));
        assertEquals(-1001847508954L, message.chatId());
        assertEquals(4, message.messageThreadId());
        assertEquals(5, message.messageId());
        assertEquals(1253681278L, message.sender().userId());
        assertEquals("blah", message.text());
    }

    @Test
    void aReplyThreadInANonForumGroupIsNoTopic() throws IOException {
        GroupMessage message = assertInstanceOf(GroupMessage.class, fixture("18-supergroup-bot-command-reply-nonforum-thread.json"));
        assertNull(message.messageThreadId(), "message_thread_id without is_topic_message is a reply thread");
        assertEquals("/report", message.text());
    }

    @Test
    void serviceMessagesOfTopicsAndTheGeneralTopicAreSkippedWithAReason() throws IOException {
        for (String name : new String[]{"19-forum-topic-created-by-bot.json", "21-forum-topic-edited.json",
                "22-forum-topic-closed.json", "23-forum-topic-reopened.json",
                "24-forum-general-topic-closed-no-thread-id.json", "25-forum-general-topic-renamed.json",
                "26-forum-general-topic-hidden.json"}) {
            Skipped skipped = assertInstanceOf(Skipped.class, fixture(name), name);
            assertFalse(skipped.reason().isBlank(), name);
        }
    }

    @Test
    void callbacksOnMessagesAreReadInlineOnesSkipped() throws IOException {
        CallbackQuery callback = assertInstanceOf(CallbackQuery.class, fixture("27-callback-query-with-message.json"));
        assertEquals("2442019629950976978", callback.callbackQueryId());
        assertEquals(568577002L, callback.chatId());
        assertEquals("1", callback.data());
        assertInstanceOf(Skipped.class, fixture("28-callback-query-inline-message-rtl-names.json"));
    }

    @Test
    void aPhotoInATopicIsReadAsNonTextContentAndServiceMessagesAreNot() {
        String photo = """
                {"update_id": 1, "message": {"message_id": 3, "date": 1, "caption": "/claim", "is_topic_message": true,
                 "message_thread_id": 2, "from": {"id": 9, "is_bot": false, "first_name": "A"},
                 "photo": [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}],
                 "chat": {"id": -100, "type": "supergroup", "is_forum": true}}}""";
        GroupMessage message = assertInstanceOf(GroupMessage.class, reader.read(photo));
        assertEquals("photo", message.content());
        assertNull(message.text(), "a caption is no command and no reply");
        assertEquals(2, message.messageThreadId());
        String pinned = """
                {"update_id": 1, "message": {"message_id": 3, "date": 1, "is_topic_message": true,
                 "message_thread_id": 2, "from": {"id": 9, "is_bot": false, "first_name": "A"},
                 "pinned_message": {"message_id": 1, "date": 1, "chat": {"id": -100, "type": "supergroup"}},
                 "chat": {"id": -100, "type": "supergroup", "is_forum": true}}}""";
        assertInstanceOf(Skipped.class, reader.read(pinned));
    }

    @Test
    void aPressInATopicNamesItsThread() {
        String press = """
                {"update_id": 1, "callback_query": {"id": "q", "from": {"id": 9, "is_bot": false, "first_name": "A"},
                 "chat_instance": "1", "data": "claim:x", "message": {"message_id": 7, "date": 1,
                 "message_thread_id": 5, "is_topic_message": true, "chat": {"id": -100, "type": "supergroup"}}}}""";
        assertEquals(5, assertInstanceOf(CallbackQuery.class, reader.read(press)).messageThreadId());
        assertNull(assertInstanceOf(CallbackQuery.class, reader.read(press.replace("\"is_topic_message\": true,", "")))
                .messageThreadId());
    }

    @Test
    void messagesOfBotsAndNonTextAreNotOperatorMessages() {
        String fromBot = """
                {"update_id": 1, "message": {"message_id": 3, "date": 1, "text": "hi", "is_topic_message": true,
                 "message_thread_id": 2, "from": {"id": 9, "is_bot": true, "first_name": "B"},
                 "chat": {"id": -100, "type": "supergroup", "is_forum": true}}}""";
        assertInstanceOf(Skipped.class, reader.read(fromBot));
    }
}
