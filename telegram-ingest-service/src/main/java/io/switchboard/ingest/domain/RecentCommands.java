package io.switchboard.ingest.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The ids of the commands this replica completed most recently (bounded, least recently seen evicted first), so a
 * command redelivered after a Kafka rebalance or a failed offset commit is not sent to Telegram a second time.
 *
 * <p>Best effort only: the memory is per replica and lost on restart, so a redelivery to another replica or after a
 * restart is sent again. Consumers of {@code telegram.results} de-duplicate by {@code commandId}.
 */
public final class RecentCommands {

    private final Map<UUID, Boolean> ids;

    /** @param capacity how many ids are kept, at least 1 */
    public RecentCommands(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.ids = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Whether {@code commandId} was completed recently. */
    public synchronized boolean contains(UUID commandId) {
        return ids.get(commandId) != null;
    }

    /** Remembers that {@code commandId} was completed (its result is on Kafka). */
    public synchronized void add(UUID commandId) {
        ids.put(commandId, Boolean.TRUE);
    }

    /** How many ids are remembered. */
    public synchronized int size() {
        return ids.size();
    }
}
