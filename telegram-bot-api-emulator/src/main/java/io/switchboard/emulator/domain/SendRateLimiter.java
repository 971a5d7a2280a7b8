package io.switchboard.emulator.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Telegram's flood control for one bot, as the Bot FAQ states it: about one message per second per chat with a short
 * burst, 20 messages per minute per group (negative chat id), 30 messages per second for the whole bot. Each limit is
 * a token bucket with greedy refill; a message goes out only if every bucket that applies has a token, and then takes
 * one from each.
 */
public final class SendRateLimiter {

    /** The limits; {@code chatBurst} tokens refilled at {@code chatPerSecond}, and so on. */
    public record Limits(int chatBurst, int chatPerSecond, int groupPerMinute, int botPerSecond) {
    }

    private final Limits limits;
    private final TimeMeter clock;
    private final Bucket botBucket;
    private final Map<Long, Bucket> chatBuckets = new HashMap<>();
    private final Map<Long, Bucket> groupBuckets = new HashMap<>();

    /** A limiter on the system nano clock. */
    public SendRateLimiter(Limits limits) {
        this(limits, TimeMeter.SYSTEM_NANOTIME);
    }

    /** A limiter on {@code clock} (tests pass a fake one). */
    public SendRateLimiter(Limits limits, TimeMeter clock) {
        this.limits = limits;
        this.clock = clock;
        this.botBucket = bucket(limits.botPerSecond(), limits.botPerSecond(), Duration.ofSeconds(1));
    }

    /**
     * Takes a token for one message to {@code chatId}.
     *
     * @return empty when the message may be sent; otherwise the {@code retry_after} in whole seconds (at least 1)
     *         until every exhausted bucket has a token again. Nothing is taken when the message is refused.
     */
    public synchronized OptionalLong tryAcquire(long chatId) {
        List<Bucket> buckets = new ArrayList<>(3);
        buckets.add(botBucket);
        buckets.add(chatBuckets.computeIfAbsent(chatId,
                id -> bucket(limits.chatBurst(), limits.chatPerSecond(), Duration.ofSeconds(1))));
        if (chatId < 0) {
            buckets.add(groupBuckets.computeIfAbsent(chatId,
                    id -> bucket(limits.groupPerMinute(), limits.groupPerMinute(), Duration.ofMinutes(1))));
        }
        long waitNanos = 0;
        for (Bucket bucket : buckets) {
            EstimationProbe probe = bucket.estimateAbilityToConsume(1);
            if (!probe.canBeConsumed()) {
                waitNanos = Math.max(waitNanos, probe.getNanosToWaitForRefill());
            }
        }
        if (waitNanos > 0) {
            long seconds = (waitNanos + 999_999_999L) / 1_000_000_000L;
            return OptionalLong.of(Math.max(1, seconds));
        }
        buckets.forEach(bucket -> bucket.tryConsume(1));
        return OptionalLong.empty();
    }

    private Bucket bucket(int capacity, int refillTokens, Duration period) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(Math.max(1, capacity)).refillGreedy(Math.max(1, refillTokens), period).build())
                .withCustomTimePrecision(clock)
                .build();
    }
}
