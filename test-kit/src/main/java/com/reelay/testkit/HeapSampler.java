package com.reelay.testkit;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much heap a streaming piece of work holds on to. Measured robustly: the stream the work
 * reads ({@link #checkpointing}) stops every so many bytes, on the reading thread, to force a GC
 * and read the used heap, so garbage can neither hide nor fake retention: anything the work held
 * of the bytes would still be live then. A thread also samples the raw peak, garbage included,
 * for the report.
 */
public final class HeapSampler implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 5;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final long checkEvery;
    private final long baseline;
    private final List<Long> checkpoints = new CopyOnWriteArrayList<>();
    private final AtomicLong rawPeak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean sampling = true;

    private HeapSampler(long checkEvery) {
        this.checkEvery = checkEvery;
        this.baseline = usedAfterGc();
        this.sampler = new Thread(this::sample, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Takes the baseline (used heap after a full GC) and starts sampling. */
    public static HeapSampler start(long checkEveryBytes) {
        return new HeapSampler(checkEveryBytes);
    }

    /** {@code in}, passed through, taking a checkpoint every {@code checkEveryBytes} bytes read. */
    public InputStream checkpointing(InputStream in) {
        return new FilterInputStream(in) {
            private long read;
            private long next = checkEvery;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b != -1) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(int n) {
                read += n;
                if (read >= next) {
                    next += checkEvery;
                    checkpoints.add(usedAfterGc());
                }
            }
        };
    }

    /** Used heap after GC at each checkpoint, in order. */
    public List<Long> checkpoints() {
        return List.copyOf(checkpoints);
    }

    /** The largest checkpoint over the baseline; empty when no checkpoint was reached. */
    public OptionalLong liveGrowth() {
        OptionalLong max = checkpoints.stream().mapToLong(Long::longValue).max();
        return max.isPresent() ? OptionalLong.of(max.getAsLong() - baseline) : OptionalLong.empty();
    }

    /** The sampled peak over the baseline, garbage included. */
    public long rawPeakGrowth() {
        return rawPeak.get() - baseline;
    }

    private long usedAfterGc() {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private void sample() {
        while (sampling) {
            rawPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops sampling. */
    @Override
    public void close() {
        sampling = false;
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
