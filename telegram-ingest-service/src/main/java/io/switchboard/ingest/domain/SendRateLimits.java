package io.switchboard.ingest.domain;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Telegram's flood limits for outgoing messages, as local token buckets (bucket4j):
 * <ul>
 *   <li>per chat: {@code chatBurst} messages at once, then {@code chatPerSecond} per second;</li>
 *   <li>per group chat (negative chat id) in addition: {@code groupPerMinute} per minute, evenly (a burst of at most
 *       {@value #GROUP_BURST}, so the first minute allows no more than the others);</li>
 *   <li>per bot: {@code botPerSecond} per second across all chats;</li>
 *   <li>forum topic creations per group: {@code topicCreationsPerMinute} per minute.</li>
 * </ul>
 * {@link #tryAcquire} never waits: it takes the permits of every bucket a call needs, or none and says how long to
 * wait (the outbound schedule uses it, so one chat's wait never holds a thread); {@link #acquire} parks instead.
 * The per-second paces refill over one second plus {@code pacingMargin}: Telegram counts a message when it arrives,
 * and network jitter can bring two messages paced exactly one second apart here closer together there.
 * The buckets live in this replica only: with N replicas sharing one bot, give each {@code botPerSecond = 30/N}.
 * Buckets of the {@value #MAX_CHATS} least recently used chats are kept; an evicted chat starts fresh.
 */
public final class SendRateLimits {

    /** Messages a group chat may get at once before its per-minute pace applies. */
    public static final int GROUP_BURST = 3;

    /** How many per-chat buckets are kept. */
    public static final int MAX_CHATS = 10_000;

    /** The numbers, see the class comment. */
    public record Limits(int chatPerSecond, int chatBurst, int groupPerMinute, int botPerSecond,
                         int topicCreationsPerMinute, Duration pacingMargin) {
        public Limits {
            if (chatPerSecond < 1 || chatBurst < 1 || groupPerMinute < 1 || botPerSecond < 1
                    || topicCreationsPerMinute < 1) {
                throw new IllegalArgumentException("every send limit must be at least 1");
            }
            if (pacingMargin == null || pacingMargin.isNegative()) {
                pacingMargin = Duration.ZERO;
            }
        }

        /** Limits without a pacing margin. */
        public Limits(int chatPerSecond, int chatBurst, int groupPerMinute, int botPerSecond,
                      int topicCreationsPerMinute) {
            this(chatPerSecond, chatBurst, groupPerMinute, botPerSecond, topicCreationsPerMinute, Duration.ZERO);
        }

        /** The per-second refill period: one second plus the margin. */
        Duration second() {
            return Duration.ofSeconds(1).plus(pacingMargin);
        }

        /** Limits with the default 20 topic creations per minute. */
        public Limits(int chatPerSecond, int chatBurst, int groupPerMinute, int botPerSecond) {
            this(chatPerSecond, chatBurst, groupPerMinute, botPerSecond, 20);
        }
    }

    /** Which buckets one Bot API call draws from. */
    public enum Pace {
        /** A message or message-like call to a chat: its chat bucket, its group bucket (groups) and the bot's. */
        CHAT,
        /** createForumTopic: like {@link #CHAT} plus the group's topic-creation bucket. */
        TOPIC_CREATION,
        /** A call that is not a message to the chat (answerCallbackQuery, sendChatAction): the bot's bucket only. */
        BOT_ONLY
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
    private final Map<Long, Bucket> topicCreations = new LinkedHashMap<>(16, 0.75f, true) {
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
                .addLimit(l -> l.capacity(limits.botPerSecond()).refillGreedy(limits.botPerSecond(), limits.second()))
                .build();
    }

    /**
     * Blocks the calling thread until one more message may go to {@code chatId}, and takes that permit.
     *
     * @throws InterruptedException when the thread is interrupted while waiting (the permit may be spent)
     */
    public void acquire(long chatId) throws InterruptedException {
        long wait;
        while ((wait = tryAcquire(chatId, Pace.CHAT)) > 0) {
            waiting.park(wait);
        }
    }

    /**
     * Takes one permit from every bucket a call of kind {@code pace} to {@code chatId} needs, if all have one.
     *
     * @return 0 when the permits were taken; otherwise the nanoseconds until they may all be available (nothing
     *         was taken)
     */
    public synchronized long tryAcquire(long chatId, Pace pace) {
        Bucket chat = pace == Pace.BOT_ONLY ? null : chats.computeIfAbsent(chatId, this::newChatBucket);
        Bucket topics = pace == Pace.TOPIC_CREATION
                ? topicCreations.computeIfAbsent(chatId, this::newTopicCreationBucket) : null;
        long wait = nanosToWait(bot);
        if (chat != null) {
            wait = Math.max(wait, nanosToWait(chat));
        }
        if (topics != null) {
            wait = Math.max(wait, nanosToWait(topics));
        }
        if (wait > 0) {
            return wait;
        }
        bot.tryConsume(1);
        if (chat != null) {
            chat.tryConsume(1);
        }
        if (topics != null) {
            topics.tryConsume(1);
        }
        return 0;
    }

    private static long nanosToWait(Bucket bucket) {
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    private Bucket newTopicCreationBucket(long chatId) {
        return builder()
                .addLimit(l -> l.capacity(limits.topicCreationsPerMinute())
                        .refillGreedy(limits.topicCreationsPerMinute(), Duration.ofMinutes(1)))
                .build();
    }

    private Bucket newChatBucket(long chatId) {
        LocalBucketBuilder builder = builder()
                .addLimit(l -> l.capacity(limits.chatBurst())
                        .refillGreedy(limits.chatPerSecond(), limits.second()));
        if (chatId < 0) {
            builder.addLimit(l -> l.capacity(Math.min(GROUP_BURST, limits.groupPerMinute()))
                    .refillGreedy(limits.groupPerMinute(), Duration.ofMinutes(1)));
        }
        return builder.build();
    }

    private LocalBucketBuilder builder() {
        return Bucket.builder().withCustomTimePrecision(clock);
    }
}
