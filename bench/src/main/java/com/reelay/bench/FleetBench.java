package com.reelay.bench;

import com.reelay.postgres.DatabaseSettings;
import com.reelay.postgres.fleet.Membership;
import com.reelay.simulator.NemoSimulator;
import com.reelay.telegram.TelegramSettings;
import com.reelay.telegram.TelegramSettings.OutboxLimits;
import com.reelay.telegram.TelegramSettings.Rate;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * What a fleet of 1, 2 and 3 instances sustains on one PostgreSQL server, and the database work
 * per message. The instances run in this JVM, each wired as bot-app wires it ({@link FleetInstance})
 * with its own pool (10 connections, the default) to one database of one embedded PostgreSQL 14
 * server, at PostgreSQL's defaults (the embedded server's test settings undone: every commit waits
 * for its WAL flush) and the default dead-after (15 s). One quick simulator answers every instance
 * (a question, answered in 50 ms); people write through webhooks behind a round-robin balancer
 * ({@link WebhookBalancer}); {@link FleetTelegram} answers the bot. Each row starts a fresh
 * database and fleet, and everyone's first message (a new session, the chat's lease) is answered
 * before anything is measured. Two rows per fleet size:
 * <ul>
 *   <li><b>Telegram unthrottled</b>, and the bot's outbox wide open: the fleet's own ceiling on one
 *       database. Every person writes again as soon as their reply arrives (a closed loop: one
 *       message per person in the system); then people write at half the rate measured, for the
 *       latency a person sees below the ceiling.</li>
 *   <li><b>Telegram's limits</b> (30 messages a second per bot, one a second per chat, 429 with
 *       retry_after), the bot's outbox at its defaults, each instance keeping to 1/n of the 30 by
 *       membership: people write at two thirds of the floor, then as in the closed loop. A reply
 *       costs two messages (the acknowledgement, then the answer in its place), so replies cannot
 *       go faster than 15 a second, nor reach a person sooner than a second after the
 *       acknowledgement.</li>
 * </ul>
 * The database's work per reply is the delta of its counters over the closed loop's window
 * ({@link DatabaseWork}), divided by the replies in it.
 */
final class FleetBench {

    static final String TOKEN = "123456789:" + "AAF-bench_fleet_0123456789abcdefghij"; // made up
    static final String SECRET = "bench-fleet-webhook-secret";
    static final String HOOK_PATH = "/telegram/webhook";
    static final String HOOK_URL = "https://reelay.invalid" + HOOK_PATH;
    /**
     * The default: it sets how often instances beat and sweep, and how long one that found another
     * owning a chat believes it, so the fleet's own statements per reply are production's.
     */
    static final Duration DEAD_AFTER = Membership.DEFAULT_DEAD_AFTER;
    /** REELAY_DATABASE_POOL_SIZE's default. */
    private static final int POOL_SIZE = 10;
    /** Replies a second under Telegram's 30 messages: two messages each. */
    private static final double FLOOR = FloodControl.PER_BOT / 2.0;
    private static final double LIMITED_OFFER = FLOOR * 2 / 3;
    static final int LEDGER = 1 << 19;
    private static final OutboxLimits WIDE_OPEN = new OutboxLimits(new Rate(1_000, Duration.ofSeconds(1)),
            new Rate(100_000, Duration.ofMinutes(1)), new Rate(100_000, Duration.ofSeconds(1)));

    private final Path runDir;
    private final Results results;
    private final int people;
    private final Duration window;
    private final List<String> summary = new ArrayList<>();
    private final List<String> statements = new ArrayList<>();

    FleetBench(Path runDir, Results results, int people, Duration window) {
        this.runDir = runDir;
        this.results = results;
        this.people = people;
        this.window = window;
    }

