package io.switchboard.gateway.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketAllowsABurstOfItsCapacityThenNamesTheWait() {
        TokenBucket bucket = new TokenBucket(10, Duration.ofMinutes(1), 0);
        for (int i = 0; i < 10; i++) {
            assertEquals(Duration.ZERO, bucket.tryTake(0), "attempt " + (i + 1));
        }
        assertEquals(Duration.ofSeconds(6), bucket.tryTake(0));
        assertEquals(Duration.ofSeconds(4), bucket.tryTake(2 * SECOND));
    }

    @Test
    void tokensComeBackEvenly() {
        TokenBucket bucket = new TokenBucket(10, Duration.ofMinutes(1), 0);
        for (int i = 0; i < 10; i++) {
            bucket.tryTake(0);
        }
        assertEquals(Duration.ZERO, bucket.tryTake(6 * SECOND));
        assertFalse(bucket.tryTake(6 * SECOND).isZero());
        assertFalse(bucket.isFull(30 * SECOND));
        assertTrue(bucket.isFull(66 * SECOND));
    }

    @Test
    void theBucketNeverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(2, Duration.ofSeconds(2), 0);
        long later = 3600 * SECOND;
        assertEquals(Duration.ZERO, bucket.tryTake(later));
        assertEquals(Duration.ZERO, bucket.tryTake(later));
        assertFalse(bucket.tryTake(later).isZero());
    }

    @Test
    void nonsenseLimitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, Duration.ofMinutes(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, Duration.ZERO, 0));
    }
}
