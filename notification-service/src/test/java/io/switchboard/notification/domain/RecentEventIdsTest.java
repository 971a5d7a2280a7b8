package io.switchboard.notification.domain;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentEventIdsTest {

    @Test
    void anIdIsNewOnlyTheFirstTime() {
        RecentEventIds recent = new RecentEventIds(10);
        UUID id = UUID.randomUUID();
        assertTrue(recent.firstSighting(id));
        assertFalse(recent.firstSighting(id));
        assertFalse(recent.firstSighting(id));
        assertTrue(recent.firstSighting(UUID.randomUUID()));
    }

    @Test
    void theLeastRecentlySeenIdIsForgottenWhenFull() {
        RecentEventIds recent = new RecentEventIds(2);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        recent.firstSighting(a);
        recent.firstSighting(b);
        assertFalse(recent.firstSighting(a)); // a is now the most recent
        recent.firstSighting(c);              // evicts b
        assertEquals(2, recent.size());
        assertFalse(recent.firstSighting(a));
        assertTrue(recent.firstSighting(b));
    }

    @Test
    void capacityMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new RecentEventIds(0));
    }
}
