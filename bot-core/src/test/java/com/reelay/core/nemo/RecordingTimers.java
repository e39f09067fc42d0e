package com.reelay.core.nemo;

import com.reelay.core.chat.support.DaemonThreads;
import com.reelay.core.nemo.internal.Timers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Timers that record each requested delay and run the task at once (on one thread), so schedules are checked without waiting. */
final class RecordingTimers implements Timers, AutoCloseable {

    final List<Duration> delays = new CopyOnWriteArrayList<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(DaemonThreads.named("recording-timers"));

    @Override
    public Scheduled schedule(Runnable task, Duration delay) {
        delays.add(delay);
        runner.execute(task);
        return () -> { };
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
