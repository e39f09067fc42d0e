package com.reelay.core.chat.send;

import java.time.Duration;

/**
 * Time and timers for the send budget (and the adapters' own short waits), so tests can move
 * time by hand instead of sleeping.
 */
public interface Scheduler {

    /** A monotonic clock in nanoseconds (only differences mean anything). */
    long nanoTime();

    /** Runs {@code task} once after {@code delay}; the returned handle cancels it. */
    Cancellable schedule(Duration delay, Runnable task);

    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
