package com.reelay.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar nemo-simulator.jar [--port 8765] …}: prints one line with the base URL on stdout,
 * logs one line per request on stderr (tokens masked) unless {@code --quiet}, and runs until killed.
 */
public final class NemoSimulatorMain {
    static final int DEFAULT_PORT = 8765;

    private NemoSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        NemoSimulator simulator;
        try {
            simulator = start(args, System.out, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("nemo-simulator: " + e.getMessage());
            System.err.println("Try --help.");
            System.exit(2);
            return;
        }
        if (simulator == null) {
            return; // --help
        }
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "nemo-sim-shutdown"));
        forever.await();
    }

    /** Starts a simulator as the arguments say and prints its URL; null after printing --help. */
    static NemoSimulator start(String[] args, PrintStream out, PrintStream err) {
        NemoSimulator.Builder builder = NemoSimulator.builder().port(DEFAULT_PORT).logRequestsTo(err::println);
        java.util.List<String[]> registrations = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help":
                case "-h":
                    out.print(usage());
                    return null;
                case "--port":
                    builder.port(Integer.parseInt(value(args, ++i, arg)));
                    break;
                case "--seed":
                    builder.seed(Long.parseLong(value(args, ++i, arg)));
                    break;
                case "--time-scale":
                    builder.timeScale(Double.parseDouble(value(args, ++i, arg)));
                    break;
                case "--sse-shape":
                    builder.sseShape(SseShape.valueOf(value(args, ++i, arg).toUpperCase(java.util.Locale.ROOT)));
                    break;
                case "--no-text-probability":
                    builder.noTextProbability(Double.parseDouble(value(args, ++i, arg)));
                    break;
                case "--heartbeat-ms":
                    builder.heartbeatInterval(Duration.ofMillis(Long.parseLong(value(args, ++i, arg))));
                    break;
                case "--user":
                    String spec = value(args, ++i, arg);
                    int colon = spec.lastIndexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("--user wants TOKEN:CREDITS");
                    }
                    registrations.add(new String[] {spec.substring(0, colon), spec.substring(colon + 1)});
                    break;
                case "--quiet":
                    builder.logRequestsTo(line -> { });
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        NemoSimulator simulator = builder.start();
        for (String[] r : registrations) {
            simulator.registerUser(r[0], Long.parseLong(r[1]));
        }
        out.println("NemoVideo simulator listening on " + simulator.baseUrl());
        out.flush();
        return simulator;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    static String usage() {
        return String.join("\n",
                "Usage: java -jar nemo-simulator.jar [options]",
                "A stateful NemoVideo double on 127.0.0.1. Prints its base URL, then serves until killed.",
                "",
                "  --port N                  port to bind (default " + DEFAULT_PORT + "; 0 picks a free one)",
                "  --seed N                  seed for ids and no-text draws (default 42)",
                "  --time-scale X            multiply every stream and render duration (default 1.0)",
                "  --sse-shape adk|typed|mixed   chat event shape (default mixed: alternates per stream)",
                "  --no-text-probability P   chance an edit stream ends with no text (default 0.3)",
                "  --heartbeat-ms N          keep-alive period on streams (default 1000; 0 = off)",
                "  --user TOKEN:CREDITS      register a user whose token is accepted, e.g. your NEMO_TOKEN for --offline",
                "  --quiet                   do not log requests on stderr",
                "  --help                    this text",
                "");
    }
}
