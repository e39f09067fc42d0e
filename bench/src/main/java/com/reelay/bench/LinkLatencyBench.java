package com.reelay.bench;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.Inbound;
import com.reelay.simulator.NemoSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 4: from the render turning {@code completed} on the simulator to the link handed to the
 * platform ({@code sendVideo}). Renders take 31 to 59 s (1 s pending + the rest processing), one
 * export per length, all at once, each against its own simulator (the render length is a
 * simulator-wide knob); the client polls on its real default schedule (first poll after 2 s, then
 * ×1.5 up to 15 s). The same exports are also run with the longest poll interval set to 3 s, to
 * show what the existing knob buys. The simulators run in this JVM: nothing here is a footprint.
 */
final class LinkLatencyBench {

    private static final String SCENARIO = "link latency";
    /**
     * Spread so that completions fall at different points between two polls, for a 4 s ceiling
     * (seconds mod 4: 3, 0, 2, 1, 1, 0, 1, 2) as for 15 s (mod 15: 1, 6, 12, 0, 4, 7, 12, 13); an even
     * step would land every render at the same point of the poll cycle.
     */
    private static final int[] RENDER_SECONDS = {31, 36, 42, 45, 49, 52, 57, 58};

    private final Path runDir;
    private final Results results;

    LinkLatencyBench(Path runDir, Results results) {
        this.runDir = runDir;
        this.results = results;
    }

    void run() throws Exception {
        System.out.printf("%n[%s] %d exports per poll schedule, renders %d–%d s%n", SCENARIO, RENDER_SECONDS.length,
                RENDER_SECONDS[0], RENDER_SECONDS[RENDER_SECONDS.length - 1]);
        ExecutorService pool = Executors.newFixedThreadPool(2 * RENDER_SECONDS.length);
        try {
            Duration ceiling = com.reelay.core.nemo.NemoSettings.defaults("http://127.0.0.1").renderMaxPollInterval();
            List<Future<Double>> defaults = new ArrayList<>();
            List<Future<Double>> slow = new ArrayList<>();
            for (int seconds : RENDER_SECONDS) {
                defaults.add(pool.submit(() -> export(seconds, ceiling, "default")));
                slow.add(pool.submit(() -> export(seconds, Duration.ofSeconds(15), "max15s")));
            }
            double[] d = collect(defaults);
            double[] t = collect(slow);
            double medianDefault = median(d);
            results.add(SCENARIO, "median, default polls (2 s, ×1.5, max " + ceiling.toSeconds() + " s)",
                    String.format("%.1f s", medianDefault), "< 3 s", medianDefault < 3);
            results.info(SCENARIO, "per export, renders " + RENDER_SECONDS[0] + "…" + RENDER_SECONDS[RENDER_SECONDS.length - 1]
                    + " s (default polls)", list(d));
            results.info(SCENARIO, "median with renderMaxPollInterval = 15 s (the first default)",
                    String.format("%.1f s (%s)", median(t), list(t)));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Seconds from completion to the link, for one export of a render lasting {@code renderSeconds}. */
    private double export(int renderSeconds, Duration maxPoll, String variant) throws Exception {
        try (NemoSimulator sim = NemoSimulator.builder()
                .generationDuration(Duration.ofSeconds(2))
                .renderDurations(Duration.ofSeconds(1), Duration.ofSeconds(renderSeconds - 1))
                .start();
             Bot bot = new Bot(Bot.nemoSettings(sim.baseUrl(), 64, maxPoll), Bot.engineSettings(64, 8),
                     runDir.resolve("store-link-" + variant + "-" + renderSeconds), 4)) {
            sim.registerUser(World.TOKEN, 1_000_000);
            CompletableFuture<Void> exportable = new CompletableFuture<>();
            bot.platform.onEdit(reply -> {
                if (reply.actions().contains(Action.EXPORT)) {
                    exportable.complete(null);
                }
            });
            CompletableFuture<Long> posted = new CompletableFuture<>();
            CompletableFuture<String> renderId = new CompletableFuture<>();
            bot.platform.onVideo((chat, video, epochMillis) -> {
                String url = video.url();
                renderId.complete(url.substring(url.lastIndexOf('/') + 1).replace(".mp4", ""));
                posted.complete(epochMillis);
            });
            ChatUser user = new ChatUser("u0", "Bench", "en");
            bot.engine.accept(new Inbound(RecordingPlatform.chat(0), user, "r0",
                    new Inbound.Text("make a 10-second video of ocean waves at sunset")));
            exportable.get(30, TimeUnit.SECONDS);
            bot.engine.accept(new Inbound(RecordingPlatform.chat(0), user, "r1", new Inbound.Button(Action.EXPORT)));
            long at = posted.get(renderSeconds + 60, TimeUnit.SECONDS);
            Instant completed = sim.renderCompletedAt(renderId.get()).orElseThrow();
            double latency = (at - completed.toEpochMilli()) / 1000.0;
            System.out.printf("  %s render %d s: link %.1f s after completion%n", variant, renderSeconds, latency);
            return latency;
        }
    }

    private static double[] collect(List<Future<Double>> futures) throws Exception {
        double[] out = new double[futures.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = futures.get(i).get(3, TimeUnit.MINUTES);
        }
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static String list(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.length() == 0 ? "" : ", ").append(String.format("%.1f", v));
        }
        return s.append(" s").toString();
    }
}
