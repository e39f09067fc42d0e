package com.reelay.app;

import com.reelay.app.console.ConsoleChat;
import com.reelay.core.conversation.ConversationEngine;
import com.reelay.core.conversation.EngineSettings;
import com.reelay.core.nemo.NemoSettings;
import com.reelay.core.nemo.OkHttpNemoClient;
import com.reelay.core.store.CachingStore;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.SqliteStore;
import com.reelay.simulator.NemoSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Wires Reelay together and runs it. With no platform configured it opens the console chat;
 * {@code --offline} starts the NemoVideo simulator in-process. Exit status: 0 done, 1 could not
 * run (NemoVideo unreachable), 2 bad configuration.
 *
 * <p>No static logger here: the log directory is chosen before logging starts.
 */
public final class Launcher {

    public static final int OK = 0;
    public static final int UNREACHABLE = 1;
    public static final int BAD_CONFIGURATION = 2;
    static final long OFFLINE_CREDITS = 2_000;

    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private UnaryOperator<NemoSimulator.Builder> simulatorTuning = UnaryOperator.identity();
    private UnaryOperator<NemoSettings> nemoTuning = UnaryOperator.identity();
    private boolean ansi = System.console() != null;

    public Launcher(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Tests speed the offline simulator up. */
    Launcher tuneSimulator(UnaryOperator<NemoSimulator.Builder> tuning) {
        this.simulatorTuning = tuning;
        return this;
    }

    /** Tests shorten the client's waits. */
    Launcher tuneNemo(UnaryOperator<NemoSettings> tuning) {
        this.nemoTuning = tuning;
        return this;
    }

    Launcher ansi(boolean on) {
        this.ansi = on;
        return this;
    }

    public int run(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(LaunchOptions.USAGE);
            return BAD_CONFIGURATION;
        }
        if (options.help()) {
            out.println(LaunchOptions.USAGE);
            return OK;
        }
        // Offline identities and sessions belong to the simulator: keep them apart from real ones.
        Path dataDir = options.offline() ? options.dataDir().resolve("offline") : options.dataDir();
        System.setProperty("reelay.log.dir", dataDir.toAbsolutePath().toString());

        NemoSimulator simulator = null;
        String apiBase = options.nemoApiBase();
        Optional<String> token = options.nemoToken();
        try {
            if (options.offline()) {
                // A demo that runs dry after one video teaches nothing: offline identities get more credits.
                simulator = simulatorTuning.apply(NemoSimulator.builder().anonymousCredits(OFFLINE_CREDITS)).start();
                apiBase = simulator.baseUrl();
                token = Optional.empty(); // a real account's token means nothing to the simulator
                out.println("Offline: using the built-in NemoVideo simulator (videos and links are simulated).");
            } else {
                Optional<String> problem = unreachable(apiBase);
                if (problem.isPresent()) {
                    err.println("Can't reach NemoVideo at " + apiBase + " (" + problem.get()
                            + "). Check your connection, or run with --offline to try Reelay with the built-in simulator.");
                    return UNREACHABLE;
                }
            }
            runConsole(options, dataDir, apiBase, token);
            return OK;
        } catch (IOException e) {
            err.println("Reelay stopped: " + e.getMessage());
            return UNREACHABLE;
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    private void runConsole(LaunchOptions options, Path dataDir, String apiBase, Optional<String> token)
            throws IOException {
        NemoSettings nemo = nemoTuning.apply(NemoSettings.defaults(apiBase)
                .withAttribution(options.skillSource(), version(), options.skillPlatform()));
        // The console has no platform rate limit: show progress more often than chat platforms can.
        EngineSettings engineSettings = EngineSettings.defaults().withEditInterval(Duration.ofMillis(500));
        try (ReelayStore store = new CachingStore(SqliteStore.open(dataDir), 10_000);
             OkHttpNemoClient client = new OkHttpNemoClient(nemo);
             ConversationEngine engine = new ConversationEngine(client, store, engineSettings, token, Clock.systemUTC())) {
            ConsoleChat console = new ConsoleChat(
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out, ansi);
            engine.register(ConsoleChat.PLATFORM, console);
            engine.resume();
            console.run(engine);
        }
    }

    /** Empty if an HTTP request to {@code base} gets any answer; else why not, in a few words. */
    static Optional<String> unreachable(String base) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            http.send(HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(8))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            return Optional.empty();
        } catch (IOException e) {
            String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            return Optional.of(why.replaceAll("\\s+", " "));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (IllegalArgumentException e) {
            return Optional.of("not a valid URL");
        }
    }

    private static String version() {
        String v = Launcher.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
