package com.reelay.core.nemo;

import com.reelay.core.chat.FilePolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.testkit.HeapSampler;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 200 MB upload, generated on the fly, streams through the client without the heap growing
 * with it. The server keeps no body bytes ({@code bodyLimit = 0}: it counts and discards them).
 * The file's stream checkpoints the live heap every 25 MB ({@link HeapSampler}), on the uploading
 * thread inside OkHttp's body write.
 */
class UploadHeapTest {

    private static final long SIZE = FilePolicy.MAX_FILE_BYTES;
    private static final long CHECK_EVERY = 25L * 1024 * 1024;
    private static final long LIMIT = 32L * 1024 * 1024;

    private final MockWebServer server = new MockWebServer();
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

    /** Produces {@code size} bytes of a pattern. */
    private static InputStream generated(long size) {
        return new InputStream() {
            private long produced;

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
                return n;
            }
        };
    }

    @Test
    void a200MegabyteUploadStreamsInBoundedHeap() throws Exception {
        server.enqueue(NemoResponses.ok("{\"files\":[{\"filename\":\"big.mp4\",\"cdn_url\":\"https://cdn/big\"}]}"));
        List<UploadedFile> uploaded;
        long elapsedMs;
        long growth;
        try (HeapSampler heap = HeapSampler.start(CHECK_EVERY)) {
            long started = System.nanoTime();
            uploaded = client.upload(TestClients.fixed(), "1", List.of(new UploadSource("big.mp4", SIZE, "video/mp4",
                    () -> heap.checkpointing(generated(SIZE)))));
            elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(SIZE / CHECK_EVERY, heap.checkpoints().size());
            growth = heap.liveGrowth().orElseThrow();
            System.out.printf("200 MB upload in %d ms: live heap growth %.1f MB (after GC, max of %d checkpoints),"
                            + " raw peak growth %.1f MB (sampled, garbage included)%n",
                    elapsedMs, growth / 1048576.0, heap.checkpoints().size(), heap.rawPeakGrowth() / 1048576.0);
        }

        assertEquals("https://cdn/big", uploaded.get(0).cdnUrl());
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertTrue(request.getBodySize() > SIZE, "the whole file reached the server: " + request.getBodySize());
        assertTrue(growth < LIMIT, "heap grew by " + growth / 1048576 + " MB while uploading");
    }

    /** A file whose size nobody declared is counted as it streams, and cut off past the limit. */
    @Test
    void aSourceOfUnknownSizeThatRunsPastTheLimitIsCutOffAsTooLarge() {
        server.enqueue(NemoResponses.ok("{\"files\":[]}"));
        UploadSource endless = new UploadSource("big.mp4", -1, "video/mp4", () -> generated(SIZE + 1024 * 1024));

        assertThrows(NemoException.FileTooLarge.class, () -> client.upload(TestClients.fixed(), "1", List.of(endless)));
    }
}