    /** {@code limits}: the rows to run, Telegram unthrottled (false) and with its limits (true). */
    void run(List<Integer> sizes, List<Boolean> limits) throws Exception {
        System.out.printf("%n[fleet] %,d people; fleets of %s on one PostgreSQL server; %d s windows%n", people, sizes,
                window.toSeconds());
        // PostgreSQL's defaults, which the embedded server turns off for tests' speed: a commit waits for its WAL flush.
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements").start();
             NemoSimulator simulator = NemoSimulator.builder().textReplyDuration(Duration.ofMillis(50))
                     .httpThreads(16).backlog(4096).requestLogCapacity(100).start();
             Connection maintenance = server.getPostgresDatabase().getConnection()) {
            simulator.registerUser(World.TOKEN, 1_000_000_000L);
            try (Statement st = maintenance.createStatement()) {
                st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                try (ResultSet rs = st.executeQuery("SELECT current_setting('server_version'),"
                        + " current_setting('synchronous_commit'), current_setting('fsync'), current_setting('wal_sync_method'),"
                        + " current_setting('shared_buffers'), current_setting('max_connections')")) {
                    rs.next();
                    results.info("fleet", "PostgreSQL server (one, embedded, on 127.0.0.1)", String.format(
                            "%s; synchronous_commit=%s, fsync=%s, wal_sync_method=%s, shared_buffers=%s, max_connections=%s;"
                                    + " pool of %d per instance", rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), POOL_SIZE));
                }
            }
            for (boolean limited : limits) {
                for (int size : sizes) {
                    row(server, maintenance, simulator.baseUrl(), size, limited);
                }
            }
        }
        String table = "| instances | Telegram | replies/s sustained | reply p50 / p99 after the webhook's 200 (offered) "
                + "| 429 | per reply: statements / write transactions / rows written | CPU: JVM / PostgreSQL (cores) |\n"
                + "|---|---|---|---|---|---|---|\n" + String.join("\n", summary) + "\n";
        System.out.println();
        System.out.println(table);
        Files.writeString(runDir.resolve("fleet.md"), table + "\n## Statements per reply (closed loop)\n\n"
                + String.join("\n", statements) + "\n");
    }

    private void row(EmbeddedPostgres server, Connection maintenance, String simulatorUrl, int size, boolean limited)
            throws Exception {
        String scenario = String.format("fleet ×%d (%s)", size, limited ? "Telegram's limits" : "Telegram unthrottled");
        String name = "fleet_" + size + (limited ? "_limited" : "_unthrottled");
        System.out.printf("%n[%s]%n", scenario);
        try (Statement st = maintenance.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        DatabaseSettings database = new DatabaseSettings(server.getJdbcUrl("postgres", name), "postgres", "", POOL_SIZE);
        DatabaseWork work = new DatabaseWork(maintenance, name);
        try (FleetRig rig = new FleetRig(database, simulatorUrl, size, limited, people)) {
            FleetRig.Latency latency;
            FleetRig.Loop loop;
            // Everyone's first message (a new session, the chat's lease) is not what the figures are about.
            double firstWave = rig.everyoneOnce(Duration.ofSeconds(people / 5));
            System.out.printf("  everyone's first message answered in %.1f s%n", firstWave);
            // Under Telegram's limits acknowledgements go before answers: when everyone writes at once, the
            // answers flow only once every acknowledgement is out (people / 30 s); measure after that.
            Duration ramp = Duration.ofSeconds(5 + (limited ? people / FloodControl.PER_BOT : 0));
            if (limited) {
                latency = rig.openLoop(LIMITED_OFFER, window);
                loop = rig.closedLoop(ramp, window, work);
            } else {
                loop = rig.closedLoop(ramp, window, work);
                rig.awaitReplies(Duration.ofSeconds(120));
                latency = rig.openLoop(Math.max(1, Math.floor(loop.repliesPerSecond() / 2)), window);
            }
            report(scenario, size, limited, rig, loop, latency);
        }
    }

    private void report(String scenario, int size, boolean limited, FleetRig rig, FleetRig.Loop loop,
                        FleetRig.Latency latency) {
        FleetTelegram.Ledger ledger = rig.telegram.ledger();
        double rate = loop.repliesPerSecond();
        String sustained = String.format("%.1f /s (updates in %.1f /s; Telegram accepted %.1f messages/s)", rate,
                loop.updatesPerSecond(), loop.messagesPerSecond());
        if (limited) {
            results.add(scenario, String.format("replies sustained, %,d people writing again on each reply (floor %.0f /s)",
                    people, FLOOR), sustained, "≥ 90 % of floor", rate >= FLOOR * 0.9);
        } else {
            results.info(scenario, String.format("replies sustained, %,d people writing again on each reply", people), sustained);
        }
        String reply = String.format("%.2f s / %.2f s", latency.replyP50(), latency.replyP99());
        results.info(scenario, String.format("reply p50 / p99 after the webhook's 200, %.0f messages/s offered%s",
                latency.offered(), limited ? " (floor 1.0 s: one message a second in a chat)" : ""), reply);
        results.add(scenario, "acknowledgement p50 / p99; webhook answered (inbox written) p50 / p99; unanswered",
                String.format("%.2f s / %.2f s; %.0f ms / %.0f ms; %d", latency.ackP50(), latency.ackP99(),
                        latency.webhookP50Millis(), latency.webhookP99Millis(), latency.unanswered()),
                "0 unanswered", latency.unanswered() == 0);
        int refused = ledger.tooManyRequests();
        String tooMany = limited ? Integer.toString(refused) : refused + " (limits not enforced)";
        results.add(scenario, "429 Too Many Requests (whole run)", tooMany, limited ? "0" : "—", limited ? refused == 0 : null);
        results.info(scenario, "messages Telegram accepted per reply: acknowledgement / answer / progress edit / other",
                loop.messagesPerReply());
        Map<String, Double> db = loop.databasePerReply();
        results.info(scenario, "database per reply: statements / transactions / write transactions / rows written / WAL"
                        + " flushes / WAL bytes / buffers", String.format("%.1f / %.1f / %.2f / %.1f / %.2f / %.0f / %.0f",
                db.get("statements"), db.get("transactions"), db.get("write transactions"), db.get("rows written"),
                db.get("WAL flushes"), db.get("WAL bytes"), db.get("buffers")));
        results.info(scenario, "statements per reply, by part", format(loop.callsByPart()));
        results.info(scenario, "rows written per reply, by table", format(loop.rowsByTable()));
        results.info(scenario, "CPU in the window: bench JVM / PostgreSQL (cores of 2); per reply; machine's load average",
                String.format("%.2f / %.2f; %.1f ms / %.1f ms; %.1f", loop.jvmCores(), loop.databaseCores(),
                        loop.jvmCores() / rate * 1e3, loop.databaseCores() / rate * 1e3, loop.loadAverage()));
        results.info(scenario, "fleet nodes' inbox threads (read the inbox, hand requests to the engine), time by place",
                loop.inboxThreads());
        results.add(scenario, "chats owned per instance; threads awaiting a pool connection (mean / max); expelled",
                String.format("%s; %.1f / %d; %d", rig.ownedChats(), loop.poolWaitMean(), loop.poolWaitMax(), rig.expelled()),
                "0 expelled", rig.expelled() == 0);
        summary.add(String.format("| %d | %s | %.1f | %.2f s / %.2f s (%.0f /s) | %d | %.1f / %.2f / %.1f | %.2f / %.2f |",
                size, limited ? "limits enforced" : "unthrottled", rate, latency.replyP50(), latency.replyP99(),
                latency.offered(), refused, db.get("statements"), db.get("write transactions"), db.get("rows written"),
                loop.jvmCores(), loop.databaseCores()));
        statements.add("### " + scenario + "\n\n| calls | rows | part | statement |\n|---|---|---|---|\n"
                + String.join("\n", loop.statements()) + "\n");
    }

    private static String format(Map<String, Double> perReply) {
        return perReply.entrySet().stream().map(e -> String.format("%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** The bot's Telegram settings as an operator behind a balancer sets them; the outbox wide open when Telegram is. */
    static TelegramSettings telegramSettings(String apiBase, boolean limited) {
        return new TelegramSettings(TOKEN, apiBase, TelegramSettings.UpdateMode.WEBHOOK,
                new TelegramSettings.Webhook(HOOK_URL, 0, SECRET), false, TelegramSettings.CLOUD_UPLOAD_LIMIT_BYTES, false,
                limited ? OutboxLimits.telegramDefaults() : WIDE_OPEN, Duration.ofSeconds(1), "");
    }

    static double processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long[] between(long[] times, long from, long to) {
        return Arrays.stream(times).filter(t -> t >= from && t < to).toArray();
    }

    static void parkUntil(long nanoTime) {
        for (long wait = nanoTime - System.nanoTime(); wait > 0; wait = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }
}
