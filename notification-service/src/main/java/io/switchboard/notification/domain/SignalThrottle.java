package io.switchboard.notification.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Lets at most one value through per interval, and keeps the latest one that arrived too early for the end of the
 * interval (a throttle with a trailing edge), so a "stopped typing" right after "typing" is delayed, never lost.
 * Time is given by the caller (monotonic milliseconds). Thread-safe.
 *
 * <p>Use: {@link #offer} each value; {@link Verdict.Action#PUBLISH} → publish it now; {@link Verdict.Action#DEFER}
 * → call {@link #flush} after {@link Verdict#delayMillis()} and publish what it returns (again after
 * {@link Flush#retryAfterMillis()} when positive); {@link Verdict.Action#HELD} → nothing to do, an earlier deferral
 * will carry the value.
 *
 * @param <T> the signal's value (e.g. {@code Boolean} for typing)
 */
public final class SignalThrottle<T> {

    /** What to do with an offered value. */
    public record Verdict(Action action, long delayMillis) {

        /** The possible actions. */
        public enum Action {
            /** Publish the offered value now. */
            PUBLISH,
            /** Too early: call {@link #flush} after {@link Verdict#delayMillis()}. */
            DEFER,
            /** Too early, and a flush is already due: it will publish the latest value. */
            HELD
        }

        static final Verdict PUBLISH = new Verdict(Action.PUBLISH, 0);
        static final Verdict HELD = new Verdict(Action.HELD, 0);
    }

    private final long intervalMillis;
    private boolean published;
    private long lastPublishedAt;
    private T lastPublished;
    private T pending;
    private boolean hasPending;
    private boolean flushDue;

    /**
     * @param intervalMillis minimum time between two publishes, at least 0
     * @throws IllegalArgumentException when negative
     */
    public SignalThrottle(long intervalMillis) {
        if (intervalMillis < 0) {
            throw new IllegalArgumentException("interval must not be negative, was " + intervalMillis);
        }
        this.intervalMillis = intervalMillis;
    }

    /** Offers {@code value} at {@code nowMillis}; see the class comment for the verdicts. */
    public synchronized Verdict offer(T value, long nowMillis) {
        if (!published || nowMillis - lastPublishedAt >= intervalMillis) {
            // the interval is over: this value supersedes anything held back (a due flush then finds nothing)
            hasPending = false;
            pending = null;
            record(value, nowMillis);
            return Verdict.PUBLISH;
        }
        pending = value;
        hasPending = true;
        if (flushDue) {
            return Verdict.HELD;
        }
        flushDue = true;
        return new Verdict(Verdict.Action.DEFER, lastPublishedAt + intervalMillis - nowMillis);
    }

    /**
     * The deferred end of an interval: the latest value held back, when it differs from the last one published (a
     * repeated "typing" needs no extra publish); recorded as published. When a publish happened meanwhile (the
     * interval ended and a new value went straight through before this flush ran), a held-back value waits for the end
     * of that interval: {@link Flush#retryAfterMillis()} says when to flush again.
     */
    public synchronized Flush<T> flush(long nowMillis) {
        flushDue = false;
        if (!hasPending) {
            return Flush.nothing();
        }
        if (published && nowMillis - lastPublishedAt < intervalMillis) {
            flushDue = true;
            return new Flush<>(Optional.empty(), lastPublishedAt + intervalMillis - nowMillis);
        }
        T value = pending;
        hasPending = false;
        pending = null;
        if (published && Objects.equals(value, lastPublished)) {
            return Flush.nothing();
        }
        record(value, nowMillis);
        return new Flush<>(Optional.of(value), 0);
    }

    /**
     * What a {@link #flush} found.
     *
     * @param publish          the value to publish now, or empty
     * @param retryAfterMillis when positive, call {@link #flush} again after this many milliseconds
     */
    public record Flush<T>(Optional<T> publish, long retryAfterMillis) {

        static <T> Flush<T> nothing() {
            return new Flush<>(Optional.empty(), 0);
        }
    }

    /** The last value published, or empty before the first; a held-back value counts once flushed. */
    public synchronized Optional<T> lastPublished() {
        return published ? Optional.ofNullable(lastPublished) : Optional.empty();
    }

    /** The latest value offered: the held-back one if any, else the last published (empty before the first). */
    public synchronized Optional<T> latest() {
        return hasPending ? Optional.ofNullable(pending) : lastPublished();
    }

    private void record(T value, long nowMillis) {
        published = true;
        lastPublished = value;
        lastPublishedAt = nowMillis;
    }
}
