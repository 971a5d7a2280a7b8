package io.switchboard.ingest.domain;

import io.github.bucket4j.TimeMeter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides which outbound Bot API call goes next, without threads or waiting (the caller owns both): one FIFO lane
 * per chat, at most one call in flight per lane, lanes paced by {@link SendRateLimits}, and a lane that has to wait
 * (its bucket, a {@code retry_after}, a backoff) never holds back another lane.
 *
 * <p>An item is one command; it stays at the head of its lane until {@link #complete} (a multi-call command is
 * offered again after each {@link #retryLater} with delay 0, one call per dispatch, each paced). Lanes become
 * eligible in order of the time they may go, ties broken round-robin. Not thread-safe by itself: callers
 * synchronise on this object (as {@code OutboundQueue} does).
 *
 * @param <T> the item type
 */
public final class OutboundSchedule<T> {

    /** What {@link #poll} found. */
    public sealed interface Next<T> {
    }

    /** Run the head of {@code lane} now: its permits are taken and the lane is busy until released. */
    public record Dispatch<T>(long lane, T item) implements Next<T> {
    }

    /** Nothing may go for {@code nanos} nanoseconds (unless an item is added or a lane released). */
    public record Wait<T>(long nanos) implements Next<T> {
    }

    /** No lane has an idle item. */
    public record Idle<T>() implements Next<T> {
    }

    /** How one item's next call is paced and to which chat it counts. */
    public record Cost(long chatId, SendRateLimits.Pace pace) {
    }

    private static final class Lane<T> {
        final long id;
        final ArrayDeque<T> items = new ArrayDeque<>();
        boolean busy;
        boolean queued;
        long notBefore;
        long order;

        Lane(long id) {
            this.id = id;
        }
    }

    private final SendRateLimits limits;
    private final TimeMeter clock;
    private final Function<T, Cost> cost;
    private final Map<Long, Lane<T>> lanes = new HashMap<>();
    private final PriorityQueue<Lane<T>> ready = new PriorityQueue<>(
            Comparator.<Lane<T>>comparingLong(l -> l.notBefore).thenComparingLong(l -> l.order));
    private long nextOrder;
    private long botPausedUntil = Long.MIN_VALUE;
    private int size;

    /**
     * @param limits the token buckets
     * @param clock  nanosecond clock shared with {@code limits}
     * @param cost   how the next call of an item is paced
     */
    public OutboundSchedule(SendRateLimits limits, TimeMeter clock, Function<T, Cost> cost) {
        this.limits = limits;
        this.clock = clock;
        this.cost = cost;
    }

    /** Appends {@code item} to lane {@code lane} (usually the chat id). */
    public void add(long lane, T item) {
        Lane<T> l = lanes.computeIfAbsent(lane, Lane::new);
        l.items.addLast(item);
        size++;
        if (!l.busy && !l.queued) {
            l.notBefore = Math.max(l.notBefore, now());
            enqueue(l);
        }
    }

    /** Items added and not completed yet (in flight included). */
    public int size() {
        return size;
    }

    /** Finds the next call that may go now and takes its permits, or says how long nothing can. */
    public Next<T> poll() {
        long now = now();
        if (botPausedUntil > now && !ready.isEmpty()) {
            return new Wait<>(botPausedUntil - now);
        }
        while (!ready.isEmpty()) {
            Lane<T> lane = ready.peek();
            if (lane.notBefore > now) {
                return new Wait<>(lane.notBefore - now);
            }
            ready.poll();
            lane.queued = false;
            T head = lane.items.peekFirst();
            Cost c = cost.apply(head);
            long wait = limits.tryAcquire(c.chatId(), c.pace());
            if (wait == 0) {
                lane.busy = true;
                return new Dispatch<>(lane.id, head);
            }
            lane.notBefore = now + wait;
            enqueue(lane);
        }
        return new Idle<>();
    }

    /** The head of {@code lane} is finished: it is removed and the lane's next item may go. */
    public void complete(long lane) {
        Lane<T> l = lanes.get(lane);
        if (l == null || l.items.isEmpty()) {
            return;
        }
        l.items.removeFirst();
        size--;
        l.busy = false;
        if (l.items.isEmpty()) {
            lanes.remove(lane);
        } else {
            l.notBefore = Math.max(l.notBefore, now());
            enqueue(l);
        }
    }

    /** The head of {@code lane} stays first and is offered again after {@code delayNanos} (0 = as soon as paced). */
    public void retryLater(long lane, long delayNanos) {
        Lane<T> l = lanes.get(lane);
        if (l == null || l.items.isEmpty()) {
            return;
        }
        l.busy = false;
        l.notBefore = Math.max(l.notBefore, now() + Math.max(0, delayNanos));
        enqueue(l);
    }

    /**
     * Removes every item that matches {@code filter}, except the head of a busy lane (its call is in flight); a lane
     * left empty is forgotten, otherwise its new head keeps the lane's place and pacing.
     *
     * @return the items removed, in lane order
     */
    public List<T> removeIf(Predicate<? super T> filter) {
        List<T> removed = new ArrayList<>();
        for (Iterator<Lane<T>> lanes = this.lanes.values().iterator(); lanes.hasNext(); ) {
            Lane<T> lane = lanes.next();
            boolean first = true;
            for (Iterator<T> items = lane.items.iterator(); items.hasNext(); ) {
                T item = items.next();
                boolean inFlight = first && lane.busy;
                first = false;
                if (!inFlight && filter.test(item)) {
                    items.remove();
                    removed.add(item);
                    size--;
                }
            }
            if (lane.items.isEmpty()) {
                if (lane.queued) {
                    ready.remove(lane);
                    lane.queued = false;
                }
                lanes.remove();
            }
        }
        return removed;
    }

    /** Nothing is dispatched for {@code delayNanos} (a 429 without a chat scope). */
    public void pauseBot(long delayNanos) {
        botPausedUntil = Math.max(botPausedUntil, now() + delayNanos);
    }

    private void enqueue(Lane<T> lane) {
        lane.order = nextOrder++;
        lane.queued = true;
        ready.add(lane);
    }

    private long now() {
        return clock.currentTimeNanos();
    }
}
