package io.switchboard.emulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.github.bucket4j.TimeMeter;

class SendRateLimiterTest {

    /** A clock the test moves by hand. */
    static final class ManualClock implements TimeMeter {
        long nanos;

        void advance(Duration duration) {
            nanos += duration.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final SendRateLimiter limiter = new SendRateLimiter(new SendRateLimiter.Limits(3, 1, 20, 30), clock);

    @Test
    void oneChatGetsABurstOfThreeThenOnePerSecond() {
        for (int i = 0; i < 3; i++) {
            assertEquals(OptionalLong.empty(), limiter.tryAcquire(42), "message " + (i + 1) + " of the burst");
        }
        assertEquals(OptionalLong.of(1), limiter.tryAcquire(42), "the fourth message must wait a second");

        clock.advance(Duration.ofMillis(400));
        assertEquals(OptionalLong.of(1), limiter.tryAcquire(42), "retry_after is rounded up to whole seconds");

        clock.advance(Duration.ofMillis(600));
        assertEquals(OptionalLong.empty(), limiter.tryAcquire(42), "one token refilled after a second");
        assertEquals(OptionalLong.of(1), limiter.tryAcquire(42));
    }

    @Test
    void aRefusedMessageTakesNoToken() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(7);
        }
        for (int i = 0; i < 10; i++) {
            assertTrue(limiter.tryAcquire(7).isPresent());
        }
        clock.advance(Duration.ofSeconds(1));
        assertEquals(OptionalLong.empty(), limiter.tryAcquire(7), "refused attempts did not drain the refill");
    }

    @Test
    void otherChatsAreNotHeldBackByABusyChat() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(1);
        }
        assertTrue(limiter.tryAcquire(1).isPresent());
        assertEquals(OptionalLong.empty(), limiter.tryAcquire(2));
    }

    @Test
    void aGroupGetsTwentyMessagesPerMinute() {
        // generous per-chat limits, so that only the group limit can bite
        SendRateLimiter groupOnly = new SendRateLimiter(new SendRateLimiter.Limits(100, 100, 20, 30), clock);
        long group = -1001971186208L;
        for (int i = 0; i < 20; i++) {
            assertEquals(OptionalLong.empty(), groupOnly.tryAcquire(group), "group message " + (i + 1));
        }
        assertEquals(OptionalLong.of(3), groupOnly.tryAcquire(group), "20/min refills one message every 3 s");
        assertEquals(OptionalLong.empty(), groupOnly.tryAcquire(4242), "a private chat has no group limit");

        clock.advance(Duration.ofSeconds(3));
        assertEquals(OptionalLong.empty(), groupOnly.tryAcquire(group));
    }

    @Test
    void aGroupSustainingOneMessagePerSecondIsStoppedAfterAboutHalfAMinute() {
        long group = -100123L;
        int sent = 0;
        OptionalLong refused = OptionalLong.empty();
        while (refused.isEmpty() && sent < 100) {
            clock.advance(Duration.ofSeconds(1));
            refused = limiter.tryAcquire(group);
            if (refused.isEmpty()) {
                sent++;
            }
        }
        // 20 tokens drain at 1/s minus the 1/3 s refill: empty after about 30 s
        assertTrue(sent >= 28 && sent <= 31, "sent " + sent);
    }

    @Test
    void theWholeBotSendsThirtyMessagesPerSecond() {
        for (int chat = 1; chat <= 30; chat++) {
            assertEquals(OptionalLong.empty(), limiter.tryAcquire(chat), "chat " + chat);
        }
        assertEquals(OptionalLong.of(1), limiter.tryAcquire(31), "the 31st message within a second is refused");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(OptionalLong.empty(), limiter.tryAcquire(31));
    }
}
