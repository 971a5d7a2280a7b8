package io.switchboard.telegram.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BotIdHeaderTest {

    @Test
    void aBotIdTravelsAsItsDecimalDigits() {
        assertArrayEquals("4242424242".getBytes(StandardCharsets.UTF_8), BotIdHeader.encode(4242424242L));
        assertEquals(OptionalLong.of(4242424242L), BotIdHeader.decode(BotIdHeader.encode(4242424242L)));
        assertEquals(OptionalLong.of(Long.MAX_VALUE), BotIdHeader.decode(BotIdHeader.encode(Long.MAX_VALUE)));
    }

    @Test
    void onlyPositiveIdsAreEncoded() {
        assertThrows(IllegalArgumentException.class, () -> BotIdHeader.encode(0));
        assertThrows(IllegalArgumentException.class, () -> BotIdHeader.encode(-5));
    }

    @Test
    void anythingElseDecodesToNothing() {
        for (String value : new String[]{"", "0", "-42", "+42", " 42", "42 ", "4242:token", "x", "١٢٣",
                "9223372036854775808", "00000000000000000042"}) {
            assertEquals(OptionalLong.empty(), BotIdHeader.decode(value.getBytes(StandardCharsets.UTF_8)), value);
        }
        assertEquals(OptionalLong.empty(), BotIdHeader.decode(null));
    }
}
