package io.switchboard.e2e;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until a condition holds, failing with the last observed value. */
final class Eventually {

    private Eventually() {
    }

    /**
     * Returns the first value of {@code probe} that satisfies {@code done} within {@code timeout}.
     *
     * @throws AssertionError with {@code what} and the last value when the time runs out
     */
    static <T> T await(String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.get();
                if (done.test(last)) {
                    return last;
                }
                lastError = null;
            } catch (RuntimeException e) {
                lastError = e;
            }
            ServiceProcess.sleep(150);
        }
        AssertionError error = new AssertionError("timed out after " + timeout + " waiting for " + what + "; last: " + last);
        if (lastError != null) {
            error.initCause(lastError);
        }
        throw error;
    }
}
