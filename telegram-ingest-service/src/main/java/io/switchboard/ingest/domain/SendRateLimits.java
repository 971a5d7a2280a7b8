package io.switchboard.ingest.domain;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Telegram's flood limits for outgoing messages, as local token buckets (bucket4j):
 * <ul>
 *   <li>per chat: {@code chatBurst} messages at once, then {@code chatPerSecond} per second;</li>
 *   <li>per group chat (negative chat id) in addition: {@code groupPerMinute} per minute;</li>
 *   <li>per bot: {@code botPerSecond} per second across all chats.</li>
 * </ul>
 * The buckets live in this replica only: with N replicas sharing one bot, give each {@code botPerSecond = 30/N}.
 * Buckets of the {@value #MAX_CHATS} least recently used chats are kept; an evicted chat starts fresh.
 */
public final class SendRateLimits {

    /** How many per-chat buckets are kept. */
    public static final int MAX_CHATS = 10_000;

    /** The numbers, see the class comment. */
    public record Limits(int chatPerSecond, int chatBurst, int groupPerMinute, int botPerSecond) {
        public Limits {
            if (chatPerSecond < 1 || chatBurst < 1 || groupPerMinute < 1 || botPerSecond < 1) {
                throw new IllegalArgumentException("every send limit must be at least 1");
            }
        }
    }

    private final Limits limits;
    private final TimeMeter clock;
    private final BlockingStrategy waiting;
    private final Bucket bot;
    private final Map<Long, Bucket> chats = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Bucket> eldest) {
            return size() > MAX_CHATS;
        }
    };

    /** Limits on the system clock, waiting by parking the calling thread. */
    public SendRateLimits(Limits limits) {
        this(limits, TimeMeter.SYSTEM_NANOTIME, BlockingStrategy.PARKING);
    }

    /** Limits on a given clock and way of waiting (tests pass a fake clock that waiting advances). */
    public SendRateLimits(Limits limits, TimeMeter clock, BlockingStrategy waiting) {
        this.limits = limits;
        this.clock = clock;
        this.waiting = waiting;
        this.bot = builder()
                .addLimit(l -> l.capacity(limits.botPerSecond()).refillGreedy(limits.botPerSecond(), Duration.ofSeconds(1)))
                .build();
    }

    /**
     * Blocks the calling thread until one more message may go to {@code chatId}, and takes that permit.
     *
     * @throws InterruptedException when the thread is interrupted while waiting (the permit may be spent)
     */
    public void acquire(long chatId) throws InterruptedException {
        chat(chatId).asBlocking().consume(1, waiting);
        bot.asBlocking().consume(1, waiting);
    }

    private synchronized Bucket chat(long chatId) {
        return chats.computeIfAbsent(chatId, this::newChatBucket);
    }

    private Bucket newChatBucket(long chatId) {
        LocalBucketBuilder builder = builder()
                .addLimit(l -> l.capacity(limits.chatBurst())
                        .refillGreedy(limits.chatPerSecond(), Duration.ofSeconds(1)));
        if (chatId < 0) {
            builder.addLimit(l -> l.capacity(limits.groupPerMinute())
                    .refillGreedy(limits.groupPerMinute(), Duration.ofMinutes(1)));
        }
        return builder.build();
    }

    private LocalBucketBuilder builder() {
        return Bucket.builder().withCustomTimePrecision(clock);
    }
}
