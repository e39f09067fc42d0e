package com.reelay.core.nemo.internal;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Delayed work for every stream and render watch of a client: one shared scheduler whose threads
 * only hand each due task to a worker pool, so that no task can hold up the timers of others.
 */
public interface Timers {

    /** A scheduled task that has not run yet can be cancelled. */
    interface Scheduled {
        void cancel();
    }

    Scheduled schedule(Runnable task, Duration delay);

    static Timers on(ScheduledExecutorService scheduler, Executor worker) {
        return (task, delay) -> {
            ScheduledFuture<?> future = scheduler.schedule(() -> worker.execute(task),
                    Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
