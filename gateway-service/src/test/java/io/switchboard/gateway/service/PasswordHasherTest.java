package io.switchboard.gateway.service;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(null);

    @Test
    void aHashHasCost12AndMatchesOnlyItsPassword() {
        String hash = hasher.hash("correct horse battery staple");
        assertTrue(hash.startsWith("$2a$12$"), hash);
        assertTrue(hasher.matches("correct horse battery staple", hash));
        assertFalse(hasher.matches("correct horse battery stapler", hash));
        assertFalse(hasher.matches(null, hash));
    }

    @Test
    void anUnknownUserNeverMatches() {
        assertFalse(hasher.matches("anything", null));
        assertFalse(hasher.matches("", null));
    }

    @Test
    void passwordsLongerThanBcryptTakesNeverMatch() {
        String tooLong = "x".repeat(PasswordHasher.MAX_BYTES + 1);
        assertThrows(IllegalArgumentException.class, () -> hasher.hash(tooLong));
        String hash = hasher.hash("x".repeat(PasswordHasher.MAX_BYTES));
        assertFalse(hasher.matches(tooLong, hash));
    }
}
