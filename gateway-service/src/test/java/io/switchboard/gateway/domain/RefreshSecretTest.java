package io.switchboard.gateway.domain;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefreshSecretTest {

    @Test
    void secretsAre32RandomBytesInBase64Url() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String value = RefreshSecret.generate().value();
            assertTrue(value.matches("[A-Za-z0-9_-]{43}"), value);
            seen.add(value);
        }
        assertEquals(100, seen.size());
    }

    @Test
    void theStoredFormIsTheHexSha256() {
        // sha256("abc"), FIPS 180-2 test vector
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                new RefreshSecret("abc").hash());
    }
}
