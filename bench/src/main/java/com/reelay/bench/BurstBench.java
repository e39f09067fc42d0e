package com.reelay.bench;

import com.reelay.config.ConfigLoader;
import com.reelay.core.conversation.ConversationEngine;
import com.reelay.core.guard.GuardSettings;
import com.reelay.core.nemo.OkHttpNemoClient;
import com.reelay.core.store.CachingStore;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.SqliteStore;
import com.reelay.discord.DiscordBurstBench;
import com.reelay.telegram.TelegramFrontEnd;
import com.reelay.telegram.TelegramSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Burst under limits: N people write to the bot at once and each generation streams for 20 s,
 * as a new user would see it: the Telegram front end long-polling a fake Telegram that enforces
 * 30 messages a second and one a second per chat as strict trailing windows of arrivals
 * ({@link LimitedTelegram}), the engine and store as bot-app wires them, the simulator in the
 * second JVM. Every figure stands next to its floor at R = 30 messages a second: the first
 * acknowledgement N/R, the last reply max(2N/R, stream + N/R).
 *
 * <p>The overload case offers 50 new people a second for a minute, more than the budget can
 * carry: the heap after GC is sampled as it runs, and every progress edit Telegram accepts is
 * checked against the people still waiting for their acknowledgement.
 */
final class BurstBench {

    private static final String TOKEN = "123456789:" + "AAF-bench_burst_0123456789abcdefghij"; // made up
    private static final int RATE = 30;
    private static final Duration STREAM = Duration.ofSeconds(20);
    private static final int WARMUPS = 20;

    private final Path runDir;
    private final Results results;

    BurstBench(Path runDir, Results results) {
        this.runDir = runDir;
        this.results = results;
    }

    /** N people at once. */
    void burst(int people) throws Exception {
        String scenario = String.format("burst ×%,d (Telegram)", people);
        System.out.printf("%n[%s] %d people at once, %d s streams, %d messages/s%n", scenario, people,
                STREAM.toSeconds(), RATE);
        double ackFloor = people / (double) RATE;
        double lastFloor = Math.max(2.0 * people / RATE, STREAM.toSeconds() + ackFloor);
        try (Rig rig = new Rig(people, "burst-" + people)) {
            long t0 = System.nanoTime();
            for (int n = 0; n < people; n++) {
                rig.telegram.write(n, StreamEnds.prompt(n));
            }
            boolean all = rig.awaitFinals(0, people, Duration.ofSeconds((long) (lastFloor * 2 + 120)));
            report(scenario, rig, t0, null, people, ackFloor, lastFloor, all);
        }
    }

    /**
     * N people DM the bot at once, or run /video at once, on a fake Discord with its rate limits.
     * Floors at Discord's global limit of 50 a second (answers through an interaction's token
     * are not counted by it): N/50 for the first message, max(2N/50, stream + N/50) for the last.
     */
    void discord(DiscordBurstBench.Kind kind, int people) throws Exception {
        String name = "discord-" + kind.name().toLowerCase(java.util.Locale.ROOT);
        String scenario = String.format("burst ×%,d (Discord %s)", people,
                kind == DiscordBurstBench.Kind.DIRECT_MESSAGES ? "DMs" : "/video");
        System.out.printf("%n[%s] %d people at once, %d s streams%n", scenario, people, STREAM.toSeconds());
        double ackFloor = people / 50.0;
        double lastFloor = Math.max(2 * ackFloor, STREAM.toSeconds() + ackFloor);
        try (World world = World.start(runDir, name, "--generation-ms", Long.toString(STREAM.toMillis()), "--text-ms",
                "2000", "--heartbeat-ms", "1000", "--max-seconds", "900");
             StreamEnds nemo = new StreamEnds(new OkHttpNemoClient(Bot.nemoSettings(world.simulatorUrl, 4096,
                     Duration.ofSeconds(4))), people);
             ReelayStore store = new CachingStore(SqliteStore.open(runDir.resolve("store-" + name)), 10_000)) {
            ConversationEngine engine = new ConversationEngine(nemo, store, Bot.engineSettings(2_000, 32),
                    GuardSettings.open(), Optional.of(World.TOKEN), Clock.systemUTC());
            DiscordBurstBench.Outcome seen = DiscordBurstBench.run(kind, people, engine, StreamEnds::prompt,
                    Duration.ofSeconds((long) (lastFloor * 3 + 120)));
            long[] first = java.util.Arrays.stream(seen.firstMessage()).filter(t -> t != 0).toArray();
            long[] last = java.util.Arrays.stream(seen.finalReply()).filter(t -> t != 0).toArray();
            double firstP99 = Results.quantileMillis(first, 0.99) / 1e3;
            double lastSeconds = java.util.Arrays.stream(last).max().orElse(0) / 1e9;
            List<String> refused = seen.rateLimited();
            results.add(scenario, "replies delivered (offering Export)", String.format("%,d of %,d", last.length, people),
                    "all", last.length == people);
            results.add(scenario, "first message p50 / p99 (floor N/50)", String.format("%.1f s / %.1f s (floor %.1f s)",
                    Results.quantileMillis(first, 0.5) / 1e3, firstP99, ackFloor), "p99 ≤ floor + 10 %",
                    firstP99 <= ackFloor * 1.1);
            results.add(scenario, "last reply (floor max(2N/50, stream + N/50))",
                    String.format("%.1f s (floor %.1f s)", lastSeconds, lastFloor), "≤ floor + 10 %",
                    last.length == people && lastSeconds <= lastFloor * 1.1);
            results.add(scenario, "429 Too Many Requests (route buckets and global)", refused.size()
                    + (refused.isEmpty() ? "" : " " + refused.subList(0, Math.min(3, refused.size()))), "0", refused.isEmpty());
        }
    }

