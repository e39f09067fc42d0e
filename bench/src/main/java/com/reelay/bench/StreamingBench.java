package com.reelay.bench;

import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.Inbound;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenarios 1 and 2: N chats streaming at once (generations lasting tens of seconds, a heartbeat
 * every second), then, while all N streams are open and idle (only heartbeats), the bot's heap
 * after GC and its live threads, and the reaction time of probe messages from other chats: from
 * {@code engine.accept} to the first progress message handed to the platform.
 */
final class StreamingBench {

    private static final int WARMUPS = 20;
    private static final int PROBES = 100;
    private static final Duration PROBE_GAP = Duration.ofMillis(80);
    private static final Duration TEXT_REPLY = Duration.ofMillis(400);
    private static final long HEAP_TARGET_BYTES = 200 * 1024;

    private final Path runDir;
    private final Results results;
    private final MeterRegistry meters;

    StreamingBench(Path runDir, Results results, MeterRegistry meters) {
        this.runDir = runDir;
        this.results = results;
        this.meters = meters;
    }

    /** How one level runs: streams, how fast they arrive, how long each lasts. */
    record Level(int streams, int arrivalsPerSecond, Duration generation, int workerThreads) {
        static Level of(int streams) {
            if (streams >= 5_000) {
                return new Level(streams, 1_000, Duration.ofSeconds(75), 64);
            }
            return new Level(streams, Math.max(50, streams / 5), Duration.ofSeconds(30), 32);
        }
    }

    void run(Level level) throws Exception {
        int n = level.streams();
        String scenario = "streams ×" + String.format("%,d", n);
        System.out.printf("%n[%s] %d chats, %d arrivals/s, generation %d s%n", scenario, n,
                level.arrivalsPerSecond(), level.generation().toSeconds());
        int total = WARMUPS + n + PROBES;
        long[] acceptedAt = new long[total];
        try (World world = World.start(runDir, "streams-" + n,
                "--generation-ms", Long.toString(level.generation().toMillis()),
                "--text-ms", Long.toString(TEXT_REPLY.toMillis()),
                "--heartbeat-ms", "1000",
                "--http-threads", "8",
                "--scheduler-threads", "2",
                "--backlog", "4096");
             Bot bot = new Bot(Bot.nemoSettings(world.simulatorUrl, Math.max(4096, n + 1_000), Duration.ofSeconds(15)),
                     Bot.engineSettings(n + 1_000, level.workerThreads()), storeRoot().resolve("store-streams-" + n), total)) {

            // Warm-up: the first requests load classes and open connections; not measured.
            for (int i = 0; i < WARMUPS; i++) {
                accept(bot, i, "what can you do?", acceptedAt);
            }
            awaitIdle(bot, Duration.ofSeconds(30));

            Footprint before = Footprint.now();
            MeterSnapshot metersBefore = MeterSnapshot.of(meters);
            long exportableBefore = bot.platform.exportable.sum();

            // Ramp: N chats each ask for a generation, arriving at a steady rate.
            long[] cpuRamp = {botCpuNanos(), world.cpuNanos()};
            long rampStart = System.nanoTime();
            long gap = TimeUnit.SECONDS.toNanos(1) / level.arrivalsPerSecond();
            for (int i = 0; i < n; i++) {
                LockSupport.parkNanos(rampStart + i * gap - System.nanoTime());
                accept(bot, WARMUPS + i, "make a 10-second video of a city timelapse at night, take " + i, acceptedAt);
            }
            double rampSeconds = (System.nanoTime() - rampStart) / 1e9;

            // Every stream open on the server's side?
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            int open = world.openStreams();
            while (open < n && System.nanoTime() < deadline) {
                Thread.sleep(100);
                open = world.openStreams();
            }
            double allOpenSeconds = (System.nanoTime() - rampStart) / 1e9;
            cpuRamp = new long[] {botCpuNanos() - cpuRamp[0], world.cpuNanos() - cpuRamp[1]};
            System.out.printf("  ramp %.1f s; %d streams open on the simulator %.1f s after the first arrival%n",
                    rampSeconds, open, allOpenSeconds);
            // Past the intro text and the tool call (12 % of the stream): from here on only heartbeats.
            Thread.sleep(level.generation().toMillis() * 13 / 100 + 500);
            // CPU while the streams only heartbeat (one a second each).
            long[] cpuIdle = {botCpuNanos(), world.cpuNanos(), System.nanoTime()};
            Thread.sleep(3_000);
            double idleWall = (System.nanoTime() - cpuIdle[2]) / 1e9;
            double botIdle = (botCpuNanos() - cpuIdle[0]) / 1e9 / idleWall;
            double simIdle = (world.cpuNanos() - cpuIdle[1]) / 1e9 / idleWall;

            Footprint plateau = Footprint.now();
            int openAtFootprint = world.openStreams();
            int engineStreams = bot.engine.openStreams();

            // Probes: questions from other chats while the N streams run.
            for (int i = 0; i < PROBES; i++) {
                accept(bot, WARMUPS + n + i, "what can you do?", acceptedAt);
                Thread.sleep(PROBE_GAP.toMillis());
            }
            int openAfterProbes = world.openStreams();

            boolean idle = awaitIdle(bot, level.generation().plus(Duration.ofSeconds(120)));
            MeterSnapshot metersAfter = MeterSnapshot.of(meters);

            long[] probeNanos = reactions(bot, acceptedAt, WARMUPS + n, PROBES);
            long[] rampNanos = reactions(bot, acceptedAt, WARMUPS, n);
            long exportable = bot.platform.exportable.sum() - exportableBefore;
            Map<String, Long> streamErrors = metersAfter.streamErrors(metersBefore);
            Map<String, Long> callErrors = metersAfter.callErrors(metersBefore);
            long missingReplies = n - exportable;
            long noReaction = (n - rampNanos.length) + (PROBES - probeNanos.length);
            long errors = streamErrors.values().stream().mapToLong(Long::longValue).sum()
                    + callErrors.values().stream().mapToLong(Long::longValue).sum() + Math.max(0, missingReplies) + noReaction;

            double p50 = Results.quantileMillis(probeNanos, 0.50);
            double p99 = Results.quantileMillis(probeNanos, 0.99);
            boolean gated = n == 1_000;
            results.add(scenario, "reaction p50 (probes while all streams open)", ms(p50), "—", null);
            results.add(scenario, "reaction p99 (probes while all streams open)", ms(p99),
                    gated ? "< 100 ms" : "—", gated ? p99 < 100 : null);
            results.info(scenario, String.format("reaction p50 / p99 during the ramp (%,d/s)", level.arrivalsPerSecond()),
                    ms(Results.quantileMillis(rampNanos, 0.5)) + " / " + ms(Results.quantileMillis(rampNanos, 0.99)));
            results.info(scenario, "streams open (simulator) at footprint / after probes",
                    String.format("%,d / %,d (bot: %,d)", openAtFootprint, openAfterProbes, engineStreams));
            boolean held = openAtFootprint >= n && errors == 0 && idle;
            results.add(scenario, "errors (failed replies, stream and call errors)",
                    errors + describe(streamErrors, callErrors, missingReplies, idle),
                    n >= 10_000 ? "0, all held" : "0", errors == 0 && idle && (n < 10_000 || held));
            if (n >= 100) {
                long heapPerStream = (plateau.heapBytes() - before.heapBytes()) / n;
                results.add(scenario, "heap per idle stream (after GC)", kb(heapPerStream)
                                + String.format(" (%s → %s)", mb(before.heapBytes()), mb(plateau.heapBytes())),
                        "< 200 KB", heapPerStream < HEAP_TARGET_BYTES);
                if (before.residentBytes() > 0) {
                    results.info(scenario, "resident memory per stream (RSS, heap pre-touched: native, mostly stacks)",
                            kb((plateau.residentBytes() - before.residentBytes()) / n)
                                    + String.format(" (%s → %s)", mb(before.residentBytes()), mb(plateau.residentBytes())));
                }
                int readers = plateau.named(Footprint.READER);
                results.info(scenario, "live threads before → open; OkHttp stream readers",
                        String.format("%,d → %,d; %,d = %.2f per stream", before.threads(), plateau.threads(), readers,
                                readers / (double) n));
            }
            results.info(scenario, "CPU, streams idle: bot / simulator (cores)", String.format("%.2f / %.2f", botIdle, simIdle));
            if (n >= 1_000) {
                results.info(scenario, "CPU, ramp until all open: bot / simulator (core-s)",
                        String.format("%.1f / %.1f in %.1f s", cpuRamp[0] / 1e9, cpuRamp[1] / 1e9, allOpenSeconds));
            }
            System.out.println("  threads at plateau: " + plateau.threadsByName());
        }
    }

