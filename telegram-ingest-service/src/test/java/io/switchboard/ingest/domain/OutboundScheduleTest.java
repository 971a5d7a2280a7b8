package io.switchboard.ingest.domain;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import io.switchboard.ingest.domain.OutboundSchedule.Dispatch;
import io.switchboard.ingest.domain.OutboundSchedule.Next;
import io.switchboard.ingest.domain.OutboundSchedule.Wait;
import io.switchboard.ingest.domain.SendRateLimits.Pace;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundScheduleTest {

    /** An item: which chat, how it is paced, a label. */
    record Item(long chat, Pace pace, String label) {
    }

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return now.get();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    };
    private final SendRateLimits limits = new SendRateLimits(new SendRateLimits.Limits(1, 3, 20, 30, 2), clock,
            BlockingStrategy.PARKING);
    private final OutboundSchedule<Item> schedule = new OutboundSchedule<>(limits, clock,
            item -> new OutboundSchedule.Cost(item.chat(), item.pace()));

    private void add(long chat, String label) {
        schedule.add(chat, new Item(chat, Pace.CHAT, label));
    }

    /** Runs the schedule like OutboundQueue does (each call completes at once), returning "label@ms" per call. */
    private List<String> drain(int calls) {
        long start = now.get();
        List<String> sent = new ArrayList<>();
        while (sent.size() < calls) {
            Next<Item> next = schedule.poll();
            if (next instanceof Dispatch<Item> d) {
                sent.add(d.item().label() + "@" + Duration.ofNanos(now.get() - start).toMillis());
                schedule.complete(d.lane());
            } else if (next instanceof Wait<Item> w) {
                now.addAndGet(w.nanos());
            } else {
                break;
            }
        }
        return sent;
    }

    @Test
    void oneChatGetsItsBurstThenOnePerSecondInOrder() {
        for (int i = 1; i <= 5; i++) {
            add(42, "m" + i);
        }
        assertEquals(List.of("m1@0", "m2@0", "m3@0", "m4@1000", "m5@2000"), drain(5));
    }

    @Test
    void aChatWaitingForItsBucketDoesNotDelayAnotherChat() {
        for (int i = 1; i <= 4; i++) {
            add(1, "a" + i);
        }
        add(2, "b1");
        List<String> sent = drain(5);
        assertTrue(sent.indexOf("b1@0") >= 0, "b1 goes at once: " + sent);
        assertEquals("a4@1000", sent.get(4));
    }

    @Test
    void aRetryAfterForChatAHoldsOnlyChatA() {
        add(1, "a1");
        add(1, "a2");
        add(2, "b1");
        Dispatch<Item> first = assertInstanceOf(Dispatch.class, schedule.poll());
        assertEquals("a1", first.item().label());
        schedule.retryLater(1, Duration.ofSeconds(2).toNanos()); // 429 retry_after=2
        Dispatch<Item> second = assertInstanceOf(Dispatch.class, schedule.poll());
        assertEquals("b1", second.item().label(), "chat B is not held by chat A's retry_after");
        schedule.complete(2);
        Wait<Item> wait = assertInstanceOf(Wait.class, schedule.poll());
        assertEquals(Duration.ofSeconds(2).toNanos(), wait.nanos());
        now.addAndGet(wait.nanos());
        Dispatch<Item> again = assertInstanceOf(Dispatch.class, schedule.poll());
        assertEquals("a1", again.item().label(), "the same command again, before a2");
        schedule.complete(1);
        assertEquals("a2", ((Dispatch<Item>) schedule.poll()).item().label());
    }

    @Test
    void aBusyChatIsNotDispatchedTwice() {
        add(1, "a1");
        add(1, "a2");
        assertInstanceOf(Dispatch.class, schedule.poll());
        assertInstanceOf(OutboundSchedule.Idle.class, schedule.poll(), "a2 waits for a1 to finish");
        assertEquals(2, schedule.size());
    }

    @Test
    void topicCreationsArePacedPerGroup() {
        long group = -100777;
        for (int i = 1; i <= 3; i++) {
            schedule.add(group, new Item(group, Pace.TOPIC_CREATION, "t" + i));
        }
        // 2 per minute in this test: the third waits ~30 s for the topic bucket (the group's 1/s is not the limit)
        List<String> sent = drain(3);
        assertEquals("t1@0", sent.get(0));
        assertEquals("t2@0", sent.get(1), "within the burst");
        long third = Long.parseLong(sent.get(2).substring(3));
        assertTrue(third >= 29_000 && third <= 31_000, sent.toString());
    }

    @Test
    void callbackAnswersAreNotPacedByTheChat() {
        for (int i = 1; i <= 5; i++) {
            schedule.add(7, new Item(7, Pace.BOT_ONLY, "c" + i));
        }
        assertEquals(List.of("c1@0", "c2@0", "c3@0", "c4@0", "c5@0"), drain(5));
    }

    @Test
    void aBotWidePauseHoldsEveryChat() {
        add(1, "a1");
        add(2, "b1");
        schedule.pauseBot(Duration.ofSeconds(3).toNanos());
        Wait<Item> wait = assertInstanceOf(Wait.class, schedule.poll());
        assertEquals(Duration.ofSeconds(3).toNanos(), wait.nanos());
        now.addAndGet(wait.nanos());
        assertInstanceOf(Dispatch.class, schedule.poll());
    }

    @Test
    void removeIfKeepsTheCallInFlightAndForgetsEmptiedLanes() {
        add(1, "a1");
        add(1, "a2");
        add(2, "b1");
        add(3, "c1");
        Dispatch<Item> inFlight = assertInstanceOf(Dispatch.class, schedule.poll());
        assertEquals("a1", inFlight.item().label());
        List<Item> removed = schedule.removeIf(item -> item.chat() != 3);
        assertEquals(List.of("a2", "b1"), removed.stream().map(Item::label).sorted().toList());
        assertEquals(2, schedule.size(), "a1 in flight and c1 stay");
        Dispatch<Item> next = assertInstanceOf(Dispatch.class, schedule.poll());
        assertEquals("c1", next.item().label());
        schedule.complete(1);
        schedule.complete(3);
        assertEquals(0, schedule.size());
        assertInstanceOf(OutboundSchedule.Idle.class, schedule.poll(), "no lane left behind");
    }

    @Test
    void chatsTakeTurnsWhenBothAreReady() {
        for (int i = 1; i <= 3; i++) {
            add(1, "a" + i);
            add(2, "b" + i);
        }
        List<String> sent = drain(6);
        assertEquals(List.of("a1@0", "b1@0", "a2@0", "b2@0", "a3@0", "b3@0"), sent);
    }
}
