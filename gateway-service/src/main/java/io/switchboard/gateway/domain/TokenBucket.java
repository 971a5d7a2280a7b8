package io.switchboard.gateway.domain;

import java.time.Duration;

/**
 * A token bucket: holds up to {@code capacity} tokens, starts full and regains one token every
 * {@code period / capacity}. Kept as a theoretical arrival time (the generic cell rate algorithm) in whole
 * nanoseconds, so waits are exact. Time is passed in as monotonic nanoseconds ({@link System#nanoTime()}) so that
 * tests control it. Thread-safe.
 */
public final class TokenBucket {

    private final long interval;
    private final long burstTolerance;
    private long theoreticalArrival;

    /**
     * @param capacity most tokens held, at least 1
     * @param period   time to refill an empty bucket, positive
     * @param now      current monotonic time in nanoseconds
     */
    public TokenBucket(int capacity, Duration period, long now) {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("capacity must be >= 1 and period positive");
        }
        this.interval = Math.max(1, period.toNanos() / capacity);
        this.burstTolerance = interval * (capacity - 1);
        this.theoreticalArrival = now;
    }

    /**
     * Takes one token if there is one.
     *
     * @return {@link Duration#ZERO} when a token was taken, otherwise how long until the next token is available
     */
    public synchronized Duration tryTake(long now) {
        long arrival = Math.max(theoreticalArrival, now);
        long ahead = arrival - now;
        if (ahead > burstTolerance) {
            return Duration.ofNanos(ahead - burstTolerance);
        }
        theoreticalArrival = arrival + interval;
        return Duration.ZERO;
    }

    /** Whether the bucket is full at {@code now}, i.e. forgetting it changes nothing. */
    public synchronized boolean isFull(long now) {
        return theoreticalArrival <= now;
    }
}
