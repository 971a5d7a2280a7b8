package io.switchboard.telegram.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TelegramContractJsonTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void sendMessageKeepsTextByteExactThroughJson() throws Exception {
        String text = "<b>not bold</b> & 5 > 3 — 👩🏽‍💻 مرحبا\nline two";
        SendMessage command = SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), 7_000_000_000L, text);
        String wire = json.writeValueAsString(command);
        assertTrue(wire.contains("\"type\":\"send_message\""), wire);
        TelegramCommand back = json.readValue(wire, TelegramCommand.class);
        assertEquals(command, back);
        assertEquals(text, ((SendMessage) back).text());
    }

    @Test
    void resultsRoundTrip() throws Exception {
        SendMessage command = SendMessage.of(UUID.randomUUID(), UUID.randomUUID(), 42L, "hi");
        List<TelegramResult> results = List.of(
                MessageDelivered.of(command, List.of(101L, 102L)),
                MessageDeliveryFailed.of(command, 403, "Forbidden: bot was blocked by the user"));
        for (TelegramResult result : results) {
            String wire = json.writeValueAsString(result);
            assertEquals(result, json.readValue(wire, TelegramResult.class));
            assertEquals(command.commandId(), result.commandId());
        }
    }
}
