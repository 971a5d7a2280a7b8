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
    void privateMessagesAreCustomerTextEditsBlocksAndReactionsAreReadAndEverythingElseIsSkipped() throws IOException {
        List<Path> fixtures = fixtures();
        assertTrue(fixtures.size() >= 40, "fixtures found: " + fixtures.size());
        java.util.Set<String> customerTexts = java.util.Set.of("01", "02", "03", "04", "05", "06", "07", "08", "10",
                "11", "12", "13", "14", "16");
        int texts = 0;
        for (Path file : fixtures) {
            String prefix = file.getFileName().toString().substring(0, 2);
            String json = Files.readString(file, StandardCharsets.UTF_8);
            JsonNode update = mapper.readTree(json);
            JsonNode message = update.path("message");
            InboundUpdate read = reader.read(json);
            assertEquals(update.get("update_id").longValue(), read.updateId(), file.toString());
            if (customerTexts.contains(prefix)) {
                texts++;
                CustomerText text = assertInstanceOf(CustomerText.class, read, file.toString());
                String expected = message.path("text").isTextual() ? message.path("text").textValue()
                        : message.path("caption").asText("");
                assertEquals(expected, text.text(), file.toString());
                assertEquals(message.path("chat").path("id").longValue(), text.chatId());
                assertEquals(message.path("message_id").longValue(), text.messageId());
                assertEquals(message.path("from").path("id").longValue(), text.sender().userId());
                assertEquals(message.path("text").isTextual(), text.media() == null, file.toString());
            } else if ("09".equals(prefix)) {
                assertEquals("Edited text", assertInstanceOf(InboundUpdate.CustomerEdit.class, read).text());
            } else if ("30".equals(prefix)) {
                assertTrue(assertInstanceOf(InboundUpdate.BotMembership.class, read).blocked());
            } else if (read instanceof Skipped skipped) {
                assertFalse(skipped.reason().isBlank());
            }
        }
        assertEquals(14, texts);
    }

    @Test
    void mediaRepliesReactionsAndDeepLinksAreRead() throws IOException {
        CustomerText photo = (CustomerText) reader.read(Files.readString(UPDATES.resolve("10-private-photo-caption-url-entity.json")));
        assertEquals("PHOTO", photo.media().kind());
        assertEquals(1280, photo.media().width());
        assertEquals(162061L, photo.media().fileSize());
        assertEquals("www.example.com", photo.text());
        CustomerText contact = (CustomerText) reader.read(Files.readString(UPDATES.resolve("16-private-contact-redacted.json")));
        assertEquals("CONTACT", contact.media().kind());
        assertEquals("1111", contact.media().phoneNumber());
        assertEquals("", contact.text());
        CustomerText reply = (CustomerText) reader.read(Files.readString(UPDATES.resolve("07-private-reply-with-quote-many-entities.json")));
        assertEquals(1374510L, reply.replyToTelegramMessageId());
        assertEquals("text @UserName b i s u c p #hashtag https://example.com", reply.replyToText());
        InboundUpdate.CustomerReaction reaction = assertInstanceOf(InboundUpdate.CustomerReaction.class, reader.read("""
                {"update_id":5,"message_reaction":{"chat":{"id":7,"type":"private"},"message_id":9,
                 "user":{"id":7,"is_bot":false,"first_name":"A"},"date":1721306082,"old_reaction":[],
                 "new_reaction":[{"type":"emoji","emoji":"👍"},{"type":"custom_emoji","custom_emoji_id":"5456"}]}}"""));
        assertEquals(List.of("👍", "5456"), reaction.newReaction());
        assertEquals(7L, reaction.userId());
        String payload = "w" + "a".repeat(40);
        InboundUpdate.DeepLinkStart start = assertInstanceOf(InboundUpdate.DeepLinkStart.class, reader.read("""
                {"update_id":6,"message":{"message_id":1,"chat":{"type":"private","id":1},
                 "from":{"id":1,"is_bot":false,"first_name":"b"},"text":"/start %s"}}""".formatted(payload)));
        assertEquals(payload, start.payload());
        assertInstanceOf(CustomerText.class, reader.read("""
                {"update_id":7,"message":{"message_id":1,"chat":{"type":"private","id":1},
                 "from":{"id":1,"is_bot":false,"first_name":"b"},"text":"/start"}}"""));
    }

    @Test
    void skipReasonsNameWhatWasSkipped() throws IOException {
        assertTrue(skipped("15-group-location-live.json").reason().contains("group"));
        assertTrue(skipped("17-supergroup-forward-origin-chat-anonymous-admin.json").reason().contains("supergroup"));
        assertEquals("inline_query", skipped("29-inline-query-official.json").kind());
        assertEquals("channel_post", skipped("37-channel-post-pinned-message.json").kind());
        assertTrue(skipped("40-message-reaction-count-channel.json").reason().contains("not tracked"));
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
