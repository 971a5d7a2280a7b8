package io.switchboard.notification.domain;

import io.switchboard.notification.domain.SignalThrottle.Verdict.Action;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SignalThrottleTest {

    private final SignalThrottle<Boolean> throttle = new SignalThrottle<>(1000);

    @Test
    void theFirstValueGoesThrough() {
        assertEquals(Action.PUBLISH, throttle.offer(true, 5_000).action());
        assertEquals(Optional.of(true), throttle.lastPublished());
    }

    @Test
    void aValueWithinTheIntervalIsDeferredToItsEndAndFurtherOnesAreHeld() {
        throttle.offer(true, 5_000);

        SignalThrottle.Verdict deferred = throttle.offer(true, 5_200);
        assertEquals(Action.DEFER, deferred.action());
        assertEquals(800, deferred.delayMillis());
        assertEquals(Action.HELD, throttle.offer(true, 5_400).action());
        assertEquals(Action.HELD, throttle.offer(true, 5_600).action());

        // the same value as last published: nothing more to publish
        assertEquals(new SignalThrottle.Flush<>(Optional.empty(), 0), throttle.flush(6_000));
        assertEquals(Action.PUBLISH, throttle.offer(true, 6_001).action());
    }

    @Test
    void aStopRightAfterAStartIsPublishedAtTheEndOfTheIntervalNeverLost() {
        throttle.offer(true, 5_000);
        assertEquals(Action.DEFER, throttle.offer(false, 5_100).action());

        assertEquals(new SignalThrottle.Flush<>(Optional.of(false), 0), throttle.flush(6_000));
        assertEquals(Optional.of(false), throttle.lastPublished());
    }

    @Test
    void onlyTheLatestHeldValueIsPublished() {
        throttle.offer(true, 5_000);
        throttle.offer(false, 5_100);
        throttle.offer(true, 5_200);
        // back to what was published: the flurry in between needs no publish
        assertEquals(Optional.empty(), throttle.flush(6_000).publish());

        // 1_100 ms after the last publish: straight through
        assertEquals(Action.PUBLISH, throttle.offer(false, 6_100).action());
        assertEquals(Optional.of(false), throttle.lastPublished());
    }

    @Test
    void neverTwoPublishesWithinTheInterval() {
        long lastPublish = Long.MIN_VALUE / 2;
        long dueFlush = -1;
        boolean value = false;
        for (long now = 0; now < 20_000; now += 70) {
            if (dueFlush >= 0 && now >= dueFlush) {
                SignalThrottle.Flush<Boolean> flush = throttle.flush(now);
                dueFlush = flush.retryAfterMillis() > 0 ? now + flush.retryAfterMillis() : -1;
                if (flush.publish().isPresent()) {
                    assertEquals(true, now - lastPublish >= 1000, "published again after " + (now - lastPublish));
                    lastPublish = now;
                }
            }
            value = !value;
            SignalThrottle.Verdict verdict = throttle.offer(value, now);
            if (verdict.action() == Action.PUBLISH) {
                assertEquals(true, now - lastPublish >= 1000, "published again after " + (now - lastPublish));
                lastPublish = now;
            } else if (verdict.action() == Action.DEFER) {
                dueFlush = now + verdict.delayMillis();
            }
        }
    }

    @Test
    void aFlushAfterANewerPublishWaitsForTheEndOfThatInterval() {
        throttle.offer(true, 5_000);
        assertEquals(Action.DEFER, throttle.offer(false, 5_500).action()); // flush due at 6_000
        // the timer runs late; meanwhile the interval ended and a new value went straight through
        assertEquals(Action.PUBLISH, throttle.offer(true, 6_100).action());
        assertEquals(Action.HELD, throttle.offer(false, 6_300).action());

        SignalThrottle.Flush<Boolean> early = throttle.flush(6_400);
        assertEquals(Optional.empty(), early.publish());
        assertEquals(700, early.retryAfterMillis());
        assertEquals(new SignalThrottle.Flush<>(Optional.of(false), 0), throttle.flush(7_100));
    }

    @Test
    void aFlushWithNothingHeldPublishesNothing() {
        assertEquals(new SignalThrottle.Flush<>(Optional.empty(), 0), throttle.flush(1_000));
        throttle.offer(true, 5_000);
        assertEquals(new SignalThrottle.Flush<>(Optional.empty(), 0), throttle.flush(7_000));
    }

    @Test
    void latestIsTheHeldValueElseTheLastPublished() {
        assertEquals(Optional.empty(), throttle.latest());
        throttle.offer(true, 5_000);
        assertEquals(Optional.of(true), throttle.latest());
        throttle.offer(false, 5_100);
        assertEquals(Optional.of(false), throttle.latest());
        assertEquals(Optional.of(true), throttle.lastPublished());
    }

    @Test
    void aNegativeIntervalIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SignalThrottle<Boolean>(-1));
    }
}
