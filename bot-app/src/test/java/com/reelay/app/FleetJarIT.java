package com.reelay.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.simulator.Endpoint;
import com.reelay.simulator.NemoSimulator;
import com.reelay.telegram.LoadBalancedTelegram;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, "Prove it": three instances of the packaged jar share one PostgreSQL (embedded, on
 * 127.0.0.1) behind a fake Telegram that delivers webhooks round-robin to all three, redelivers
 * on the next one when a call fails, and enforces Telegram's flood control. Every chat sends a
 * prompt, then "export". One instance is killed with SIGKILL while it owns chats with NemoVideo
 * streams open, another while it owns chats with renders in progress; the last one must finish
 * everything: every chat gets its replies in order and once, every link is posted once, the
 * dead instances' chats get a live owner within dead-after plus a slack, and Telegram answers
 * no call with 429.
 *
 * <p>{@code ./mvnw -B verify} runs {@value #SHORT_CHATS} chats; {@code -Dfleet.chats=300} the full
 * run (README, "Running several instances"). Each instance's log is kept in
 * {@code target/fleet-it/<instance>.log}.
 */
class FleetJarIT {

    static final int SHORT_CHATS = 60;
    private static final int CHATS = Integer.getInteger("fleet.chats", SHORT_CHATS);
    private static final Duration DEAD_AFTER = Duration.ofSeconds(3);
    /** What a takeover may take beyond dead-after: noticing the silence (heartbeats) and asking for the lease. */
    private static final Duration TAKEOVER_SLACK = Duration.ofMillis(Long.getLong("fleet.takeover-slack-ms", 2_000));
    private static final Duration POLL = Duration.ofMillis(50);
    private static final String NEMO_TOKEN = "nmv_usr_" + "fleetTestAccount0123456789abcdef";
    private static final String WEBHOOK_SECRET = "fleet-" + "Secret_0123";
    private static final String DB_PASSWORD = "not-" + "checked-" + "by-trust-auth";
    private static final Pattern LEASE_TAKEN = Pattern.compile("chat lease taken chat=(\\S+) instance=(\\S+) epoch=(\\d+)");
    private static final long FIRST_CHAT = 1001;

    private final Path dir = Path.of("target", "fleet-it");
    private EmbeddedPostgres postgres;
    private NemoSimulator nemo;
    private LoadBalancedTelegram telegram;
    private final Map<String, FleetInstance> fleet = new LinkedHashMap<>();
    private final Map<String, Long> killedAt = new HashMap<>();

    @BeforeEach
    void startTheWorld() throws Exception {
        if (Files.exists(dir)) {
            try (var old = Files.walk(dir)) {
                old.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        postgres = EmbeddedPostgres.builder().start();
        nemo = NemoSimulator.builder().generationDuration(Duration.ofSeconds(3))
                .renderDurations(Duration.ofSeconds(1), Duration.ofSeconds(5)).noTextProbability(0).start();
        nemo.registerUser(NEMO_TOKEN, 1_000_000_000L);
        telegram = new LoadBalancedTelegram(WEBHOOK_SECRET);
    }

    @AfterEach
    void stopTheWorld() throws Exception {
        fleet.values().forEach(FleetInstance::terminate);
        for (FleetInstance instance : fleet.values()) {
            instance.close();
        }
        if (telegram != null) {
            telegram.close();
        }
        if (nemo != null) {
            nemo.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void threeInstancesLoseNothingWhenTwoAreKilledMidStreamAndMidRender() throws Exception {
        long started = System.nanoTime();
        startFleet("a", "b", "c");
        telegram.balanceAcross(fleet.values().stream().map(i -> i.webhookPort).toList());
        long ready = System.nanoTime();

        for (long chat = FIRST_CHAT; chat < FIRST_CHAT + CHATS; chat++) {
            telegram.send(chat, "make a 3 second video of " + subject(chat));
            telegram.send(chat, "export");
        }

        // Mid-stream: the instance with the most NemoVideo streams running, as soon as it has some.
        String midStream = awaitVictim("running requests", id -> fleet.get(id).metric("reelay_requests_running"));
        Takeover first = kill(midStream);

        // Mid-render: of those left, the one owning the most chats whose render is in progress.
        String midRender = awaitVictim("renders in progress", this::rendersInProgressOwnedBy);
        Takeover second = kill(midRender);

        Map<Long, ChatTranscript> chats = awaitEveryChat(Duration.ofSeconds(30 + CHATS / 4));
        awaitQuiet();
        long finished = System.nanoTime();

        report(started, ready, finished, chats, List.of(first, second));
        for (ChatTranscript chat : chats.values()) {
            assertTrue(chat.promptOutcomeAt() < chat.linkAt(), "replies in order: " + chat);
            assertEquals(Set.of(), chat.duplicates(), "a reply posted twice: " + chat);
            assertEquals(1, chat.links().size(), "one link: " + chat);
            assertEquals(1, chat.linkPostings(), "the link posted once: " + chat);
        }
        for (Takeover takeover : List.of(first, second)) {
            assertTrue(takeover.slowest().compareTo(DEAD_AFTER.plus(TAKEOVER_SLACK)) <= 0,
                    "takeover of " + takeover.instance + "'s chats within " + DEAD_AFTER + " + " + TAKEOVER_SLACK + ": "
                            + takeover.delays);
        }
        assertNothingRanTwice(chats);
        assertEquals(List.of(), telegram.violations(), "calls over Telegram's limits");
        assertEquals(0, telegram.tooManyRequestsServed(), "429s served to the fleet");
        String survivor = live().get(0);
        assertEquals(0, fleet.get(survivor).metric("reelay_send_rate_limited_total"), "429s the survivor counted");
        assertEquals(List.of(), leaseTakenTwice(), "an epoch of a chat taken by two instances");
        for (String id : live()) {
            assertEquals(List.of(), fleet.get(id).logLines().stream().filter(l -> l.contains(telegram.token())).toList());
        }
    }

    // ---- the fleet -----------------------------------------------------------------------------

    private void startFleet(String... ids) throws Exception {
        Path password = Files.writeString(dir.resolve("db-password"), DB_PASSWORD);
        Map<String, String> env = Map.of(
                "NEMO_API_BASE", nemo.baseUrl(),
                "NEMO_TOKEN", NEMO_TOKEN,
                "REELAY_DATABASE_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "REELAY_DATABASE_USER", "postgres",
                "REELAY_DATABASE_PASSWORD_FILE", password.toString(),
                "REELAY_FLEET_DEAD_AFTER", DEAD_AFTER.toSeconds() + "s");
        for (String id : ids) {
            fleet.put(id, FleetInstance.start(id, dir, env, telegram::instanceEnvironment));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        for (FleetInstance instance : fleet.values()) {
            instance.awaitReady(deadline);
        }
    }

    private List<String> live() {
        return fleet.keySet().stream().filter(id -> !killedAt.containsKey(id)).toList();
    }

    private interface Measure {
        double of(String instance) throws Exception;
    }

    /** Waits until a live instance shows some of {@code what}; returns the one showing the most. */
    private String awaitVictim(String what, Measure measure) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            String most = null;
            double mostSeen = 0;
            for (String id : live()) {
                double seen = measure.of(id);
                if (seen > mostSeen && !owned(id).isEmpty()) {
                    most = id;
                    mostSeen = seen;
                }
            }
            if (most != null) {
                System.out.printf("fleet: instance %s has %.0f %s%n", most, mostSeen, what);
                return most;
            }
            assertTrue(System.nanoTime() < deadline, "no live instance ever had " + what + "; leases: " + leases());
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * How long each chat the instance owned when it died took to get a live owner again;
     * {@code unfinished}: those that still had work (no link yet), which must all be taken over.
     */
    private record Takeover(String instance, int owned, Set<String> unfinished, Map<String, Duration> delays) {
        Duration slowest() {
            return delays.values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
        }
    }

    /**
     * Kills the instance with SIGKILL, then waits until every chat it owned with work left (no
     * link yet) has a live owner under a higher epoch, and measures how long each took.
     */
    private Takeover kill(String id) throws Exception {
        Map<String, Long> owned = owned(id);
        Set<String> unfinished = owned.keySet().stream().filter(key -> !transcript(chatId(key)).complete())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        long at = System.nanoTime();
        fleet.get(id).killNine();
        killedAt.put(id, at);
        System.out.printf("fleet: killed %s (SIGKILL) owning %d chats, %d with work left%n", id, owned.size(),
                unfinished.size());
        Map<String, Duration> delays = new TreeMap<>();
        long deadline = at + DEAD_AFTER.plus(TAKEOVER_SLACK).multipliedBy(3).toNanos();
        while (!delays.keySet().containsAll(unfinished) && System.nanoTime() < deadline) {
            Map<String, Lease> now = leases();
            long seen = System.nanoTime();
            for (Map.Entry<String, Long> chat : owned.entrySet()) {
                Lease lease = now.get(chat.getKey());
                if (!delays.containsKey(chat.getKey()) && lease != null && live().contains(lease.owner())
                        && lease.epoch() > chat.getValue()) {
                    delays.put(chat.getKey(), Duration.ofNanos(seen - at));
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        for (String chat : unfinished) {
            if (!delays.containsKey(chat)) {
                throw new AssertionError("chat " + chat + " of killed " + id + " has no live owner "
                        + Duration.ofNanos(System.nanoTime() - at) + " after the kill: " + leases().get(chat) + "\n"
                        + transcript(chatId(chat)));
            }
        }
        return new Takeover(id, owned.size(), unfinished, delays);
    }

    // ---- what the database shows ---------------------------------------------------------------

    private record Lease(String owner, long epoch) {
    }

    private Map<String, Lease> leases() throws SQLException {
        Map<String, Lease> leases = new HashMap<>();
        query("SELECT chat_key, owner, epoch FROM chat_leases", rs -> leases.put(rs.getString(1),
                new Lease(rs.getString(2), rs.getLong(3))));
        return leases;
    }

    /** The chats the instance owns, with their lease's epoch. */
    private Map<String, Long> owned(String id) throws SQLException {
        return leases().entrySet().stream().filter(e -> e.getValue().owner().equals(id))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().epoch()));
    }

    private double rendersInProgressOwnedBy(String id) throws SQLException {
        List<Long> count = new ArrayList<>();
        query("SELECT count(*) FROM render_jobs r JOIN chat_leases l ON l.chat_key = r.chat_key"
                + " WHERE r.state = 'RENDERING' AND l.owner = '" + id + "'", rs -> count.add(rs.getLong(1)));
        return count.get(0);
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Row row) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                row.read(rs);
            }
        }
    }

    // ---- what the chats show -------------------------------------------------------------------

    private static String subject(long chat) {
        return "lighthouse " + chat + " at dawn";
    }

    private static long chatId(String chatKey) {
        return Long.parseLong(chatKey.substring(chatKey.indexOf(':') + 1));
    }

    private ChatTranscript transcript(long chat) {
        return new ChatTranscript(chat, subject(chat), telegram.conversation(chat));
    }

    private Map<Long, ChatTranscript> transcripts() {
        Map<Long, ChatTranscript> chats = new TreeMap<>();
        for (long chat = FIRST_CHAT; chat < FIRST_CHAT + CHATS; chat++) {
            chats.put(chat, transcript(chat));
        }
        return chats;
    }

    /** Waits until every chat has both outcomes: the prompt's (answer or interruption) and its link. */
    private Map<Long, ChatTranscript> awaitEveryChat(Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Map<Long, ChatTranscript> chats = transcripts();
            List<ChatTranscript> waiting = chats.values().stream().filter(c -> !c.complete()).toList();
            if (waiting.isEmpty()) {
                return chats;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(waiting.size() + " chats still waiting after " + patience + "; leases "
                        + leases() + "; undelivered updates " + telegram.undelivered() + "; first:\n"
                        + waiting.stream().limit(3).map(ChatTranscript::toString).collect(Collectors.joining("\n")));
            }
            Thread.sleep(200);
        }
    }

    /**
     * Waits until nothing is left to do anywhere: every update delivered, every render job
     * settled, the survivors running and queueing nothing. Only then can "posted once" be judged.
     */
    private void awaitQuiet() throws Exception {
        await(Duration.ofSeconds(30), "the fleet goes quiet", () -> {
            try {
                List<Long> open = new ArrayList<>();
                query("SELECT count(*) FROM render_jobs WHERE state = 'RENDERING'", rs -> open.add(rs.getLong(1)));
                double busy = 0;
                for (String id : live()) {
                    busy += fleet.get(id).metric("reelay_requests_running") + fleet.get(id).metric("reelay_queue_waiting");
                }
                return telegram.undelivered() == 0 && open.get(0) == 0 && busy == 0;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private static void await(Duration patience, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(POLL.toMillis());
        }
    }

    // ---- nothing twice -------------------------------------------------------------------------

    /** NemoVideo saw each chat's prompt once and rendered each chat once. */
    private void assertNothingRanTwice(Map<Long, ChatTranscript> chats) throws SQLException {
        Map<String, String> sessions = new HashMap<>();
        query("SELECT chat_key, session_id FROM chats", rs -> sessions.put(rs.getString(1), rs.getString(2)));
        Map<String, Long> renderStarts = nemo.requests(Endpoint.RENDER_START).stream()
                .map(r -> sessions.values().stream().filter(s -> r.body() != null && r.body().contains(s)).findFirst()
                        .orElse("?"))
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        for (long chat : chats.keySet()) {
            String session = sessions.get("telegram:" + chat);
            assertTrue(session != null && !session.isEmpty(), "chat " + chat + " has a NemoVideo session");
            long prompts = nemo.chatMessagesReceived(session).stream().filter(m -> m.contains(subject(chat))).count();
            assertEquals(1, prompts, "chat " + chat + "'s prompt reached NemoVideo once");
            assertEquals(1, renderStarts.getOrDefault(session, 0L), "chat " + chat + " rendered once");
        }
    }

    /** Log lines "chat lease taken" naming the same chat and epoch from two instances. */
    private List<String> leaseTakenTwice() throws Exception {
        Map<String, Set<String>> takers = new TreeMap<>();
        for (FleetInstance instance : fleet.values()) {
            for (String line : instance.logLines()) {
                Matcher m = LEASE_TAKEN.matcher(line);
                if (m.find()) {
                    takers.computeIfAbsent(m.group(1) + " epoch " + m.group(3), k -> new java.util.TreeSet<>()).add(m.group(2));
                }
            }
        }
        return takers.entrySet().stream().filter(e -> e.getValue().size() > 1).map(e -> e.getKey() + " by " + e.getValue())
                .toList();
    }

    // ---- figures -------------------------------------------------------------------------------

    private void report(long started, long ready, long finished, Map<Long, ChatTranscript> chats, List<Takeover> takeovers)
            throws Exception {
        System.out.printf("fleet: %d chats, 3 instances, dead-after %s; ready after %.1f s, all done after %.1f s%n", CHATS,
                DEAD_AFTER, (ready - started) / 1e9, (finished - started) / 1e9);
        for (Takeover t : takeovers) {
            List<Duration> sorted = t.delays.values().stream().sorted().toList();
            System.out.printf("fleet: takeover of %s's %d chats (%d with work left, %d taken over): fastest %d ms, median %d ms,"
                            + " slowest %d ms (bound %d ms)%n", t.instance, t.owned, t.unfinished.size(), t.delays.size(),
                    sorted.isEmpty() ? 0 : sorted.get(0).toMillis(), sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2).toMillis(),
                    t.slowest().toMillis(), DEAD_AFTER.plus(TAKEOVER_SLACK).toMillis());
        }
        long interrupted = chats.values().stream().filter(ChatTranscript::interrupted).count();
        System.out.printf("fleet: %d chats answered, %d told their request was interrupted; 429s served: %d;"
                        + " webhook deliveries refused or failed: %d%n", chats.size() - interrupted, interrupted,
                telegram.tooManyRequestsServed(), telegram.failedDeliveries().size());
        for (String id : live()) {
            System.out.printf("fleet: survivor %s: /readyz %s%n", id, fleet.get(id).readiness());
        }
    }
}
