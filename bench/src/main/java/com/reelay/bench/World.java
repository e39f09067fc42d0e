package com.reelay.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link WorldMain} (simulator + file server) in a second JVM on the same classpath and
 * talks to it over its stdin/stdout. Its stderr goes to a log file in the run directory.
 */
final class World implements AutoCloseable {

    static final String TOKEN = "nmv_usr_" + "bench0000000000000000000000000"; // made up

    private final Process process;
    private final PrintWriter commands;
    private final BufferedReader answers;
    final String simulatorUrl;
    final String fileServerUrl;

    private World(Process process, PrintWriter commands, BufferedReader answers, String simulatorUrl, String fileServerUrl) {
        this.process = process;
        this.commands = commands;
        this.answers = answers;
        this.simulatorUrl = simulatorUrl;
        this.fileServerUrl = fileServerUrl;
    }

    /** {@code options}: WorldMain's, e.g. {@code --generation-ms 30000}. */
    static World start(Path runDir, String name, String... options) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xss256k");
        command.add("-Xmx3g");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorldMain.class.getName());
        command.add("--user");
        command.add(TOKEN);
        command.addAll(List.of(options));
        try {
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(runDir.resolve("world-" + name + ".log").toFile()))
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (ready == null || !ready.startsWith("READY ")) {
                p.destroyForcibly();
                throw new IllegalStateException("the simulator process did not start: " + ready);
            }
            String[] parts = ready.split(" ");
            return new World(p, new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8), out, parts[1], parts[2]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The simulator's open chat connections, as the server side counts them. */
    synchronized int openStreams() {
        commands.println("streams");
        try {
            String line = answers.readLine();
            return line != null && line.startsWith("STREAMS ") ? Integer.parseInt(line.substring(8).trim()) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** CPU time the simulator process has used so far. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    @Override
    public void close() {
        commands.println("quit");
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
