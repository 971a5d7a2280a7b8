package io.switchboard.ingest.domain;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentCommandsTest {

    @Test
    void remembersUpToItsCapacityAndForgetsTheLeastRecentlySeen() {
        RecentCommands recent = new RecentCommands(2);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        recent.add(a);
        recent.add(b);
        assertTrue(recent.contains(a)); // a is now the most recently seen
        recent.add(c);
        assertTrue(recent.contains(a));
        assertFalse(recent.contains(b));
        assertTrue(recent.contains(c));
        assertEquals(2, recent.size());
    }
}
