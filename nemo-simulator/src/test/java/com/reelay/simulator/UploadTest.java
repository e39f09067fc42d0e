package com.reelay.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UploadTest {
    private static final long LIMIT = 200L * 1024 * 1024;
    private NemoSimulator sim;
    private Api api;
    private String sid;

    private void start(NemoSimulator.Builder builder) {
        sim = builder.start();
        api = Api.registered(sim, "token-user", 1000);
        sid = api.newSession();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void multipartFilesAreDescribedHashedHostedAndAddedToTheSession() throws Exception {
        start(Fast.builder());
        byte[] clip = "pretend this is a video".getBytes(StandardCharsets.UTF_8);
        byte[] photo = new byte[3000];
        byte[] song = new byte[] {1, 2, 3};
        MultipartBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("files", "clip.MP4", RequestBody.create(clip, MediaType.get("video/mp4")))
                .addFormDataPart("note", "a form field is ignored")
                .addFormDataPart("files", "photo.png", RequestBody.create(photo, MediaType.get("image/png")))
                .addFormDataPart("files", "song.mp3", RequestBody.create(song, MediaType.get("audio/mpeg")))
                .build();

        Api.Result r = api.post("/api/upload-video/nemo_agent/me/" + sid, body);

        assertEquals(0, r.code(), r.body());
        JsonNode files = r.data().path("files");
        assertEquals(3, files.size());
        assertFile(files.get(0), "clip.MP4", "video", sha256(clip));
        assertFile(files.get(1), "photo.png", "image", sha256(photo));
        assertFile(files.get(2), "song.mp3", "audio", sha256(song));
        assertEquals(1920, files.get(0).path("width").asInt());
        assertEquals(10.0, files.get(0).path("duration").asDouble());
        assertEquals(3000, files.get(1).path("size").asLong());
        assertEquals(3, api.state(sid).path("video_infos").size());
        Api.Result hosted = api.call(new okhttp3.Request.Builder().url(files.get(1).path("cdn_url").asText()).build());
        assertEquals(200, hosted.status());
        assertEquals("image/png", hosted.header("Content-Type"));
    }

    @Test
    void oneUnsupportedFileRejectsTheUploadWith4001ListingTheFormats() {
        start(Fast.builder());
        MultipartBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("files", "ok.mp4", RequestBody.create(new byte[10], MediaType.get("video/mp4")))
                .addFormDataPart("files", "setup.exe", RequestBody.create(new byte[10], MediaType.get("application/octet-stream")))
                .build();

        Api.Result r = api.post("/api/upload-video/nemo_agent/me/" + sid, body);

        assertEquals(200, r.status());
        assertEquals(4001, r.code());
        assertTrue(r.json().path("message").asText().contains("mp4, mov, avi, webm, mkv, jpg, png, gif, webp, mp3, wav, m4a, aac"),
                r.body());
        assertEquals("setup.exe", r.data().path("filename").asText());
        assertEquals(0, api.state(sid).path("video_infos").size());
    }

    @Test
    void jpegIsNotOnTheContractsList() {
        start(Fast.builder());
        MultipartBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("files", "photo.jpeg", RequestBody.create(new byte[10], MediaType.get("image/jpeg")))
                .build();

        assertEquals(4001, api.post("/api/upload-video/nemo_agent/me/" + sid, body).code());
    }

    @Test
    void urlUploadsAreJudgedByThePathsExtensionWithoutFetching() {
        start(Fast.builder());
        Api.Result ok = api.post("/api/upload-video/nemo_agent/me/" + sid,
                "{\"urls\":[\"https://unreachable.invalid/media/Clip.MOV?sig=abc\"],\"source_type\":\"url\"}");
        Api.Result bad = api.post("/api/upload-video/nemo_agent/me/" + sid,
                "{\"urls\":[\"https://unreachable.invalid/doc.pdf\"],\"source_type\":\"url\"}");

        assertEquals(0, ok.code(), ok.body());
        JsonNode file = ok.data().path("files").get(0);
        assertEquals("Clip.MOV", file.path("filename").asText());
        assertEquals("video", file.path("file_type").asText());
        assertEquals(4001, bad.code());
    }

    @Test
    void theSizeCapIsInclusive() {
        start(Fast.builder().maxUploadBytes(1000));

        Api.Result atCap = api.post("/api/upload-video/nemo_agent/me/" + sid, generated("a.mp4", 1000));
        Api.Result overCap = api.post("/api/upload-video/nemo_agent/me/" + sid, generated("b.mp4", 1001));

        assertEquals(0, atCap.code(), atCap.body());
        assertEquals(4002, overCap.code());
        assertEquals(1001, overCap.data().path("size").asLong());
        assertEquals(1000, overCap.data().path("max_bytes").asLong());
    }

    @Test
    void aFileOver200MiBIsStreamedThroughAndRefusedWith4002() {
        start(Fast.builder());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = allocatedByAllThreads(threads);

        Api.Result r = api.post("/api/upload-video/nemo_agent/me/" + sid, generated("huge.mp4", LIMIT + 1));

        long allocated = allocatedByAllThreads(threads) - before;
        assertEquals(200, r.status());
        assertEquals(4002, r.code(), r.body());
        assertTrue(r.json().path("message").asText().contains("209715200 bytes (200 MB)"), r.body());
        assertEquals(LIMIT + 1, r.data().path("size").asLong());
        // Buffering the file anywhere would allocate at least its 200 MiB; streaming allocates a small fraction.
        assertTrue(allocated < 64L * 1024 * 1024, "allocated " + allocated + " bytes while uploading 200 MiB");
    }

    @Test
    void uploadsNeedTheCallersOwnSessionAndAKnownBodyType() {
        start(Fast.builder());
        Api other = Api.registered(sim, "token-other", 10);

        Api.Result foreign = other.post("/api/upload-video/nemo_agent/me/" + sid,
                "{\"urls\":[\"https://x.invalid/a.mp4\"],\"source_type\":\"url\"}");
        Api.Result plain = api.post("/api/upload-video/nemo_agent/me/" + sid,
                RequestBody.create("hello", MediaType.get("text/plain")));

        assertEquals(1002, foreign.code());
        assertEquals(400, plain.status());
    }

    /** A multipart body with one {@code files} part of {@code size} generated bytes: nothing held in memory. */
    private static MultipartBody generated(String filename, long size) {
        RequestBody content = new RequestBody() {
            @Override
            public MediaType contentType() {
                return MediaType.get("video/mp4");
            }

            @Override
            public long contentLength() {
                return size;
            }

            @Override
            public void writeTo(BufferedSink sink) throws java.io.IOException {
                byte[] chunk = new byte[64 * 1024];
                for (long left = size; left > 0; ) {
                    int n = (int) Math.min(chunk.length, left);
                    sink.write(chunk, 0, n);
                    left -= n;
                }
            }
        };
        return new MultipartBody.Builder().setType(MultipartBody.FORM).addFormDataPart("files", filename, content).build();
    }

    private static long allocatedByAllThreads(com.sun.management.ThreadMXBean threads) {
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }

    private static void assertFile(JsonNode file, String name, String type, String hash) {
        assertEquals(name, file.path("filename").asText());
        assertEquals(type, file.path("file_type").asText());
        assertEquals(hash, file.path("hash").asText());
        assertTrue(file.path("cdn_url").asText().matches("http://127\\.0\\.0\\.1:\\d+/cdn/uploads/.+"), file.toString());
        assertTrue(file.has("duration") && file.has("width") && file.has("height"));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
