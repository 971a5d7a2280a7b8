package io.switchboard.conversation;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for asynchronous effects (Kafka consumption, the outbox relay) in tests. */
public final class Polling {

    private Polling() {
    }

    /**
     * Evaluates {@code probe} until it returns a value {@code accept}s.
     *
     * @throws AssertionError with {@code what} and the last value when {@code timeout} passes first
     */
    public static <T> T until(String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> accept) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.get();
                lastError = null;
                if (accept.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        AssertionError error = new AssertionError("timed out waiting for " + what + "; last value: " + last);
        if (lastError != null) {
            error.initCause(lastError);
        }
        throw error;
    }
}
