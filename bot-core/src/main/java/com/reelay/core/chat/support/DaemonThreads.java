package com.reelay.core.chat.support;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for Reelay's own pools: daemons, so a pool nobody closed never keeps the JVM from
 * stopping, and named, so a thread dump (and the bench's thread count) says whose they are.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}, … in the order they are made. */
    public static ThreadFactory named(String prefix) {
        AtomicInteger made = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
