package io.switchboard.widget.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class WidgetContractJsonTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void messagePostedRoundTripsWithTypeFirstAndTextByteExact() throws Exception {
        String text = "<script>alert(1)</script> & 5 > 3 — 👩🏽‍💻 سلام\nline two";
        WidgetMessagePosted posted = new WidgetMessagePosted(UUID.randomUUID(), 1,
                Instant.parse("2026-11-21T10:00:00.123456Z"), UUID.randomUUID(), UUID.randomUUID(), "c-0123456789_ab",
                text);
        String wire = json.writeValueAsString(posted);
        JsonNode tree = json.readTree(wire);
        List<String> fields = new ArrayList<>();
        tree.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("type", "eventId", "version", "occurredAt", "conversationId", "customerId",
                "clientMessageId", "text"), fields);
        assertEquals("widget.message_posted", tree.get("type").asText());
        assertEquals("2026-11-21T10:00:00.123456Z", tree.get("occurredAt").asText());
        assertEquals(posted.conversationId().toString(), tree.get("conversationId").asText());
        WidgetCommand back = json.readValue(wire, WidgetCommand.class);
        assertEquals(posted, back);
        assertEquals(text, ((WidgetMessagePosted) back).text());
    }

    @Test
    void versionDefaultsToOneAndUnknownPropertiesAreIgnored() throws Exception {
        String wire = """
                {"type":"widget.message_posted","eventId":"%s","occurredAt":"2026-11-21T10:00:00Z",
                 "conversationId":"%s","customerId":"%s","clientMessageId":"abcdefgh","text":"hi","addedLater":42}
                """.formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        WidgetCommand back = json.readValue(wire, WidgetCommand.class);
        assertInstanceOf(WidgetMessagePosted.class, back);
        assertEquals(1, back.version());
        assertEquals("widget.messages", Topics.WIDGET_MESSAGES);
        assertEquals(1, WidgetMessagePosted.of(UUID.randomUUID(), UUID.randomUUID(), "abcdefgh", "x").version());
    }
}
