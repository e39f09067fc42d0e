package com.reelay.bench;

import com.reelay.core.chat.support.DaemonThreads;
import com.reelay.simulator.NemoSimulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The world outside the bot, in its own JVM so that the bot's heap, threads and file descriptors
 * can be measured alone: the NemoVideo simulator and the fake platform's file server, both on
 * 127.0.0.1. Prints {@code READY <simulator-url> <file-server-url>}, then answers commands on
 * stdin ({@code streams}: the simulator's open chat streams; {@code quit}). It also ends when stdin
 * closes (the bench died) and after {@code --max-seconds} in any case.
 */
public final class WorldMain {

    private WorldMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        long maxSeconds = Long.parseLong(opts.getOrDefault("max-seconds", "900"));
        Thread reaper = DaemonThreads.named("world-reaper").newThread(() -> {
            try {
                Thread.sleep(maxSeconds * 1000);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("world: ran " + maxSeconds + " s, stopping");
            Runtime.getRuntime().halt(3);
        });
        reaper.start();

        NemoSimulator.Builder builder = NemoSimulator.builder()
                .generationDuration(Duration.ofMillis(Long.parseLong(opts.getOrDefault("generation-ms", "6000"))))
                .textReplyDuration(Duration.ofMillis(Long.parseLong(opts.getOrDefault("text-ms", "2000"))))
                .heartbeatInterval(Duration.ofMillis(Long.parseLong(opts.getOrDefault("heartbeat-ms", "1000"))))
                .httpThreads(Integer.parseInt(opts.getOrDefault("http-threads", "8")))
                .schedulerThreads(Integer.parseInt(opts.getOrDefault("scheduler-threads", "2")))
                .backlog(Integer.parseInt(opts.getOrDefault("backlog", "4096")))
                .requestLogCapacity(Integer.parseInt(opts.getOrDefault("request-log", "1000")));
        try (NemoSimulator simulator = builder.start(); FileServer files = FileServer.start()) {
            String token = opts.get("user");
            if (token != null) {
                simulator.registerUser(token, 1_000_000_000L);
            }
            System.out.println("READY " + simulator.baseUrl() + " " + files.baseUrl());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                switch (line.trim()) {
                    case "streams":
                        System.out.println("STREAMS " + simulator.openStreams());
                        System.out.flush();
                        break;
                    case "quit":
                        return;
                    default:
                        System.out.println("ERROR unknown command");
                        System.out.flush();
                }
            }
        }
    }
}
