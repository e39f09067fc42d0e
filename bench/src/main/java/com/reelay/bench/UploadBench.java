package com.reelay.bench;

import com.reelay.core.chat.Attachment;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.Inbound;
import com.reelay.core.chat.Reply;
import com.reelay.core.chat.FilePolicy;
import com.reelay.testkit.HeapSampler;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 3: a 200 MB file from the fake platform's file server to the simulator's upload
 * endpoint, once through the bot (an {@link Attachment.Upload} whose opener reads the file server,
 * the engine's upload path and the client's streamed multipart body) and once as a direct copy
 * (one loop reading the same URL and writing a multipart POST to the same endpoint). Five pairs
 * in alternating order; the ratio is the median of the pairs' ratios. A separate run measures the bot's heap: every
 * 25 MB the stream the client reads forces a GC and reads the used heap (anything the bot held of
 * the file would be live then); a sampler records the raw peak, garbage included, for reference.
 */
final class UploadBench {

    private static final String SCENARIO = "upload relay 200 MB";
    private static final long SIZE = FilePolicy.MAX_FILE_BYTES; // 209,715,200 bytes: the most a chat may send
    private static final long CHECK_EVERY = 25L * 1024 * 1024;
    private static final int RUNS = 5;

    private final Path runDir;
    private final Results results;

    UploadBench(Path runDir, Results results) {
        this.runDir = runDir;
        this.results = results;
    }

    void run() throws Exception {
        System.out.printf("%n[%s]%n", SCENARIO);
        try (World world = World.start(runDir, "upload");
             Bot bot = new Bot(Bot.nemoSettings(world.simulatorUrl, 64, Duration.ofSeconds(15)),
                     Bot.engineSettings(64, 8), runDir.resolve("store-upload"), 16)) {
            String fileUrl = world.fileServerUrl + "/files/" + SIZE + "/clip.mp4";
            Attachment.Opener opener = () -> URI.create(fileUrl).toURL().openStream();

            // Warm-up (and the chat's session): one small upload each way.
            long warm = 20L * 1024 * 1024;
            Attachment.Opener small = () -> URI.create(world.fileServerUrl + "/files/" + warm + "/clip.mp4").toURL().openStream();
            viaBot(bot, small, warm);
            String sessionId = bot.store.chat(RecordingPlatform.chat(0).key()).orElseThrow().sessionId();
            String uploadUrl = world.simulatorUrl + "/api/upload-video/nemo_agent/me/" + sessionId;
            direct(small, warm, uploadUrl);

            // Pairs in alternating order; the ratio is taken per pair, so that a slow moment on the shared
            // machine (or a drift) hits both sides of a pair rather than one side of the comparison.
            double[] viaBot = new double[RUNS];
            double[] direct = new double[RUNS];
            double[] ratios = new double[RUNS];
            double[] botCpu = new double[RUNS];
            double[] directCpu = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                for (int side = 0; side < 2; side++) {
                    long cpu = cpuNanos();
                    if ((i + side) % 2 == 0) {
                        direct[i] = direct(opener, SIZE, uploadUrl);
                        directCpu[i] = (cpuNanos() - cpu) / 1e9;
                    } else {
                        viaBot[i] = viaBot(bot, opener, SIZE);
                        botCpu[i] = (cpuNanos() - cpu) / 1e9;
                    }
                }
                ratios[i] = viaBot[i] / direct[i];
                System.out.printf("  pair %d: direct %.0f MB/s, through the bot %.0f MB/s%n", i + 1, direct[i], viaBot[i]);
            }
            double botMedian = median(viaBot);
            double directMedian = median(direct);
            double ratio = median(ratios);

            // The heap run (not timed: the checkpoints stop the upload for their GCs).
            long growth;
            long rawPeak;
            int checkpoints;
            try (HeapSampler heap = HeapSampler.start(CHECK_EVERY)) {
                viaBot(bot, () -> heap.checkpointing(opener.open()), SIZE);
                growth = heap.liveGrowth().orElse(Long.MAX_VALUE);
                rawPeak = heap.rawPeakGrowth();
                checkpoints = heap.checkpoints().size();
            }

            results.info(SCENARIO, "direct copy (median of 5)", String.format("%.0f MB/s", directMedian));
            results.info(SCENARIO, "through the bot (median of 5)", String.format("%.0f MB/s", botMedian));
            results.info(SCENARIO, "CPU of this JVM per 200 MB: through the bot / direct loop",
                    String.format("%.2f s / %.2f s", median(botCpu), median(directCpu)));
            results.add(SCENARIO, "bot / direct throughput (median of 5 pairs)", String.format("%.0f %%", ratio * 100),
                    "≥ 80 %", ratio >= 0.8);
            results.add(SCENARIO, String.format("peak live heap growth (GC every 25 MB, %d checkpoints)", checkpoints),
                    String.format("%.1f MB", Math.max(0, growth) / 1048576.0),
                    "< 32 MB", growth < 32L * 1024 * 1024);
            results.info(SCENARIO, "raw heap peak growth, garbage included (sampled)", String.format("%.1f MB", Math.max(0, rawPeak) / 1048576.0));
        }
    }

    /** MB/s from {@code engine.accept} to the "uploaded" reply. */
    private double viaBot(Bot bot, Attachment.Opener opener, long size) throws Exception {
        CompletableFuture<Reply> done = new CompletableFuture<>();
        bot.platform.onEdit(reply -> {
            if (!reply.buttons().isEmpty()) {
                done.complete(reply);
            }
        });
        long start = System.nanoTime();
        bot.engine.accept(new Inbound(RecordingPlatform.chat(0), new ChatUser("u0", "Bench", "en"), "upload",
                new Inbound.Files(List.of(new Attachment.Upload("clip.mp4", size, "video/mp4", opener)), "")));
        Reply reply = done.get(2, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!reply.text().startsWith("✅ Uploaded")) {
            throw new IllegalStateException("upload through the bot failed: " + reply.text());
        }
        return size / 1e6 / seconds;
    }

    /** MB/s of one loop: GET the file, POST it as multipart to the upload endpoint, read the answer. */
    private static double direct(Attachment.Opener opener, long size, String uploadUrl) throws IOException {
        String boundary = "bench-direct-" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"clip.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        HttpURLConnection post = (HttpURLConnection) URI.create(uploadUrl).toURL().openConnection();
        post.setRequestMethod("POST");
        post.setDoOutput(true);
        post.setFixedLengthStreamingMode(head.length + size + tail.length);
        post.setRequestProperty("Content-Type", "multipart/form-data; boundary=" + boundary);
        post.setRequestProperty("Authorization", "Bearer " + World.TOKEN);
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = opener.open(); OutputStream out = post.getOutputStream()) {
            out.write(head);
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
            out.write(tail);
        }
        String answer;
        try (InputStream in = post.getInputStream()) {
            answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (post.getResponseCode() != 200 || !answer.contains("\"code\":0")) {
            throw new IllegalStateException("direct upload failed: " + post.getResponseCode() + " " + answer);
        }
        return size / 1e6 / seconds;
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
