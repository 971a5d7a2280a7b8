package io.switchboard.ingest.domain;

import io.switchboard.ingest.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InboundUpdateTest {

    @Test
    void everyFixtureParsesWithItsChatKeyAndUnchangedBytes() {
        assertFalse(Fixtures.updates().isEmpty());
        for (Path file : Fixtures.updates()) {
            byte[] body = Fixtures.bytes(file);
            InboundUpdate update = InboundUpdate.parse(body);
            assertEquals(Fixtures.expectedKey(file), update.chatKey(), file.toString());
            assertArrayEquals(body, update.body(), file.toString());
        }
    }

    @Test
    void readsTheUpdateIdWhereverItIs() {
        assertEquals(9007199254740993L,
                InboundUpdate.parse("{\"message\":{\"chat\":{\"id\":5}},\"update_id\":9007199254740993}").updateId());
    }

    @Test
    void keysAnUpdateWithoutChatBySenderAndWithNeitherAsZero() {
        assertEquals("77", InboundUpdate.parse("{\"update_id\":1,\"poll_answer\":{\"poll_id\":\"p\",\"user\":{\"id\":77}}}").chatKey());
        assertEquals("-100", InboundUpdate.parse(
                "{\"update_id\":1,\"poll_answer\":{\"poll_id\":\"p\",\"voter_chat\":{\"id\":-100}}}").chatKey());
        assertEquals("0", InboundUpdate.parse("{\"update_id\":1,\"poll\":{\"id\":\"p\",\"question\":\"?\"}}").chatKey());
        assertEquals("0", InboundUpdate.parse("{\"update_id\":1}").chatKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "[]", "[{\"update_id\":1}]", "42", "\"update\"", "null", "{}",
            "{\"update_id\":\"1\"}", "{\"update_id\":1.5}", "{\"update_id\":null}", "{\"update_id\":1",
            "{\"update_id\":1} {\"update_id\":2}", "{\"update_id\":99999999999999999999999}"})
    void rejectsWhatIsNotAnUpdate(String body) {
        assertThrows(InvalidUpdateException.class, () -> InboundUpdate.parse(body));
    }
}
