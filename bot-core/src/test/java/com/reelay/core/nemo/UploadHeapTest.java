package com.reelay.core.nemo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 200 MB upload, generated on the fly, streams through the client without the heap growing
 * with it. The server keeps no body bytes ({@code bodyLimit = 0}: it counts and discards them).
 *
 * <p>Measured robustly: at every 25 MB the generating stream (which runs on the uploading thread,
 * inside OkHttp's body write) forces a GC and reads the used heap, so garbage cannot hide or fake
 * retention; anything the client held of the file would still be live then. A sampling thread
 * records the raw peak as well, for the report.
 */
class UploadHeapTest {

    private static final long SIZE = AcceptedMedia.MAX_FILE_BYTES;
    private static final long CHECK_EVERY = 25L * 1024 * 1024;
    private static final long LIMIT = 32L * 1024 * 1024;

    private final MockWebServer server = new MockWebServer();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private OkHttpNemoClient client;

    @BeforeEach
    void start() throws Exception {
        server.setBodyLimit(0);
        server.start();
        client = TestClients.client(TestClients.fast(server), new RecordingSleeper());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private long usedAfterGc() {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Produces {@code size} bytes of a pattern, calling {@code checkpoint} every {@link #CHECK_EVERY} bytes. */
    private static InputStream generated(long size, Runnable checkpoint) {
        return new InputStream() {
            private long produced;
            private long nextCheck = CHECK_EVERY;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (produced >= size) {
                    return -1;
                }
                int n = (int) Math.min(length, size - produced);
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = (byte) ((produced + i) * 31);
                }
                produced += n;
                if (produced >= nextCheck) {
                    nextCheck += CHECK_EVERY;
                    checkpoint.run();
                }
                return n;
            }
        };
    }

    @Test
    void a200MegabyteUploadStreamsInBoundedHeap() throws Exception {
        server.enqueue(NemoResponses.ok("{\"files\":[{\"filename\":\"big.mp4\",\"cdn_url\":\"https://cdn/big\"}]}"));
        List<Long> checkpoints = new CopyOnWriteArrayList<>();
        AtomicLong rawPeak = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                rawPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");

        long baseline = usedAfterGc();
        sampler.start();
        long started = System.nanoTime();
        List<UploadedFile> uploaded;
        try {
            uploaded = client.upload(TestClients.fixed(), "1",
                    List.of(new UploadSource("big.mp4", SIZE, "video/mp4",
                            () -> generated(SIZE, () -> checkpoints.add(usedAfterGc())))));
        } finally {
            sampling.set(false);
            sampler.join();
        }
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertEquals("https://cdn/big", uploaded.get(0).cdnUrl());
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertTrue(request.getBodySize() > SIZE, "the whole file reached the server: " + request.getBodySize());
        assertEquals(SIZE / CHECK_EVERY, checkpoints.size());
        long growth = checkpoints.stream().mapToLong(Long::longValue).max().orElseThrow() - baseline;
        System.out.printf("200 MB upload in %d ms: live heap growth %.1f MB (after GC, max of %d checkpoints),"
                        + " raw peak growth %.1f MB (sampled, garbage included)%n",
                elapsedMs, growth / 1048576.0, checkpoints.size(), (rawPeak.get() - baseline) / 1048576.0);
        assertTrue(growth < LIMIT, "heap grew by " + growth / 1048576 + " MB while uploading");
    }

    /** A file whose size nobody declared is counted as it streams, and cut off past the limit. */
    @Test
    void aSourceOfUnknownSizeThatRunsPastTheLimitIsCutOffAsTooLarge() {
        server.enqueue(NemoResponses.ok("{\"files\":[]}"));
        UploadSource endless = new UploadSource("big.mp4", -1, "video/mp4", () -> generated(SIZE + CHECK_EVERY, () -> { }));

        assertThrows(NemoException.FileTooLarge.class, () -> client.upload(TestClients.fixed(), "1", List.of(endless)));
    }
}
