package com.reelay.bench;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the benchmarks one after the other on 127.0.0.1 and prints one table:
 * {@code -Dbench.only=streaming,upload,link,outbox,burst,discord,overload,fleet} (default all), {@code -Dbench.levels=1,100,1000,10000}
 * (streams), {@code -Dbench.bursts=100,1000,5000} (people at once), {@code -Dbench.fleet.sizes=1,2,3} (instances),
 * {@code -Dbench.fleet.people=600}, {@code -Dbench.fleet.seconds=20} (each measured window) and
 * {@code -Dbench.fleet.limits=off,on} (Telegram unthrottled, with its limits).
 * Exits 0 whether targets are met or not: the table is the result.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        long started = System.nanoTime();
        Set<String> only = Arrays.stream(System.getProperty("bench.only", "all").split(","))
                .map(String::trim).collect(Collectors.toSet());
        List<Integer> levels = Arrays.stream(System.getProperty("bench.levels", "1,100,1000,10000").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        Path runDir = Paths.get(System.getProperty("bench.dir", "bench-run")).toAbsolutePath();
        deleteRecursively(runDir);
        Files.createDirectories(runDir);
        System.setProperty("reelay.log.dir", runDir.toString());

        // The engine records on the global registry; give it one that keeps counts.
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Metrics.addRegistry(meters);

        Runtime rt = Runtime.getRuntime();
        String machine = String.format("%d cores, %.0f GiB RAM, Java %s (%s), bench heap %d MiB, %s %s",
                rt.availableProcessors(), physicalMemoryGiB(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), rt.maxMemory() / 1048576, System.getProperty("os.name"),
                System.getProperty("os.arch"));
        System.out.println("Reelay benchmarks — " + machine);
        System.out.println("Logs and stores: " + runDir);

        Results results = new Results();
        if (runs(only, "streaming")) {
            StreamingBench streaming = new StreamingBench(runDir, results, meters);
            for (int level : levels) {
                streaming.run(StreamingBench.Level.of(level));
            }
        }
        if (runs(only, "upload")) {
            new UploadBench(runDir, results).run();
        }
        if (runs(only, "link")) {
            new LinkLatencyBench(runDir, results).run();
        }
        if (runs(only, "outbox")) {
            new OutboxFloodBench(results).run();
        }
        if (runs(only, "burst")) {
            BurstBench bursts = new BurstBench(runDir, results);
            for (String level : System.getProperty("bench.bursts", "100,1000,5000").split(",")) {
                bursts.burst(Integer.parseInt(level.trim()));
            }
        }
        if (runs(only, "discord")) {
            BurstBench bursts = new BurstBench(runDir, results);
            bursts.discord(com.reelay.discord.DiscordBurstBench.Kind.SLASH_COMMANDS, 300);
            bursts.discord(com.reelay.discord.DiscordBurstBench.Kind.DIRECT_MESSAGES, 300);
        }
        if (runs(only, "overload")) {
            new BurstBench(runDir, results).overload();
        }
        if (runs(only, "fleet")) {
            new FleetBench(runDir, results, Integer.getInteger("bench.fleet.people", 600),
                    Duration.ofSeconds(Integer.getInteger("bench.fleet.seconds", 20)))
                    .run(Arrays.stream(System.getProperty("bench.fleet.sizes", "1,2,3").split(","))
                            .map(String::trim).map(Integer::parseInt).toList(),
                            Arrays.stream(System.getProperty("bench.fleet.limits", "off,on").split(","))
                                    .map(String::trim).map("on"::equals).toList());
        }

        double minutes = (System.nanoTime() - started) / 60e9;
        System.out.println();
        System.out.println("Machine: " + machine);
        System.out.printf("Wall time: %.1f min; targets missed: %d%n%n", minutes, results.misses());
        System.out.println(results.text());
        System.out.println("Markdown:");
        System.out.println(results.markdown());
        Files.writeString(runDir.resolve("results.md"), "Machine: " + machine + String.format("%nWall time: %.1f min%n%n", minutes)
                + results.markdown());
        System.exit(0);
    }

    private static boolean runs(Set<String> only, String name) {
        return only.contains("all") || only.contains(name);
    }

    private static double physicalMemoryGiB() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024.0 * 1024 * 1024);
        }
        return Double.NaN;
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
