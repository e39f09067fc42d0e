package com.reelay.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the fleet: the packaged jar started as an operator starts it, with its own
 * management port (/readyz, /metrics), webhook port and log file (stdout and stderr together).
 */
final class FleetInstance implements AutoCloseable {

    private static final Path JAR = Path.of(System.getProperty("reelay.jar", "target/reelay.jar"));
    /** What a test must not inherit from the shell that runs it. */
    private static final List<String> NOT_INHERITED = List.of("TELEGRAM_BOT_TOKEN", "DISCORD_BOT_TOKEN", "NEMO_TOKEN",
            "REELAY_CONFIG", "REELAY_DATABASE_URL", "REELAY_DATABASE_USER", "REELAY_DATABASE_PASSWORD");

    final String id;
    final int httpPort;
    final int webhookPort;
    final Path log;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private FleetInstance(String id, int httpPort, int webhookPort, Path log, Process process) {
        this.id = id;
        this.httpPort = httpPort;
        this.webhookPort = webhookPort;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts instance {@code id} ({@code REELAY_FLEET_INSTANCE_ID}) with {@code env}; {@code telegram}
     * gives its TELEGRAM_* variables for the webhook port chosen here.
     */
    static FleetInstance start(String id, Path dir, Map<String, String> env,
                               java.util.function.IntFunction<Map<String, String>> telegram) throws IOException {
        int httpPort = freePort();
        int webhookPort = freePort();
        Files.createDirectories(dir);
        Path log = dir.resolve(id + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        NOT_INHERITED.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        builder.environment().putAll(telegram.apply(webhookPort));
        builder.environment().put("REELAY_FLEET_INSTANCE_ID", id);
        builder.environment().put("REELAY_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("REELAY_DATA_DIR", dir.resolve(id + "-data").toString());
        Process process = builder.start();
        process.getOutputStream().close();
        return new FleetInstance(id, httpPort, webhookPort, log, process);
    }

    /** Waits until /readyz answers 200 (database and Telegram checked); fails if the process ends first. */
    void awaitReady(long deadlineNanos) throws IOException, InterruptedException {
        while (get("/readyz").statusCode() != 200) {
            if (!process.isAlive()) {
                throw new AssertionError("instance " + id + " exited with " + process.exitValue() + ":\n" + logTail(40));
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new AssertionError("instance " + id + " never ready: " + get("/readyz").body() + "\n" + logTail(40));
            }
            Thread.sleep(100);
        }
    }

    /** The sum of every series of a Prometheus metric on /metrics (0 when absent). */
    double metric(String name) throws IOException, InterruptedException {
        double sum = 0;
        for (String line : get("/metrics").body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    String readiness() throws IOException, InterruptedException {
        Answer ready = get("/readyz");
        return ready.statusCode() + " " + ready.body().strip();
    }

    private Answer get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (java.net.ConnectException e) {
            return new Answer(0, "connection refused");
        }
    }

    /**
     * SIGKILL, as {@code kill -9}: {@link Process#destroyForcibly()} sends SIGKILL on Linux, which
     * the exit status confirms (128 + 9). Returns when the process is gone.
     */
    void killNine() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("instance " + id + " survived SIGKILL");
        }
        if (process.exitValue() != 128 + 9) {
            throw new AssertionError("instance " + id + " ended with " + process.exitValue() + ", not by SIGKILL");
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** "alive", or how the process ended: its exit status (4: expelled by the fleet; 137: SIGKILL). */
    String state() {
        return process.isAlive() ? "alive" : "exited " + process.exitValue();
    }

    List<String> logLines() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    String logTail(int lines) throws IOException {
        List<String> all = logLines();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** SIGTERM without waiting, so several instances stop together; {@link #close()} waits. */
    void terminate() {
        process.destroy();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** An answer of the management port; status 0 when nothing listens (yet, or any more). */
    private record Answer(int statusCode, String body) {
    }
}
