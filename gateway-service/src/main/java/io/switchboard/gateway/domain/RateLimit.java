package io.switchboard.gateway.domain;

import java.time.Duration;

/**
 * One token bucket of a shared rate limit: key {@code ratelimit:<scope>:<id>}, holding at most {@code capacity}
 * tokens (the burst) and regaining {@code refill} tokens per {@code period}, evenly (one every
 * {@code period / refill}).
 *
 * @param scope    what is limited, e.g. {@code message-ip}
 * @param id       whose bucket, e.g. the client address or the conversation id
 * @param capacity most tokens held, at least 1
 * @param refill   tokens regained per {@code period}, at least 1
 * @param period   positive
 */
public record RateLimit(String scope, String id, int capacity, int refill, Duration period) {

    public RateLimit {
        if (capacity < 1 || refill < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("capacity and refill must be >= 1 and period positive");
        }
    }

    /** A bucket that holds {@code capacity} tokens and refills completely in {@code period}. */
    public static RateLimit of(String scope, String id, int capacity, Duration period) {
        return new RateLimit(scope, id, capacity, capacity, period);
    }

    /** The Redis key of this bucket. */
    public String key() {
        return "ratelimit:" + scope + ":" + id;
    }

    /** Milliseconds between two regained tokens, at least 1. */
    public long intervalMillis() {
        return Math.max(1, period.toMillis() / refill);
    }
}
