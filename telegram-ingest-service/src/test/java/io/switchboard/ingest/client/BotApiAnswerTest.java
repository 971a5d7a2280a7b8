package io.switchboard.ingest.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ingest.domain.InboundUpdate;
import io.switchboard.ingest.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BotApiAnswerTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void cutsEveryUpdateOutOfAGetUpdatesAnswerVerbatim() throws Exception {
        String answer = Fixtures.response("04-getUpdates-forum-lifecycle-batch.json");
        JsonNode expected = json.readTree(answer).get("result");

        List<InboundUpdate> updates = BotApiAnswer.parse(200, answer);

        assertEquals(expected.size(), updates.size());
        for (int i = 0; i < updates.size(); i++) {
            InboundUpdate update = updates.get(i);
            String raw = new String(update.body(), StandardCharsets.UTF_8);
            assertTrue(answer.contains(raw), "update " + i + " is a verbatim slice of the answer");
            assertTrue(raw.startsWith("{") && raw.endsWith("}"));
            assertEquals(expected.get(i), json.readTree(raw));
            assertEquals(291366000L + i, update.updateId());
        }
        assertEquals("-1001893407333", updates.get(0).chatKey());
        assertEquals("-1001971186208", updates.get(1).chatKey());
    }

    @Test
    void keepsEscapesAndWhitespaceAsSent() throws Exception {
        String answer = "{\"result\" : [ {\"update_id\":7,  \"message\":{\"chat\":{\"id\":5},\"text\":\"\\u0041 \\\"q\\\" }]\"}} ,"
                + "{\"update_id\":8}],\"ok\":true}";
        List<InboundUpdate> updates = BotApiAnswer.parse(200, answer);
        assertEquals(List.of("{\"update_id\":7,  \"message\":{\"chat\":{\"id\":5},\"text\":\"\\u0041 \\\"q\\\" }]\"}}",
                        "{\"update_id\":8}"),
                updates.stream().map(u -> new String(u.body(), StandardCharsets.UTF_8)).toList());
    }

    @Test
    void anEmptyResultIsNoUpdates() throws Exception {
        assertEquals(List.of(), BotApiAnswer.parse(200, "{\"ok\":true,\"result\":[]}"));
    }

    @Test
    void conflictIsAnError409() {
        BotApiException e = assertThrows(BotApiException.class,
                () -> BotApiAnswer.parse(409, Fixtures.response("08-error-409-conflict-getupdates.json")));
        assertEquals(409, e.errorCode());
        assertTrue(e.description().startsWith("Conflict: terminated by other getUpdates request"));
    }

    @Test
    void floodControlCarriesRetryAfter() {
        BotApiException e = assertThrows(BotApiException.class,
                () -> BotApiAnswer.parse(429, Fixtures.response("05-error-429-retry-after.json")));
        assertEquals(429, e.errorCode());
        assertEquals(Duration.ofSeconds(2282), e.retryAfter().orElseThrow());
    }

    @Test
    void aBodyThatIsNotABotApiAnswerIsAnErrorWithTheHttpStatus() {
        BotApiException e = assertThrows(BotApiException.class,
                () -> BotApiAnswer.parse(502, "<html>Bad Gateway</html>"));
        assertEquals(502, e.errorCode());
        assertThrows(BotApiException.class, () -> BotApiAnswer.parse(200, "{\"result\":[]}"));
    }

    @Test
    void requireOkAcceptsAnyOkAnswer() throws Exception {
        BotApiAnswer.requireOk(200, Fixtures.response("10-setWebhook-ok.json"));
        BotApiException e = assertThrows(BotApiException.class,
                () -> BotApiAnswer.requireOk(403, Fixtures.response("07-error-403-bot-blocked.json")));
        assertEquals("Forbidden: bot was blocked by the user", e.description());
    }

    @Test
    void parsesTheApiUrl() {
        assertEquals(new BotApiEndpoint("https", "api.telegram.org", 443), BotApiEndpoint.parse("https://api.telegram.org"));
        assertEquals(new BotApiEndpoint("http", "127.0.0.1", 8089), BotApiEndpoint.parse("http://127.0.0.1:8089/"));
        assertEquals("http://127.0.0.1:8089/bot1:T/getUpdates",
                BotApiEndpoint.parse("http://127.0.0.1:8089").methodUrl("1:T", "getUpdates"));
        assertThrows(IllegalArgumentException.class, () -> BotApiEndpoint.parse("ftp://x"));
        assertThrows(IllegalArgumentException.class, () -> BotApiEndpoint.parse("https://x/api"));
    }
}
