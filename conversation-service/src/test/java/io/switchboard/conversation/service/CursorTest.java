package io.switchboard.conversation.service;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CursorTest {

    @Test
    void roundTripsThroughAnUrlSafeString() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-21T10:15:30.123456Z"), UUID.randomUUID());
        String encoded = cursor.encode();
        assertTrue(encoded.matches("[A-Za-z0-9_-]+"), encoded);
        assertEquals(cursor, Cursor.decode(encoded));
    }

    @Test
    void absentCursorIsNull() {
        assertNull(Cursor.decode(null));
        assertNull(Cursor.decode(""));
    }

    @Test
    void rejectsAnythingElse() {
        assertThrows(IllegalArgumentException.class, () -> Cursor.decode("not a cursor!"));
        assertThrows(IllegalArgumentException.class, () -> Cursor.decode("bm9waXBl"));
        assertThrows(IllegalArgumentException.class, () -> Cursor.decode("MjAyNnx4eXo"));
    }
}
