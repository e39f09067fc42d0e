package com.reelay.core.nemo;

import com.reelay.core.chat.FilePolicy;
import static com.reelay.core.nemo.NemoResponses.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.AttachmentUnavailable;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Multipart uploads: shape, streaming from the source, and the checks made before sending. */
class UploadTest {

    private static final String SID = "7123456789012345678";

    private final MockWebServer server = new MockWebServer();
    private OkHttpNemoClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = TestClients.client(TestClients.fast(server), new RecordingSleeper());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private record Part(String disposition, String contentType, String content) {
    }

    private static List<Part> parts(RecordedRequest request) throws Exception {
        MediaType type = MediaType.get(request.getHeaders().get("Content-Type"));
        List<Part> parts = new ArrayList<>();
        try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody()), type.parameter("boundary"))) {
            MultipartReader.Part part;
            while ((part = reader.nextPart()) != null) {
                parts.add(new Part(part.headers().get("Content-Disposition"), part.headers().get("Content-Type"),
                        part.body().readUtf8()));
            }
        }
        return parts;
    }

    private static UploadSource source(String name, String content, String type, AtomicInteger opens) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new UploadSource(name, bytes.length, type, () -> {
            opens.incrementAndGet();
            return new ByteArrayInputStream(bytes);
        });
    }

    @Test
    void severalFilesGoAsFilesPartsOfOneMultipartUpload() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        server.enqueue(ok("{\"files\":[{\"filename\":\"clip.mp4\",\"cdn_url\":\"https://cdn/1\"},"
                + "{\"filename\":\"photo.jpg\",\"cdn_url\":\"https://cdn/2\"}]}"));

        List<UploadedFile> uploaded = client.upload(TestClients.fixed(), SID, List.of(
                source("clip.mp4", "video-bytes", "video/mp4", opens),
                source("photo.jpeg", "image-bytes", "image/jpeg", opens)));

        assertEquals(2, uploaded.size());
        assertEquals("https://cdn/2", uploaded.get(1).cdnUrl());
        assertEquals(2, opens.get(), "each source opened exactly once");
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", request.getMethod());
        assertEquals("/api/upload-video/nemo_agent/me/" + SID, request.getUrl().encodedPath());
        assertTrue(request.getHeaders().get("Content-Type").startsWith("multipart/form-data; boundary="));
        assertEquals(String.valueOf(request.getBodySize()), request.getHeaders().get("Content-Length"),
                "the length is declared up front");
        List<Part> parts = parts(request);
        assertEquals(List.of(
                new Part("form-data; name=\"files\"; filename=\"clip.mp4\"", "video/mp4", "video-bytes"),
                new Part("form-data; name=\"files\"; filename=\"photo.jpg\"", "image/jpeg", "image-bytes")), parts);
    }

    @Test
    void aSourceIsOpenedOnlyWhenTheUploadIsSent() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        UploadSource lazy = source("a.mp3", "abc", null, opens);
        assertEquals(0, opens.get());
        server.enqueue(ok("{\"files\":[]}"));
        client.upload(TestClients.fixed(), SID, List.of(lazy));
        assertEquals(1, opens.get());
        assertEquals("application/octet-stream", parts(server.takeRequest(5, TimeUnit.SECONDS)).get(0).contentType());
    }

    @Test
    void aSourceShorterThanDeclaredFailsAndIsNotSentAgain() {
        AtomicInteger opens = new AtomicInteger();
        UploadSource lying = new UploadSource("a.mp4", 1000, "video/mp4", () -> {
            opens.incrementAndGet();
            return new ByteArrayInputStream(new byte[10]);
        });
        server.enqueue(ok("{\"files\":[]}"));
        assertThrows(NemoException.UploadSourceFailed.class, () -> client.upload(TestClients.fixed(), SID, List.of(lying)));
        assertEquals(1, opens.get());
    }

    @Test
    void filesOverTheLimitOrOfUnknownTypeAreRefusedBeforeSending() {
        AtomicInteger opens = new AtomicInteger();
        UploadSource huge = new UploadSource("big.mp4", FilePolicy.MAX_FILE_BYTES + 1, "video/mp4", () -> {
            opens.incrementAndGet();
            return new ByteArrayInputStream(new byte[0]);
        });
        assertThrows(NemoException.FileTooLarge.class, () -> client.upload(TestClients.fixed(), SID, List.of(huge)));
        assertThrows(NemoException.UnsupportedFile.class, () -> client.upload(TestClients.fixed(), SID,
                List.of(source("notes.txt", "x", "text/plain", opens))));
        assertEquals(0, opens.get());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void theServiceRefusingAFileIsTyped() {
        server.enqueue(NemoResponses.code(4001, "unsupported file type"));
        assertThrows(NemoException.UnsupportedFile.class, () -> client.upload(TestClients.fixed(), SID,
                List.of(source("a.webm", "x", "video/webm", new AtomicInteger()))));
        server.enqueue(NemoResponses.code(4002, "file too large"));
        assertThrows(NemoException.FileTooLarge.class, () -> client.upload(TestClients.fixed(), SID,
                List.of(source("a.webm", "x", "video/webm", new AtomicInteger()))));
    }

    @Test
    void anUploadRefusedForItsTokenIsSentAgainFromAFreshlyOpenedSource() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        server.enqueue(NemoResponses.code(1001, "token expired"));
        server.enqueue(NemoResponses.token(TestClients.NEW_TOKEN, TestClients.USER_ID));
        server.enqueue(ok("{\"files\":[{\"filename\":\"a.mp4\"}]}"));
        client.upload(NemoAuth.anonymous(TestClients.keptIdentity()), SID,
                List.of(source("a.mp4", "the-bytes", "video/mp4", opens)));
        assertEquals(2, opens.get());
        assertEquals("the-bytes", parts(server.takeRequest(5, TimeUnit.SECONDS)).get(0).content());
        server.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest again = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("Bearer " + TestClients.NEW_TOKEN, again.getHeaders().get("Authorization"));
        assertEquals("the-bytes", parts(again).get(0).content());
    }

    @Test
    void anUploadIsNotRetriedAfterAServerError() {
        server.enqueue(NemoResponses.http(503, null));
        server.enqueue(ok("{\"files\":[]}"));
        AtomicInteger opens = new AtomicInteger();
        assertThrows(NemoException.Unavailable.class, () -> client.upload(TestClients.fixed(), SID,
                List.of(source("a.webm", "x", "video/webm", opens))));
        assertEquals(1, server.getRequestCount());
        assertEquals(1, opens.get());
    }

    @Test
    void aFileThePlatformWontHandOverIsThePlatformsFailureNotNemoVideosAndIsNotRetried() {
        AtomicInteger opens = new AtomicInteger();
        UploadSource refused = new UploadSource("talk.mp4", 1000, "video/mp4", () -> {
            opens.incrementAndGet();
            throw new AttachmentUnavailable("Telegram refused to hand over the file.");
        });
        server.enqueue(ok("{\"files\":[]}"));
        NemoException.UploadSourceFailed failed = assertThrows(NemoException.UploadSourceFailed.class,
                () -> client.upload(TestClients.fixed(), SID, List.of(refused)));
        assertEquals("Telegram refused to hand over the file.", ((AttachmentUnavailable) failed.getCause()).reason());
        assertEquals(1, opens.get());
    }

    @Test
    void aDownloadThatBreaksOffMidwayIsTheSourcesFailure() {
        UploadSource broken = new UploadSource("clip.mp4", 100_000, "video/mp4", () -> new java.io.InputStream() {
            private int served;

            @Override
            public int read() throws java.io.IOException {
                if (served++ < 70_000) {
                    return 7;
                }
                throw new java.io.IOException("connection reset by the platform");
            }
        });
        server.enqueue(ok("{\"files\":[]}"));
        assertThrows(NemoException.UploadSourceFailed.class, () -> client.upload(TestClients.fixed(), SID, List.of(broken)));
    }

    /** Telegram may not declare a file's size: it streams (chunked), checked against the limit as it goes. */
    @Test
    void aSourceOfUnknownSizeIsStreamedChunked() throws Exception {
        server.enqueue(ok("{\"files\":[{\"filename\":\"clip.mp4\",\"cdn_url\":\"https://cdn/1\"}]}"));
        String content = "0123456789".repeat(10_000);
        UploadSource unknown = new UploadSource("clip.mp4", -1, "video/mp4",
                () -> new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));

        client.upload(TestClients.fixed(), SID, List.of(unknown));

        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("chunked", request.getHeaders().get("Transfer-Encoding"));
        assertEquals(content, parts(request).get(0).content());
    }
}
