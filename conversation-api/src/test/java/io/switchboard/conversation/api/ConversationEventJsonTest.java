package io.switchboard.conversation.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ConversationEventJsonTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void everyEventSurvivesARoundTripWithItsDottedType() throws Exception {
        UUID conversation = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-21T10:00:00.123456Z");
        CustomerSummary customer = new CustomerSummary(UUID.randomUUID(), "Ana Díaz", "ana");
        MessageSnapshot message = new MessageSnapshot(UUID.randomUUID(), "INBOUND", "Hi <b>&amp; 👋 שלום", "RECEIVED", at);
        List<ConversationEvent> events = List.of(
                new ConversationOpened(UUID.randomUUID(), 1, at, conversation, "Blue Lion #84C2", "OPEN_UNCLAIMED", customer),
                new MessageReceived(UUID.randomUUID(), 1, at, conversation, customer, message),
                new MessageQueued(UUID.randomUUID(), 1, at, conversation, UUID.randomUUID(), message),
                new MessageSent(UUID.randomUUID(), 1, at, conversation, message.id(), "SENT"),
                new MessageFailed(UUID.randomUUID(), 1, at, conversation, message.id(), "FAILED", "Forbidden: bot was blocked by the user"));

        for (ConversationEvent event : events) {
            String wire = json.writeValueAsString(event);
            JsonNode tree = json.readTree(wire);
            assertEquals(event.type(), tree.get("type").asText());
            assertEquals(conversation.toString(), tree.get("conversationId").asText());
            assertEquals("2026-11-21T10:00:00.123456Z", tree.get("occurredAt").asText());
            ConversationEvent back = json.readValue(wire, ConversationEvent.class);
            assertEquals(event, back);
        }
    }

    @Test
    void typesAreDottedAndDistinct() {
        assertEquals("conversation.opened", ConversationOpened.TYPE);
        assertEquals("message.received", MessageReceived.TYPE);
        assertEquals(5, java.util.Set.of(ConversationOpened.TYPE, MessageReceived.TYPE, MessageQueued.TYPE,
                MessageSent.TYPE, MessageFailed.TYPE).size());
    }

    @Test
    void unknownPropertiesFromANewerProducerAreIgnored() throws Exception {
        String wire = """
                {"type":"message.sent","eventId":"%s","version":1,"occurredAt":"2026-11-21T10:00:00Z",
                 "conversationId":"%s","messageId":"%s","status":"SENT","addedLater":42}
                """.formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        assertInstanceOf(MessageSent.class, json.readValue(wire, ConversationEvent.class));
    }
}
