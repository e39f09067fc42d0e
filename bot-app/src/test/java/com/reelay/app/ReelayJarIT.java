package com.reelay.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, started as an operator starts it. */
class ReelayJarIT {

    private static final Path JAR = Path.of(System.getProperty("reelay.jar", "target/reelay.jar"));
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private Process start(Map<String, String> env, String... args) throws IOException {
        return startIn(dir, env, args);
    }

    /** Starts the jar with its stdout and stderr in {@code outputs}. */
    private Process startIn(Path outputs, Map<String, String> env, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(outputs.resolve("stdout.txt").toFile())
                .redirectError(outputs.resolve("stderr.txt").toFile());
        for (String inherited : List.of("TELEGRAM_BOT_TOKEN", "DISCORD_BOT_TOKEN", "NEMO_TOKEN", "REELAY_CONFIG")) {
            builder.environment().remove(inherited);
        }
        builder.environment().putAll(env);
        return builder.start();
    }

    @Test
    void aBadConfigurationSaysWhatIsWrongAndExitsTwoBeforeConnectingAnywhere() throws Exception {
        try (MockWebServer nemo = new MockWebServer()) {
            nemo.start();
            Path config = Files.writeString(dir.resolve("reelay.yml"), "engine:\n  edit-intervall: 3s\n");
            Process reelay = start(Map.of(
                    "REELAY_DATA_DIR", dir.resolve("data").toString(),
                    "NEMO_API_BASE", nemo.url("/").toString(),
                    "REELAY_HTTP_PORT", "eighty",
                    "TELEGRAM_BOT_TOKEN", "123456789:not-quite-a-token!"), "--config", config.toString());
            assertTrue(reelay.waitFor(60, TimeUnit.SECONDS));
            String stderr = Files.readString(dir.resolve("stderr.txt"));
            assertEquals(2, reelay.exitValue(), stderr);
            assertTrue(stderr.startsWith("Reelay can't start: the configuration has 3 problems:\n"), stderr);
            assertTrue(stderr.contains("unknown setting engine.edit-intervall (did you mean edit-interval?)"), stderr);
            assertTrue(stderr.contains("reelay.http-port"), stderr);
            assertTrue(stderr.contains("telegram: the Telegram bot token is missing or malformed"), stderr);
            assertTrue(!stderr.contains("not-quite-a-token"), "the secret is not echoed");
            assertTrue(!stderr.contains("Exception") && !stderr.contains("\tat "), "no stack trace: " + stderr);
            assertEquals(0, nemo.getRequestCount(), "nothing was contacted");
            assertTrue(!Files.exists(dir.resolve("data")), "nothing was written");
        }
    }

    @Test
    void theManagementPortServesHealthReadinessAndMetricsThenSigtermStopsCleanly() throws Exception {
        int port = freePort();
        Path data = dir.resolve("data");
        Process reelay = start(Map.of("REELAY_DATA_DIR", data.toString(), "REELAY_HTTP_PORT", Integer.toString(port)),
                "--offline");
        try {
            String base = "http://127.0.0.1:" + port;
            assertEquals("ok\n", awaitBody(base + "/healthz", b -> true, reelay));
            String ready = get(base + "/readyz");
            assertTrue(ready.contains("store ok") && ready.contains("console ok"), ready);

            OutputStream keyboard = reelay.getOutputStream();
            keyboard.write("what can you do?\n".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            String metrics = awaitBody(base + "/metrics",
                    body -> body.contains("reelay_nemo_stream_seconds_count{outcome=\"text\"} 1"), reelay);
            assertTrue(metrics.contains("reelay_messages_in_total{platform=\"console\"} 1.0"), metrics);
            assertTrue(metrics.contains("reelay_nemo_calls_total{endpoint=\"POST /run_sse\",outcome=\"0\"} 1.0"), metrics);
            assertTrue(metrics.contains("reelay_first_progress_seconds_count{platform=\"console\"} 1"), metrics);
            assertTrue(metrics.contains("jvm_memory_used_bytes"), metrics);
        } finally {
            reelay.destroy(); // SIGTERM
            assertTrue(reelay.waitFor(60, TimeUnit.SECONDS), "stopped within the grace period");
        }
        String log = Files.readString(data.resolve("offline").resolve("reelay.log"));
        assertTrue(log.contains("reelay stopped"), log);
        assertTrue(Files.readString(dir.resolve("stderr.txt")).isEmpty(), Files.readString(dir.resolve("stderr.txt")));
    }

    @Test
    void aSecondReelayOnTheSameDataDirectoryStopsAtOnceAndTheFirstRunsOn() throws Exception {
        int port = freePort();
        Path data = dir.resolve("data");
        Process first = start(Map.of("REELAY_DATA_DIR", data.toString(), "REELAY_HTTP_PORT", Integer.toString(port)),
                "--offline");
        try {
            String base = "http://127.0.0.1:" + port;
            awaitBody(base + "/readyz", body -> body.contains("store ok"), first);

            Path second = dir.resolve("second");
            Files.createDirectories(second);
            Process other = startIn(second, Map.of("REELAY_DATA_DIR", data.toString(), "REELAY_HTTP_PORT", "0"),
                    "--offline");
            boolean exited = other.waitFor(30, TimeUnit.SECONDS);
            if (!exited) {
                other.destroyForcibly();
            }
            String stderr = Files.readString(second.resolve("stderr.txt"));
            assertTrue(exited, "the second process is still running: " + stderr);
            assertEquals(Launcher.DATA_DIR_IN_USE, other.exitValue(), stderr);
            assertTrue(stderr.startsWith("Reelay can't start: another Reelay process (pid " + first.pid()
                    + ") is using the data directory " + data.resolve("offline")), stderr);
            assertTrue(!stderr.contains("Exception") && !stderr.contains("\tat "), "no stack trace: " + stderr);
            assertEquals("ok\n", get(base + "/healthz"), "the first one runs on");
            assertTrue(get(base + "/readyz").contains("store ok"));
        } finally {
            first.destroy();
            assertTrue(first.waitFor(60, TimeUnit.SECONDS), "stopped within the grace period");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private String get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Polls an endpoint of the starting process until its body satisfies {@code ready}. */
    private String awaitBody(String url, Predicate<String> ready, Process reelay) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!reelay.isAlive()) {
                throw new AssertionError("reelay exited " + reelay.exitValue() + ": " + Files.readString(dir.resolve("stderr.txt")));
            }
            try {
                last = get(url);
                if (ready.test(last)) {
                    return last;
                }
            } catch (IOException notYet) {
                // The process is still starting; its port is not open yet.
            }
            TimeUnit.MILLISECONDS.sleep(100); // waiting on another process: there is nothing to latch on
        }
        throw new AssertionError("timed out waiting for " + url + "; last: " + last);
    }
}
