package io.switchboard.ingest.domain;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendRateLimitsTest {

    /** A clock that only moves when the limiter waits. */
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
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
    private final BlockingStrategy waiting = nanos -> now.addAndGet(nanos);
    private final SendRateLimits limits = new SendRateLimits(new SendRateLimits.Limits(1, 3, 20, 30), clock, waiting);

    @Test
    void aPrivateChatGetsItsBurstAtOnceThenOnePerSecond() throws InterruptedException {
        long start = now.get();
        for (int i = 0; i < 3; i++) {
            limits.acquire(42);
        }
        assertEquals(start, now.get(), "the burst needs no wait");
        limits.acquire(42);
        assertEquals(Duration.ofSeconds(1).toNanos(), now.get() - start, 1_000_000);
        limits.acquire(42);
        assertEquals(Duration.ofSeconds(2).toNanos(), now.get() - start, 1_000_000);
    }

    @Test
    void aPacingMarginStretchesEverySecondOfTheChatPace() throws InterruptedException {
        SendRateLimits margined = new SendRateLimits(new SendRateLimits.Limits(1, 3, 20, 30, 20,
                Duration.ofMillis(100)), clock, waiting);
        long start = now.get();
        for (int i = 0; i < 5; i++) {
            margined.acquire(42);
        }
        assertEquals(Duration.ofMillis(2_200).toNanos(), now.get() - start, 1_000_000,
                "after the burst of 3, one message per 1.1 s");
    }

    @Test
    void chatsDoNotShareTheirBudget() throws InterruptedException {
        long start = now.get();
        for (int chat = 1; chat <= 10; chat++) {
            for (int i = 0; i < 3; i++) {
                limits.acquire(chat);
            }
        }
        assertEquals(start, now.get(), "30 messages to 10 chats fit the bot's 30/s");
    }

    @Test
    void theBotAsAWholeSendsAtMost30PerSecond() throws InterruptedException {
        long start = now.get();
        for (int chat = 1; chat <= 31; chat++) {
            limits.acquire(chat);
        }
        long waited = now.get() - start;
        assertTrue(waited > 0 && waited <= Duration.ofMillis(40).toNanos(), "31st message waits ~1/30 s: " + waited);
    }

    @Test
    void aGroupGets20PerMinuteOnTopOfThePerChatPace() throws InterruptedException {
        long start = now.get();
        int inFirstMinute = 0;
        for (int i = 0; i < 40; i++) {
            limits.acquire(-100123);
            if (now.get() - start < Duration.ofSeconds(60).toNanos()) {
                inFirstMinute++;
            }
        }
        // a burst of 3, then one message every 3 s from the start: the first minute is no exception
        assertEquals(3 + 19, inFirstMinute, "at most the burst plus 20 per minute in the first minute");
        assertEquals(Duration.ofSeconds(37 * 3).toNanos(), now.get() - start, Duration.ofMillis(10).toNanos());
        long before = now.get();
        limits.acquire(-100123);
        assertEquals(Duration.ofSeconds(3).toNanos(), now.get() - before, Duration.ofMillis(10).toNanos());
    }

    @Test
    void aPrivateChatHasNoPerMinuteBudget() throws InterruptedException {
        long start = now.get();
        for (int i = 0; i < 40; i++) {
            limits.acquire(100123);
        }
        assertEquals(Duration.ofSeconds(37).toNanos(), now.get() - start, Duration.ofMillis(10).toNanos());
    }

    @Test
    void tryAcquireTakesNothingWhenAnyBucketIsEmpty() {
        SendRateLimits topics = new SendRateLimits(new SendRateLimits.Limits(1, 3, 20, 30, 1), clock, waiting);
        assertEquals(0, topics.tryAcquire(-5, SendRateLimits.Pace.TOPIC_CREATION));
        long wait = topics.tryAcquire(-5, SendRateLimits.Pace.TOPIC_CREATION);
        assertEquals(Duration.ofMinutes(1).toNanos(), wait, Duration.ofMillis(10).toNanos());
        // the refused topic creation took no chat permit: two more messages still fit the burst of 3
        assertEquals(0, topics.tryAcquire(-5, SendRateLimits.Pace.CHAT));
        assertEquals(0, topics.tryAcquire(-5, SendRateLimits.Pace.CHAT));
        assertTrue(topics.tryAcquire(-5, SendRateLimits.Pace.CHAT) > 0);
        assertEquals(0, topics.tryAcquire(-5, SendRateLimits.Pace.BOT_ONLY), "bot-only calls skip the chat bucket");
    }
}
