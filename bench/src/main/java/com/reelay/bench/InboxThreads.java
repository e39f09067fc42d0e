package com.reelay.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Where the fleet nodes' inbox threads ({@code reelay-fleet-inbox}, a fixed pool per node that
 * reads each woken chat's requests and hands them to the engine) spend their time, sampled:
 * idle (no chat to read), waiting for a pool connection, in a database call, or elsewhere (the
 * front end's and the engine's own work on the request). A pool that is never idle is the
 * instance's ceiling.
 */
final class InboxThreads {

    private static final String NAME = "reelay-fleet-inbox";
    private static final String[] PLACES = {"idle", "awaiting a pool connection", "in a database call",
        "elsewhere (own work, or waiting for a CPU)"};

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long[] ids;
    private final long[] seen = new long[PLACES.length];

    /** The inbox threads alive now (a node starts them as chats are first woken). */
    InboxThreads() {
        ids = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(NAME))
                .mapToLong(Thread::getId).toArray();
    }

    synchronized void sample() {
        for (ThreadInfo t : threads.getThreadInfo(ids, 40)) {
            if (t != null) {
                seen[place(t.getStackTrace())]++;
            }
        }
    }

    private static int place(StackTraceElement[] stack) {
        if (Arrays.stream(stack).anyMatch(f -> f.getMethodName().equals("getTask")
                && f.getClassName().equals("java.util.concurrent.ThreadPoolExecutor"))) {
            return 0;
        }
        if (Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("com.zaxxer.hikari.pool.HikariPool")
                && f.getMethodName().equals("getConnection"))) {
            return 1;
        }
        return Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("org.postgresql.")) ? 2 : 3;
    }

    /** How many threads, and the share of samples in each place. */
    synchronized String shares() {
        long all = Arrays.stream(seen).sum();
        StringBuilder out = new StringBuilder(ids.length + " threads: ");
        for (int i = 0; i < PLACES.length; i++) {
            out.append(i == 0 ? "" : ", ").append(String.format("%s %.0f %%", PLACES[i], all == 0 ? 0 : 100.0 * seen[i] / all));
        }
        return out.toString();
    }
}
