package com.reelay.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapSamplerTest {

    private static final int MB = 1024 * 1024;

    @Test
    void passesTheBytesThroughTakingACheckpointEverySoManyBytes() throws IOException {
        byte[] bytes = new byte[10_000];
        new java.util.Random(3).nextBytes(bytes);
        try (HeapSampler heap = HeapSampler.start(4_000)) {
            InputStream in = heap.checkpointing(new ByteArrayInputStream(bytes));
            byte[] copy = new byte[bytes.length];
            copy[0] = (byte) in.read();
            int n = 1;
            for (int r; (r = in.read(copy, n, Math.min(999, copy.length - n))) > 0; ) {
                n += r;
            }
            assertArrayEquals(bytes, copy);
            assertEquals(2, heap.checkpoints().size(), "at 4,000 and 8,000 bytes");
            assertTrue(heap.liveGrowth().isPresent());
        }
    }

    @Test
    void noCheckpointMeansNoMeasurement() {
        try (HeapSampler heap = HeapSampler.start(MB)) {
            assertTrue(heap.liveGrowth().isEmpty());
        }
    }

    /** The property it exists for: what a reader keeps shows, what it drops does not. */
    @Test
    void liveGrowthShowsWhatTheReaderHoldsAndNotItsGarbage() throws IOException {
        long kept;
        long dropped;
        try (HeapSampler heap = HeapSampler.start(8 * MB)) {
            List<byte[]> held = new ArrayList<>();
            read(heap.checkpointing(zeros(64 * MB)), held);
            kept = heap.liveGrowth().orElseThrow();
            assertTrue(held.size() > 0);
        }
        try (HeapSampler heap = HeapSampler.start(8 * MB)) {
            read(heap.checkpointing(zeros(64 * MB)), null);
            dropped = heap.liveGrowth().orElseThrow();
        }
        assertTrue(kept > 48L * MB, "held 56 MB at the last checkpoint, measured " + kept / MB + " MB");
        assertTrue(dropped < 16L * MB, "held nothing, measured " + dropped / MB + " MB");
    }

    private static void read(InputStream in, List<byte[]> keep) throws IOException {
        while (true) {
            byte[] chunk = new byte[MB];
            if (in.readNBytes(chunk, 0, MB) <= 0) {
                return;
            }
            if (keep != null) {
                keep.add(chunk);
            }
        }
    }

    private static InputStream zeros(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                left -= n;
                return n;
            }
        };
    }
}
