package com.reelay.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Time that moves only when a test says so; due tasks run on the test's thread. */
final class ManualScheduler implements Scheduler {

    private long now = 1_000_000_000L;
    private long sequence;
    private final List<Task> tasks = new ArrayList<>();

    private static final class Task {
        final long due;
        final long order;
        final Runnable run;
        boolean cancelled;

        Task(long due, long order, Runnable run) {
            this.due = due;
            this.order = order;
            this.run = run;
        }
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(now + Math.max(0, delay.toNanos()), sequence++, task);
        tasks.add(t);
        return () -> {
            synchronized (this) {
                t.cancelled = true;
                tasks.remove(t);
            }
        };
    }

    /** Moves time forward, running every task that falls due on the way, in order. */
    void advance(Duration by) {
        long target;
        synchronized (this) {
            target = now + by.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.due <= target)
                        .min(Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.order)).orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                tasks.remove(next);
                now = Math.max(now, next.due);
            }
            if (!next.cancelled) {
                next.run.run();
            }
        }
    }

    synchronized int scheduled() {
        return tasks.size();
    }
}