    /** 50 new people a second for a minute: more than 30 messages a second can carry for long. */
    void overload() throws Exception {
        int perSecond = 50;
        int seconds = 60;
        int people = perSecond * seconds;
        String scenario = String.format("overload %d/s × %d s (Telegram)", perSecond, seconds);
        System.out.printf("%n[%s] %,d people arriving at %d/s%n", scenario, people, perSecond);
        try (Rig rig = new Rig(people, "overload")) {
            Footprint before = Footprint.now();
            List<String> heap = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.atomic.AtomicLong peakHeap = new java.util.concurrent.atomic.AtomicLong();
            long[] writtenAt = new long[people];
            long t0 = System.nanoTime();
            // Heap after GC every 15 s, on its own thread so arrivals keep their pace.
            java.util.concurrent.ScheduledExecutorService sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> {
                long h = Footprint.now().heapBytes();
                peakHeap.accumulateAndGet(h, Math::max);
                heap.add(String.format("%d s: %s", (System.nanoTime() - t0) / 1_000_000_000L, StreamingBench.mb(h)));
            }, 15, 15, TimeUnit.SECONDS);
            long gap = TimeUnit.SECONDS.toNanos(1) / perSecond;
            for (int n = 0; n < people; n++) {
                LockSupport.parkNanos(t0 + n * gap - System.nanoTime());
                writtenAt[n] = System.nanoTime();
                rig.telegram.write(n, StreamEnds.prompt(n));
            }
            rig.awaitFinals(0, people, Duration.ofSeconds(600));
            sampler.shutdownNow();
            boolean all = rig.finalsDone(0, people);
            report(scenario, rig, t0, writtenAt, people, Double.NaN, Double.NaN, all);
            int early = rig.telegram.progressBeforeWaitingAcks();
            results.add(scenario, "progress edits accepted while someone fetched > 0.2 s before had no acknowledgement",
                    Integer.toString(early), "0", early == 0);
            long perPerson = (peakHeap.get() - before.heapBytes()) / people;
            results.add(scenario, "heap after GC, every 15 s (before: " + StreamingBench.mb(before.heapBytes()) + ")",
                    String.join(", ", List.copyOf(heap)), "bounded", null);
            results.add(scenario, "peak heap growth per person (after GC)", StreamingBench.kb(perPerson), "< 200 KB",
                    perPerson < 200 * 1024);
        }
    }

    private void report(String scenario, Rig rig, long t0, long[] writtenAt, int people, double ackFloor,
                        double lastFloor, boolean all) {
        long[] ack = new long[people];
        long[] afterStream = new long[people];
        int acked = 0;
        int answered = 0;
        long last = 0;
        for (int n = 0; n < people; n++) {
            long start = writtenAt == null ? t0 : writtenAt[n];
            if (rig.telegram.ackAt(n) != 0) {
                ack[acked++] = rig.telegram.ackAt(n) - start;
            }
            long end = rig.nemo.endedAt(n);
            long done = rig.telegram.finalAt(n);
            if (done != 0 && end != 0) {
                afterStream[answered++] = Math.max(0, done - end);
                last = Math.max(last, done - t0);
            }
        }
        ack = java.util.Arrays.copyOf(ack, acked);
        afterStream = java.util.Arrays.copyOf(afterStream, answered);
        double ackP50 = Results.quantileMillis(ack, 0.5) / 1e3;
        double ackP99 = Results.quantileMillis(ack, 0.99) / 1e3;
        double lastSeconds = last / 1e9;
        int refused = rig.telegram.tooManyRequests();
        results.add(scenario, "replies delivered (offering Export)", String.format("%,d of %,d", answered, people),
                "all", answered == people && all);
        if (Double.isNaN(ackFloor)) {
            results.info(scenario, "first acknowledgement p50 / p99 after the person wrote",
                    String.format("%.1f s / %.1f s", ackP50, ackP99));
        } else {
            results.add(scenario, "first acknowledgement p50 / p99 (floor N/R)",
                    String.format("%.1f s / %.1f s (floor %.1f s)", ackP50, ackP99, ackFloor),
                    "p99 ≤ floor + 10 %", ackP99 <= ackFloor * 1.1);
        }
        results.info(scenario, "final reply p50 / p99 after the stream ended",
                String.format("%.1f s / %.1f s", Results.quantileMillis(afterStream, 0.5) / 1e3,
                        Results.quantileMillis(afterStream, 0.99) / 1e3));
        if (Double.isNaN(lastFloor)) {
            results.info(scenario, "last reply after the first person wrote", String.format("%.1f s", lastSeconds));
        } else {
            results.add(scenario, "last reply (floor max(2N/R, stream + N/R))",
                    String.format("%.1f s (floor %.1f s)", lastSeconds, lastFloor), "≤ floor + 10 %",
                    lastSeconds <= lastFloor * 1.1);
        }
        results.add(scenario, "429 Too Many Requests", Integer.toString(refused), "0", refused == 0);
        results.info(scenario, "progress edits accepted, per person",
                String.format("%.2f", rig.telegram.progressEdits() / (double) people));
    }

    /** The fake Telegram, the simulator (second JVM) and the bot wired as bot-app wires it. */
    private final class Rig implements AutoCloseable {
        final World world;
        final LimitedTelegram telegram;
        final StreamEnds nemo;
        final ReelayStore store;
        final ConversationEngine engine;
        final TelegramFrontEnd frontEnd;

        Rig(int people, String name) throws Exception {
            world = World.start(runDir, name, "--generation-ms", Long.toString(STREAM.toMillis()), "--text-ms", "2000",
                    "--heartbeat-ms", "1000", "--backlog", "8192", "--max-seconds", "1500");
            telegram = new LimitedTelegram(TOKEN, people + WARMUPS);
            // Room for every stream, as in the streaming scenario: the engine's defaults are 2,000
            // requests at once and 4,096 streams.
            nemo = new StreamEnds(new OkHttpNemoClient(Bot.nemoSettings(world.simulatorUrl, Math.max(4096, people + 1_000),
                    Duration.ofSeconds(4))), people + WARMUPS);
            store = new CachingStore(SqliteStore.open(runDir.resolve("store-" + name)), Math.max(10_000, people + 1_000));
            engine = new ConversationEngine(nemo, store, Bot.engineSettings(Math.max(2_000, people + 1_000), 32),
                    GuardSettings.open(), Optional.of(World.TOKEN), Clock.systemUTC());
            frontEnd = new TelegramFrontEnd(ConfigLoader.load(TelegramSettings.SECTION,
                    Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_BASE", telegram.baseUrl())));
            frontEnd.start(engine);
            engine.resume();
            // Warm-up: the first requests load classes and open connections. Then every window clears.
            for (int n = people; n < people + WARMUPS; n++) {
                telegram.write(n, StreamEnds.prompt(n));
            }
            if (!awaitFinals(people, people + WARMUPS, Duration.ofSeconds(120))) {
                throw new IllegalStateException("the warm-up did not finish");
            }
            Thread.sleep(2_000);
        }

        boolean finalsDone(int from, int to) {
            for (int n = from; n < to; n++) {
                if (telegram.finalAt(n) == 0) {
                    return false;
                }
            }
            return true;
        }

        boolean awaitFinals(int from, int to, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (!finalsDone(from, to)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(200);
            }
            return true;
        }

        @Override
        public void close() {
            engine.close(Duration.ofSeconds(1));
            frontEnd.close();
            nemo.close();
            store.close();
            telegram.close();
            world.close();
        }
    }
}
