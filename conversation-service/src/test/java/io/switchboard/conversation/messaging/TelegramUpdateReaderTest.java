package io.switchboard.conversation.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conversation.domain.InboundUpdate;
import io.switchboard.conversation.domain.InboundUpdate.CustomerText;
import io.switchboard.conversation.domain.InboundUpdate.Skipped;
import io.switchboard.conversation.domain.InboundUpdate.Unreadable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TelegramUpdateReaderTest {

    static final Path UPDATES = Path.of("../../shared/fixtures/telegram/updates");

    private final ObjectMapper mapper = new ObjectMapper();
    private final TelegramUpdateReader reader = new TelegramUpdateReader(mapper);

    static List<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(UPDATES)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void privateTextMessagesAreCustomerTextAndEverythingElseIsSkipped() throws IOException {
        List<Path> fixtures = fixtures();
        assertTrue(fixtures.size() >= 40, "fixtures found: " + fixtures.size());
        int texts = 0;
        for (Path file : fixtures) {
            String json = Files.readString(file, StandardCharsets.UTF_8);
            JsonNode update = mapper.readTree(json);
            JsonNode message = update.path("message");
            boolean privateText = "private".equals(message.path("chat").path("type").asText())
                    && message.path("text").isTextual();
            InboundUpdate read = reader.read(json);
            if (privateText) {
                texts++;
                CustomerText text = assertInstanceOf(CustomerText.class, read, file.toString());
                assertEquals(update.get("update_id").longValue(), text.updateId());
                assertEquals(message.path("text").textValue(), text.text(), file.toString());
                assertEquals(message.path("chat").path("id").longValue(), text.chatId());
                assertEquals(message.path("message_id").longValue(), text.messageId());
                assertEquals(message.path("from").path("id").longValue(), text.sender().userId());
            } else {
                Skipped skipped = assertInstanceOf(Skipped.class, read, file.toString());
                assertEquals(update.get("update_id").longValue(), skipped.updateId());
                assertFalse(skipped.reason().isBlank());
            }
        }
        assertEquals(8, texts, "fixtures 01-08 are the private text messages");
    }

    @Test
    void skipReasonsNameWhatWasSkipped() throws IOException {
        assertEquals("edited_message", skipped("09-edited-message-official.json").kind());
        assertTrue(skipped("13-private-sticker-animated.json").reason().contains("sticker"));
        assertTrue(skipped("15-group-location-live.json").reason().contains("group"));
        assertTrue(skipped("17-supergroup-forward-origin-chat-anonymous-admin.json").reason().contains("supergroup"));
        assertEquals("callback_query", skipped("27-callback-query-with-message.json").kind());
        assertEquals("my_chat_member", skipped("30-my-chat-member-private-blocked.json").kind());
        assertEquals("channel_post", skipped("37-channel-post-pinned-message.json").kind());
    }

    @Test
    void senderProfileIsRead() throws IOException {
        CustomerText text = (CustomerText) reader.read(Files.readString(UPDATES.resolve("01-private-text-language-code.json")));
        assertEquals("Anton", text.sender().firstName());
        assertEquals("Titowets", text.sender().lastName());
        assertEquals("JKIee", text.sender().username());
        assertEquals("ru", text.sender().languageCode());
        assertEquals("Anton Titowets", text.sender().displayName());
    }

    @Test
    void valuesWithoutUpdateIdAreUnreadable() {
        assertInstanceOf(Unreadable.class, reader.read(null));
        assertInstanceOf(Unreadable.class, reader.read(""));
        assertInstanceOf(Unreadable.class, reader.read("{not json"));
        assertInstanceOf(Unreadable.class, reader.read("[1,2]"));
        assertInstanceOf(Unreadable.class, reader.read("{\"message\":{}}"));
        assertInstanceOf(Unreadable.class, reader.read("{\"update_id\":\"12\"}"));
    }

    @Test
    void oddUpdatesWithAnIdAreSkipped() {
        assertInstanceOf(Skipped.class, reader.read("{\"update_id\":12}"));
        assertInstanceOf(Skipped.class, reader.read("{\"update_id\":13,\"message\":{\"chat\":{\"type\":\"private\",\"id\":1},\"text\":5}}"));
        assertInstanceOf(Skipped.class, reader.read("{\"update_id\":14,\"message\":{\"chat\":{\"type\":\"private\",\"id\":1},\"text\":\"hi\"}}"));
        assertInstanceOf(Skipped.class, reader.read("{\"update_id\":15,\"message\":{\"message_id\":1,\"chat\":{\"type\":\"private\",\"id\":1},"
                + "\"from\":{\"id\":1,\"is_bot\":true,\"first_name\":\"b\"},\"text\":\"hi\"}}"));
    }

    private Skipped skipped(String fixture) throws IOException {
        return assertInstanceOf(Skipped.class, reader.read(Files.readString(UPDATES.resolve(fixture))));
    }
}
