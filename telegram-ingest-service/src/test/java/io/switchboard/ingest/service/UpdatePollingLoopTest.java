package io.switchboard.ingest.service;

import io.switchboard.ingest.client.BotApiException;
import io.switchboard.ingest.domain.InboundUpdate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UpdatePollingLoopTest {

    private final List<String> events = new ArrayList<>();
    private final List<Long> offsets = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();
    /** What each fetch does, in order; the loop stops when the script is used up. */
    private final Deque<Callable<List<InboundUpdate>>> polls = new ArrayDeque<>();
    /** Whether each publish fails, in order; publishes beyond the script succeed. */
    private final Deque<Boolean> publishFails = new ArrayDeque<>();
    private final Deque<Boolean> prepareFails = new ArrayDeque<>();
    private UpdatePollingLoop loop;

    private void run() {
        loop = new UpdatePollingLoop(new UpdatePollingLoop.UpdateSource() {
            @Override
            public void prepare() throws Exception {
                events.add("deleteWebhook");
                if (Boolean.TRUE.equals(prepareFails.poll())) {
                    throw new java.io.IOException("unreachable");
                }
            }

            @Override
            public List<InboundUpdate> fetch(long offset) throws Exception {
                offsets.add(offset);
                events.add("getUpdates " + offset);
                Callable<List<InboundUpdate>> next = polls.poll();
                if (polls.isEmpty()) {
                    loop.stop();
                }
                return next == null ? List.of() : next.call();
            }
        }, batch -> {
            events.add("publish " + batch.stream().map(InboundUpdate::updateId).toList());
            if (Boolean.TRUE.equals(publishFails.poll())) {
                throw new IllegalStateException("broker down");
            }
            events.add("acked");
        }, sleeps::add, Duration.ofSeconds(1), Duration.ofSeconds(8));
        loop.run();
    }

    private static List<InboundUpdate> batch(long... ids) {
        List<InboundUpdate> updates = new ArrayList<>();
        for (long id : ids) {
            updates.add(InboundUpdate.parse("{\"update_id\":" + id + ",\"message\":{\"chat\":{\"id\":7}}}"));
        }
        return updates;
    }

    @Test
    void advancesTheOffsetOnlyAfterTheWholeBatchIsAcknowledged() {
        polls.add(() -> batch(100, 101, 102));
        polls.add(() -> batch(103));
        polls.add(List::of);
        run();
        assertEquals(List.of("deleteWebhook", "getUpdates 0", "publish [100, 101, 102]", "acked",
                "getUpdates 103", "publish [103]", "acked", "getUpdates 104"), events);
        assertEquals(104, loop.offset());
    }

    @Test
    void pollsTheSameOffsetAgainWhenKafkaFails() {
        polls.add(() -> batch(100, 101));
        polls.add(() -> batch(100, 101)); // Telegram re-sends the unconfirmed batch
        polls.add(List::of);
        publishFails.add(true);
        run();
        assertEquals(List.of(0L, 0L, 102L), offsets);
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps);
    }

    @Test
    void backsOffExponentiallyUpToTheMaximumAndObeysRetryAfter() {
        for (int i = 0; i < 5; i++) {
            polls.add(() -> {
                throw new java.io.IOException("connection refused");
            });
        }
        polls.add(() -> {
            throw new BotApiException(429, "Too Many Requests: retry after 20", 20);
        });
        polls.add(() -> batch(5));
        polls.add(() -> {
            throw new java.io.IOException("connection refused");
        });
        polls.add(List::of);
        run();
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(8), Duration.ofSeconds(20), Duration.ofSeconds(1)), sleeps);
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 6L, 6L), offsets);
    }

    @Test
    void aConflictIsBackedOffAndAWebhookConflictRemovesTheWebhookAgain() {
        polls.add(() -> {
            throw new BotApiException(409, "Conflict: terminated by other getUpdates request; "
                    + "make sure that only one bot instance is running", null);
        });
        polls.add(() -> {
            throw new BotApiException(409, "Conflict: can't use getUpdates method while webhook is active; "
                    + "use deleteWebhook to delete the webhook first", null);
        });
        polls.add(List::of);
        run();
        assertEquals(List.of("deleteWebhook", "getUpdates 0", "getUpdates 0", "deleteWebhook", "getUpdates 0"),
                events);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps);
    }

    @Test
    void retriesDeleteWebhookUntilItWorks() {
        prepareFails.add(true);
        prepareFails.add(true);
        polls.add(List::of);
        run();
        assertEquals(List.of("deleteWebhook", "deleteWebhook", "deleteWebhook", "getUpdates 0"), events);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps);
    }
}
