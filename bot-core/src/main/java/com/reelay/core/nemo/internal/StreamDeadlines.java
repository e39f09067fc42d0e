package com.reelay.core.nemo.internal;

import com.reelay.core.nemo.NemoException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The timers that watch one chat stream on the shared scheduler: the overall limit, the idle
 * limit (time since the last event that was not a heartbeat, counted from the start so that
 * total silence times out too), and the one retry after a refusal.
 */
final class StreamDeadlines {

    private final ChatRuntime runtime;
    private final LongSupplier lastProgressNanos;
    private final BooleanSupplier done;
    private final Consumer<NemoException> fail;
    private volatile Timers.Scheduled overall;
    private volatile Timers.Scheduled idle;
    private volatile Timers.Scheduled retry;

    StreamDeadlines(ChatRuntime runtime, LongSupplier lastProgressNanos, BooleanSupplier done,
                    Consumer<NemoException> fail) {
        this.runtime = runtime;
        this.lastProgressNanos = lastProgressNanos;
        this.done = done;
        this.fail = fail;
    }

    void start() {
        overall = runtime.timers().schedule(() -> fail.accept(new NemoException.StreamTimedOut(false,
                ChatCall.WHERE + ": no end after " + runtime.settings().streamTimeout().toMillis() + " ms")),
                runtime.settings().streamTimeout());
        idle = runtime.timers().schedule(this::checkIdle, runtime.settings().streamIdleTimeout());
    }

    void retryIn(Duration wait, Runnable attempt) {
        retry = runtime.timers().schedule(attempt, wait);
    }

    private void checkIdle() {
        if (done.getAsBoolean()) {
            return;
        }
        long limit = runtime.settings().streamIdleTimeout().toNanos();
        long quiet = System.nanoTime() - lastProgressNanos.getAsLong();
        if (quiet >= limit) {
            fail.accept(new NemoException.StreamTimedOut(true,
                    ChatCall.WHERE + ": no progress for " + TimeUnit.NANOSECONDS.toMillis(quiet) + " ms"));
        } else {
            idle = runtime.timers().schedule(this::checkIdle, Duration.ofNanos(limit - quiet));
        }
    }

    void stop() {
        for (Timers.Scheduled timer : new Timers.Scheduled[] {overall, idle, retry}) {
            if (timer != null) {
                timer.cancel();
            }
        }
    }
}
