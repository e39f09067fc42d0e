package com.reelay.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;

/** Heap after a full GC and live threads of this JVM (the bot's side: the simulator runs elsewhere). */
record Footprint(long heapBytes, int threads, Map<String, Integer> threadsByName, long residentBytes) {

    /** OkHttp dispatcher threads busy with a call: with open streams, one per stream. */
    static final String READER = "OkHttp call";

    static Footprint now() {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 1_000];
        int n = root.enumerate(all, true);
        Map<String, Integer> byName = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            // "nemo-http-123" and "reelay-worker-7" count as "nemo-http", "reelay-worker"; OkHttp names a
            // dispatcher thread after the call it runs ("OkHttp http://127.0.0.1:…/run_sse"): a stream reader.
            String name = all[i].getName();
            name = name.startsWith("OkHttp http") ? READER : name.replaceAll("[-\\s#]*\\d+$", "");
            byName.merge(name, 1, Integer::sum);
        }
        return new Footprint(heap, ManagementFactory.getThreadMXBean().getThreadCount(), byName, resident());
    }

    /** The process's resident memory (Linux {@code VmRSS}): heap pages touched, thread stacks, native buffers. */
    private static long resident() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Not Linux: no figure.
        }
        return -1;
    }

    int named(String name) {
        return threadsByName.getOrDefault(name, 0);
    }
}
