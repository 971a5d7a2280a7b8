package io.switchboard.ingest.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenCipherTest {

    private static final String TOKEN = "6129457865:AAFzq-Example_Token_1234567890abcd";
    private final TokenCipher cipher = TokenCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));

    @Test
    void roundTripsWithAFreshNonceEachTimeAndNoPlaintextInTheStoredBytes() {
        byte[] first = cipher.encrypt(TOKEN, "bot-token");
        byte[] second = cipher.encrypt(TOKEN, "bot-token");
        assertEquals(TOKEN, cipher.decrypt(first, "bot-token"));
        assertEquals(TOKEN, cipher.decrypt(second, "bot-token"));
        assertFalse(java.util.Arrays.equals(first, second), "a random nonce per write");
        assertNotEquals(new String(first, 0, 12, StandardCharsets.ISO_8859_1),
                new String(second, 0, 12, StandardCharsets.ISO_8859_1));
        assertEquals(12 + TOKEN.length() + 16, first.length, "nonce || ciphertext || tag");
        assertFalse(new String(first, StandardCharsets.ISO_8859_1).contains("AAFzq"));
    }

    @Test
    void refusesAlteredBytesAnotherKeyOrAnotherPurpose() {
        byte[] stored = cipher.encrypt(TOKEN, "bot-token");
        byte[] altered = stored.clone();
        altered[20] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(altered, "bot-token"));
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThrows(IllegalArgumentException.class, () -> new TokenCipher(otherKey).decrypt(stored, "bot-token"));
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(stored, "webhook-secret"));
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(new byte[5], "bot-token"));
    }

    @Test
    void theKeyMustBeBase64OfThirtyTwoBytes() {
        assertThrows(IllegalArgumentException.class, () -> TokenCipher.fromBase64("not base64!"));
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> TokenCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[16])));
        assertTrue(shortKey.getMessage().contains("32"));
        assertArrayEquals(TOKEN.getBytes(StandardCharsets.UTF_8),
                cipher.decrypt(cipher.encrypt(TOKEN, "x"), "x").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTokenShowsOnlyItsHint() {
        BotToken token = new BotToken(TOKEN);
        assertEquals("6129457865:…abcd", token.hint());
        assertEquals("6129457865:…abcd", token.toString());
        assertEquals(6129457865L, token.botId());
        assertFalse(BotToken.isWellFormed("6129457865:abc/../x"));
        assertFalse(BotToken.isWellFormed("abc"));
        assertFalse(BotToken.isWellFormed(null));
        assertTrue(WebhookSecret.generate().matches("[A-Za-z0-9_-]{32}"));
        assertNotEquals(WebhookSecret.generate(), WebhookSecret.generate());
    }
}