    /** Where the SQLite stores go: the run directory (a disk), or {@code -Dbench.storeRoot} to compare. */
    private Path storeRoot() {
        String root = System.getProperty("bench.storeRoot", "");
        return root.isEmpty() ? runDir : Path.of(root);
    }

    private static long botCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static void accept(Bot bot, int index, String text, long[] acceptedAt) {
        acceptedAt[index] = System.nanoTime();
        bot.engine.accept(new Inbound(RecordingPlatform.chat(index), new ChatUser("u" + index, "Bench", "en"),
                RecordingPlatform.requestId(index), new Inbound.Text(text)));
    }

    /** Waits until no request is running; false if that did not happen in time. */
    private static boolean awaitIdle(Bot bot, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (bot.engine.runningRequests() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private static long[] reactions(Bot bot, long[] acceptedAt, int from, int count) {
        long[] out = new long[count];
        int k = 0;
        for (int i = from; i < from + count; i++) {
            long sent = bot.platform.firstSendNanos(i);
            if (sent != 0) {
                out[k++] = sent - acceptedAt[i];
            }
        }
        return Arrays.copyOf(out, k);
    }

    private static String describe(Map<String, Long> streams, Map<String, Long> calls, long missing, boolean idle) {
        StringBuilder s = new StringBuilder();
        if (!streams.isEmpty()) {
            s.append(" streams ").append(streams);
        }
        if (!calls.isEmpty()) {
            s.append(" calls ").append(calls);
        }
        if (missing > 0) {
            s.append(" replies missing ").append(missing);
        }
        if (!idle) {
            s.append(" (still running at the time limit)");
        }
        return s.toString();
    }

    static String ms(double millis) {
        return Double.isNaN(millis) ? "n/a" : millis < 10 ? String.format("%.2f ms", millis) : String.format("%.0f ms", millis);
    }

    static String kb(long bytes) {
        return String.format("%.1f KB", bytes / 1024.0);
    }

    static String mb(long bytes) {
        return String.format("%.0f MB", bytes / 1048576.0);
    }
}
