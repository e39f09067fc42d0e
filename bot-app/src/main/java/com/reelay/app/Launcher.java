package com.reelay.app;

import com.reelay.app.console.ConsoleChat;
import com.reelay.app.logging.LogSetup;
import com.reelay.app.ops.ManagementServer;
import com.reelay.app.ops.Probes;
import com.reelay.app.settings.ReelayConfig;
import com.reelay.config.ConfigException;
import com.reelay.core.chat.support.SecretMask;
import com.reelay.core.conversation.ConversationEngine;
import com.reelay.core.nemo.NemoSettings;
import com.reelay.core.nemo.OkHttpNemoClient;
import com.reelay.core.store.CachingStore;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.SqliteStore;
import com.reelay.core.store.StoreException;
import com.reelay.postgres.DatabaseSettings;
import com.reelay.postgres.PostgresStore;
import com.reelay.postgres.fleet.DatabaseClock;
import com.reelay.postgres.fleet.FleetNode;
import com.reelay.postgres.fleet.FleetSettings;
import com.reelay.app.fleet.FleetHost;
import com.reelay.app.fleet.FleetRole;
import com.reelay.app.fleet.LeasedEngine;
import com.reelay.core.chat.ChatEngine;
import com.reelay.simulator.NemoSimulator;
import com.reelay.discord.DiscordFrontEnd;
import com.reelay.telegram.TelegramFrontEnd;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Wires Reelay together and runs it: settings (exit 2 before connecting anywhere when they are
 * wrong), logging, store, NemoVideo client (or the in-process simulator with {@code --offline}),
 * engine, the configured platforms or else the console chat, and the management port. Exit
 * status: 0 done, 1 could not run (NemoVideo or a platform unreachable), 2 bad configuration,
 * 3 the data directory is in use by another Reelay process, 4 expelled from its fleet.
 *
 * <p>No static logger here: logging is configured from the settings first.
 */
public final class Launcher {

    public static final int OK = 0;
    public static final int UNREACHABLE = 1;
    public static final int BAD_CONFIGURATION = 2;
    public static final int DATA_DIR_IN_USE = 3;
    /** The fleet declared this instance dead (silent too long) and gave its chats to others. */
    public static final int EXPELLED = 4;
    static final long OFFLINE_CREDITS = 2_000;

    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private UnaryOperator<NemoSimulator.Builder> simulatorTuning = UnaryOperator.identity();
    private UnaryOperator<NemoSettings> nemoTuning = UnaryOperator.identity();
    private boolean ansi = System.console() != null;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile ManagementServer management;
    private FleetHost fleetHost;

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

    /** The management port actually bound (once running), for tests that asked for port 0. */
    Optional<Integer> managementPort() {
        return Optional.ofNullable(management).map(ManagementServer::port);
    }

    /** Ends a service-mode run (what SIGTERM does). */
    void stop() {
        stopped.countDown();
    }

