package io.wellness.tracking.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for an asynchronous effect (an event consumed) instead of sleeping a fixed time. */
public final class Eventually {
    private Eventually() {
    }

    public static <T> T await(Supplier<T> probe, java.util.function.Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = probe.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + timeout + "; last value: " + value);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
            value = probe.get();
        }
        return value;
    }
}
