package io.switchboard.notification.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The ids of the most recent events this replica handled, to drop redeliveries (delivery upstream is at-least-once).
 * Bounded: when full, the least recently seen id is forgotten. Thread-safe.
 */
public final class RecentEventIds {

    private final Map<UUID, Boolean> seen;

    /**
     * @param capacity how many ids to remember, at least 1
     * @throws IllegalArgumentException when capacity is below 1
     */
    public RecentEventIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Records {@code eventId}.
     *
     * @return true the first time an id is seen (or once it was forgotten), false for a redelivery
     */
    public synchronized boolean firstSighting(UUID eventId) {
        return seen.put(eventId, Boolean.TRUE) == null;
    }

    /** True when {@code id} is remembered (without recording it). */
    public synchronized boolean contains(UUID id) {
        return seen.containsKey(id);
    }

    /** How many ids are remembered now. */
    public synchronized int size() {
        return seen.size();
    }
}