    public int run(String[] args) {
        LaunchOptions options;
        ReelayConfig config;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(LaunchOptions.USAGE);
            return BAD_CONFIGURATION;
        }
        if (options.help()) {
            out.println(LaunchOptions.USAGE);
            return OK;
        }
        try {
            config = ReelayConfig.load(options.configFile(), env);
        } catch (ConfigException e) {
            err.println(e.report());
            return BAD_CONFIGURATION;
        }
        if (options.printConfig()) {
            out.print(config.describe());
            return OK;
        }
        registerSecrets(config);
        boolean console = !config.hasPlatform();
        // Offline identities and sessions belong to the simulator: keep them apart from real ones.
        Path dataDir = options.offline() ? config.app().dataPath().resolve("offline") : config.app().dataPath();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            err.println("Reelay can't start: cannot create the data directory " + dataDir + " (" + e.getMessage() + ")");
            return BAD_CONFIGURATION;
        }
        // Before the log and the store: a second process must not touch either.
        DataDirectoryLock lock;
        try {
            lock = DataDirectoryLock.take(dataDir);
        } catch (DataDirectoryLock.InUse e) {
            err.println(e.getMessage());
            return DATA_DIR_IN_USE;
        } catch (IOException e) {
            err.println("Reelay can't start: cannot lock the data directory " + dataDir + " (" + e.getMessage() + ")");
            return BAD_CONFIGURATION; // as for a data directory that cannot be created
        }
        LogSetup.configure(config.app().logFormat(), config.app().logLevel(), console ? dataDir.resolve("reelay.log") : null);
        Deque<AutoCloseable> resources = new java.util.concurrent.LinkedBlockingDeque<>();
        resources.push(lock); // released last, once everything that used the directory is closed
        // SIGTERM: stop taking work and close everything from the hook itself, because the JVM
        // halts once hooks finish, whatever the main thread was doing (e.g. reading the console).
        Thread hook = new Thread(() -> {
            stop();
            closeAll(resources);
        }, "reelay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return serve(options, config, dataDir, console, resources);
        } catch (StartFailure e) {
            err.println(e.getMessage());
            return e.status;
        } catch (IOException e) {
            err.println("Reelay stopped: " + e.getMessage());
            return UNREACHABLE;
        } finally {
            closeAll(resources);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook closes (has closed) everything.
            }
        }
    }

    private int serve(LaunchOptions options, ReelayConfig config, Path dataDir, boolean console,
                      Deque<AutoCloseable> resources) throws IOException, StartFailure {
        String apiBase = config.nemo().apiBase();
        Optional<String> token = config.nemo().registeredToken();
        if (options.offline()) {
            // A demo that runs dry after one video teaches nothing: offline identities get more credits.
            NemoSimulator simulator = simulatorTuning.apply(NemoSimulator.builder().anonymousCredits(OFFLINE_CREDITS)).start();
            resources.push(simulator);
            apiBase = simulator.baseUrl();
            token = Optional.empty(); // a real account's token means nothing to the simulator
            out.println("Offline: using the built-in NemoVideo simulator (videos and links are simulated).");
        } else {
            Optional<String> problem = unreachable(apiBase);
            if (problem.isPresent()) {
                throw new StartFailure("Can't reach NemoVideo at " + apiBase + " (" + problem.get()
                        + "). Check your connection, or run with --offline to try Reelay with the built-in simulator.");
            }
        }
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(prometheus);
        new JvmThreadMetrics().bindTo(prometheus);
        Metrics.addRegistry(prometheus);
        resources.push(() -> {
            Metrics.removeRegistry(prometheus);
            prometheus.close();
        });

        ReelayStore durable = openStore(options.offline() ? DatabaseSettings.defaults() : config.app().database(), dataDir);
        PostgresStore shared = durable instanceof PostgresStore pg ? pg : null;
        ReelayStore store = shared != null ? FleetNode.engineStore(shared) : durable;
        resources.push(store);
        NemoSettings nemo = nemoTuning.apply(config.nemo().toClientSettings().withBaseUrl(apiBase));
        // The engine schedules 429 retries itself, so a rate limit never holds one of its workers.
        OkHttpNemoClient client = new OkHttpNemoClient(nemo, null, OkHttpNemoClient.RateLimits.CALLER_SCHEDULES);
        resources.push(client);
        // The console has no platform rate limit: show progress more often than chat platforms can.
        ConversationEngine engine = new ConversationEngine(client, store,
                console ? config.engine().withEditInterval(Duration.ofMillis(500)) : config.engine(),
                config.guard(), token, config.nemo().identityScope(), Clock.systemUTC(), Metrics.globalRegistry);
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("store", Probes.store(store));
        FleetNode fleet = shared != null ? joinFleet(shared, config.app().fleet(), engine, resources) : null;
        ChatEngine direct = fleet == null ? engine : new LeasedEngine(engine, fleet);
        FleetHost host = fleet == null ? null : fleetHost;
        // What /readyz says about this instance's part, after the checks.
        List<java.util.function.Supplier<String>> roles = new java.util.ArrayList<>();
        if (fleet != null) {
            roles.add(() -> FleetRole.describe(fleet));
        }
        ConsoleChat consoleChat = null;
        TelegramFrontEnd telegram = null;
        if (console) {
            consoleChat = new ConsoleChat(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out, ansi);
            engine.register(ConsoleChat.PLATFORM, consoleChat);
            checks.put("console", () -> true);
            if (host != null) {
                host.serve(ConsoleChat.PLATFORM, chat -> true, null, null);
            }
        }
        if (config.telegram().isPresent()) {
            telegram = new TelegramFrontEnd(config.telegram().get());
            resources.push(telegram); // closed after the engine, so its last replies still go out
            try {
                telegram.start(engine, fleet);
            } catch (IllegalStateException e) {
                throw new StartFailure("Reelay can't start Telegram: " + LogSetup.mask().apply(e.getMessage()));
            }
            if (host != null) {
                host.serve(TelegramFrontEnd.PLATFORM, chat -> true,
                        new FleetHost.InboxReader(telegram::deliver, telegram::requestIdOf), telegram::shareSendBudget);
            }
            checks.put("telegram", Probes.heardWithin(telegram::lastContact, config.app().readyWindow(), Clock.systemUTC()));
        }
        if (config.discord().isPresent()) {
            DiscordFrontEnd discord = new DiscordFrontEnd(config.discord().get());
            roles.add(() -> FleetRole.describeShards(discord.shards(), discord.connectedShards()));
            FleetRole.measureShards(discord::connectedShards, Metrics.globalRegistry);
            resources.push(discord);
            try {
                discord.start(direct);
            } catch (IllegalStateException e) {
                throw new StartFailure("Reelay can't start Discord: " + LogSetup.mask().apply(e.getMessage()));
            }
            if (host != null) {
                host.serve(DiscordFrontEnd.PLATFORM, discord::reaches, null, discord::shareSendBudget);
            }
            checks.put("discord", discord::connected);
        }
        Duration grace = config.app().shutdownGrace();
        resources.push(() -> {
            if (fleet != null) {
                fleet.stopTaking(); // still a member while the engine finishes what it runs
            }
            engine.close(grace);
        });
        if (fleet == null) {
            engine.resume();
        } else {
            checks.put("database", fleet::databaseHealthy);
            // A fleet resumes chat by chat, as their owners die: each instance adopts what it takes.
        }
        if (config.app().httpPort() > 0) {
            try {
                management = new ManagementServer(config.app().httpPort(), prometheus, checks,
                        () -> roles.stream().map(java.util.function.Supplier::get).collect(java.util.stream.Collectors.joining()));
                resources.push(management);
            } catch (IOException e) {
                // A service nobody can health-check must not pretend to run; a console demo may.
                if (!console) {
                    throw new StartFailure("Reelay can't open its management port " + config.app().httpPort() + " ("
                            + e.getMessage() + "). Set REELAY_HTTP_PORT to a free port, or 0 to turn it off.");
                }
                org.slf4j.LoggerFactory.getLogger(Launcher.class).warn("management port {} unavailable: {}",
                        config.app().httpPort(), e.getMessage());
            }
        }
        org.slf4j.LoggerFactory.getLogger(Launcher.class).info("reelay started platforms={} management={}",
                checks.keySet().stream().filter(k -> !k.equals("store")).toList(),
                management != null ? management.port() : "off");
        try {
            if (consoleChat != null) {
                consoleChat.run(direct);
            } else {
                out.println("Reelay is running" + (management != null ? "; management port " + management.port() : "")
                        + ". Stop it with SIGTERM (Ctrl-C).");
                stopped.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }

    /**
     * PostgreSQL when configured (its cache comes with the fleet: {@link FleetNode#engineStore}),
     * else SQLite in the data directory with a cache in front. {@code --offline} always keeps its
     * simulated identities in its own SQLite file.
     */
    private static ReelayStore openStore(DatabaseSettings database, Path dataDir) throws StartFailure {
        try {
            return database.isPostgres() ? PostgresStore.open(database) : new CachingStore(SqliteStore.open(dataDir), 10_000);
        } catch (StoreException e) {
            throw new StartFailure("Reelay can't open its store: " + LogSetup.mask().apply(e.getMessage()));
        }
    }

    /**
     * Joins the fleet of instances on this database before any platform starts: by the time
     * this instance sends, every member counts it in the per-bot allowances' shares.
     */
    private FleetNode joinFleet(PostgresStore store, FleetSettings settings, ConversationEngine engine,
                                Deque<AutoCloseable> resources) throws StartFailure {
        fleetHost = new FleetHost(engine, () -> {
            org.slf4j.LoggerFactory.getLogger(Launcher.class).error("fleet expelled this instance: its chats run"
                    + " elsewhere now; stopping at once so that none runs twice (restart it to rejoin)");
            Runtime.getRuntime().halt(EXPELLED);
        });
        // Heartbeats are judged by the database's clock, so hosts' clocks may disagree.
        FleetNode fleet = new FleetNode(store.dataSource(), store.fleetConnections(), settings.effectiveInstanceId(),
                settings.deadAfter(), new DatabaseClock(store.fleetConnections(), Clock.systemUTC(), Duration.ofMinutes(1)),
                fleetHost);
        resources.push(fleet);
        try {
            fleet.start();
        } catch (java.sql.SQLException | StoreException e) {
            throw new StartFailure("Reelay can't join the fleet on its database: " + LogSetup.mask().apply(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailure("Reelay was stopped while joining the fleet");
        }
        FleetRole.measure(fleet, Metrics.globalRegistry);
        return fleet;
    }

    private static void registerSecrets(ReelayConfig config) {
        SecretMask mask = LogSetup.mask();
        if (!config.app().database().password().isEmpty()) {
            mask.register(config.app().database().password());
        }
        config.nemo().registeredToken().ifPresent(mask::register);
        config.discord().ifPresent(d -> mask.register(d.botToken()));
        config.telegram().ifPresent(t -> {
            mask.register(t.botToken());
            if (t.webhook() != null) {
                mask.register(t.webhook().secretToken());
            }
        });
    }

    /** Closes in reverse order of opening; safe to call from the main thread and the shutdown hook. */
    private void closeAll(Deque<AutoCloseable> resources) {
        synchronized (resources) {
            if (resources.isEmpty()) {
                return;
            }
            while (!resources.isEmpty()) {
                try {
                    resources.pop().close();
                } catch (Exception e) {
                    err.println("while stopping: " + LogSetup.mask().apply(String.valueOf(e.getMessage())));
                }
            }
            org.slf4j.LoggerFactory.getLogger(Launcher.class).info("reelay stopped");
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

    /** Something outside could not be reached (or is in use) at start; the message is the operator's one line. */
    private static final class StartFailure extends Exception {
        final int status;

        StartFailure(String message) {
            this(message, UNREACHABLE);
        }

        StartFailure(String message, int status) {
            super(message.replaceAll("\\s*\\n\\s*", " "), null, false, false); // one line for the operator
            this.status = status;
        }
    }
}
