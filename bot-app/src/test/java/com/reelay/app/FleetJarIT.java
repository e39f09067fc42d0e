package com.reelay.app;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.app.ChatTranscript.Outcome;
import com.reelay.app.ChatTranscript.Request;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 14, "Prove it": three instances of the packaged jar share one PostgreSQL (embedded, on
 * 127.0.0.1) behind a fake Telegram that delivers webhooks round-robin to all three, redelivers
 * on the next one when a call fails, and enforces Telegram's flood control. Every chat sends a
 * prompt, then "export". One instance is killed with SIGKILL while it owns chats with NemoVideo
 * streams open, another (once the survivors have said what the first left unsaid) while it owns
 * chats with renders in progress; the last one must finish
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
    /** REELAY_FLEET_DEAD_AFTER; -Dfleet.dead-after-seconds sets another (a loaded machine may stall an instance that long). */
    private static final Duration DEAD_AFTER = Duration.ofSeconds(Long.getLong("fleet.dead-after-seconds", 5));
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
    /** The requests each chat's person sent, in order. */
    private final Map<Long, List<Request>> sent = new java.util.concurrent.ConcurrentHashMap<>();
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
            send(chat, Request.PROMPT);
            send(chat, Request.EXPORT);
        }

        // Mid-stream: once every chat has an owner, the instance with the most requests running (streams open).
        awaitEveryChatOwned();
        String midStream = awaitVictim("running requests", id -> fleet.get(id).metric("reelay_requests_running"));
        Takeover first = kill(midStream);
        // The survivors first say what the dead instance left unsaid. An instance killed while
        // posting those notices as new messages can leave one posted twice (the seam the README
        // names): the second kill waits until they are out, so that it tests a render, not that.
        awaitSaid(first);

        // Mid-render: of those left, the one owning the most chats whose render is in progress.
        String midRender = awaitVictim("renders in progress", this::rendersInProgressOwnedBy);
        Takeover second = kill(midRender);

        Map<Long, ChatTranscript> chats = awaitEveryChat(Duration.ofSeconds(30 + CHATS / 4));
        boolean quiet = awaitQuiet(Duration.ofSeconds(30));
        long finished = System.nanoTime();
        report(started, ready, finished, chats, List.of(first, second));

        // Every check runs and reports, so one run shows all that went wrong.
        List<Executable> checks = new ArrayList<>();
        int[] explained = {0};
        for (ChatTranscript chat : chats.values()) {
            checks.add(() -> {
                try {
                    assertChat(chat);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n" + (explained[0]++ < 5 ? explain(chat.chatId()) : chat));
                }
            });
        }
        for (Takeover takeover : List.of(first, second)) {
            checks.add(() -> assertEquals(Map.of(), takeover.late(), "chats of " + takeover.instance + " with work left that"
                    + " had no live owner within " + DEAD_AFTER + " + " + TAKEOVER_SLACK + " of the kill (null: never)"));
        }
        checks.add(() -> assertTrue(quiet, "the fleet never went quiet: updates, renders or requests left"));
        checks.add(() -> assertEquals(fleet.keySet().stream().filter(id -> !killedAt.containsKey(id)).toList(), live(),
                "instances the test did not kill are still running: " + fleetState()));
        checks.add(() -> assertNothingRanTwice(chats));
        checks.add(() -> assertEquals(List.of(), telegram.violations(), "calls over Telegram's limits"));
        checks.add(() -> assertEquals(0, telegram.tooManyRequestsServed(), "429s served to the fleet"));
        checks.add(() -> assertEquals(0, fleet.get(live().get(0)).metric("reelay_send_rate_limited_total"),
                "429s the survivor counted"));
        checks.add(() -> assertEquals(List.of(), leaseTakenTwice(), "an epoch of a chat taken by two instances"));
        checks.add(() -> {
            for (FleetInstance instance : fleet.values()) {
                assertEquals(List.of(), instance.logLines().stream().filter(l -> l.contains(telegram.token())).toList());
            }
        });
        assertAll("a fleet of 3 with " + CHATS + " chats", checks);
    }

    /**
     * One outcome per request, in order, the last the only link, posted once; no reply twice.
     */
    private static void assertChat(ChatTranscript chat) {
        assertTrue(chat.complete(), "a request of chat " + chat.chatId() + " never got its outcome, or no link came");
        assertEquals(chat.sent().size(), chat.outcomes().size(), "one outcome per request, none lost, none twice");
        assertTrue(chat.inOrder(), "each request's outcome in the order they were sent");
        assertEquals(1, chat.outcomes().stream().filter(o -> o == Outcome.LINK).count(), "one link");
        assertEquals(Set.of(), chat.duplicates(), "a reply posted twice");
        assertEquals(1, chat.links().size(), "one link");
        assertEquals(1, chat.linkPostings(), "the link posted once");
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

    /** Waits until every chat has an owner: all prompts have reached the fleet and been taken. */
    private void awaitEveryChatOwned() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30 + CHATS / 10).toNanos();
        while (leases().keySet().stream().filter(key -> key.startsWith("telegram:")).count() < CHATS) {
            assertTrue(System.nanoTime() < deadline, "not every chat got an owner: " + leases().size() + " leases; "
                    + fleetState() + "; undelivered updates " + telegram.undelivered());
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Instances neither killed by the test nor ended on their own. */
    private List<String> live() {
        return fleet.keySet().stream().filter(id -> !killedAt.containsKey(id) && fleet.get(id).alive()).toList();
    }

    /** Each instance's state, for failure messages. */
    private String fleetState() {
        return fleet.values().stream().map(i -> i.id + " " + i.state()).collect(Collectors.joining(", "));
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
            assertTrue(System.nanoTime() < deadline, "no live instance ever had " + what + "; " + fleetState());
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * How long each chat the instance owned when it died took to get a live owner again;
     * {@code unfinished}: those that still had work (no link yet), which must all be taken over;
     * {@code leftRunning}: the requests it had noted running then ("chat request").
     */
    private record Takeover(String instance, int owned, Set<String> unfinished, Map<String, Duration> delays,
                            Set<String> leftRunning) {
        /** Chats with work left taken over later than dead-after plus the slack (null: not at all). */
        Map<String, Duration> late() {
            Map<String, Duration> late = new TreeMap<>();
            for (String chat : unfinished) {
                Duration d = delays.get(chat);
                if (d == null || d.compareTo(DEAD_AFTER.plus(TAKEOVER_SLACK)) > 0) {
                    late.put(chat, d);
                }
            }
            return late;
        }

        @Override
        public String toString() {
            List<Long> ms = delays.values().stream().map(Duration::toMillis).sorted().toList();
            return String.format("takeover of %s's %d chats (%d with work left, %d taken over): fastest %d ms, median %d ms,"
                            + " slowest %d ms (bound %d ms); late: %s", instance, owned, unfinished.size(), delays.size(),
                    ms.isEmpty() ? 0 : ms.get(0), ms.isEmpty() ? 0 : ms.get(ms.size() / 2), ms.isEmpty() ? 0 : ms.get(ms.size() - 1),
                    DEAD_AFTER.plus(TAKEOVER_SLACK).toMillis(), late());
        }
    }

    /**
     * Kills the instance with SIGKILL, then waits until every chat it owned with work left (no
     * link yet) has a live owner under a higher epoch, and measures how long each took.
     */
    private Takeover kill(String id) throws Exception {
        Map<String, Long> owned = owned(id);
        Set<String> leftRunning = running(owned.keySet());
        Set<String> unfinished = owned.keySet().stream().filter(key -> !transcript(chatId(key)).complete())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        long at = System.nanoTime();
        fleet.get(id).killNine();
        killedAt.put(id, at);
        System.out.printf("fleet: %s killed %s (SIGKILL) owning %d chats, %d with work left%n", java.time.LocalTime.now(
                java.time.ZoneOffset.UTC), id, owned.size(), unfinished.size());
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
        Takeover takeover = new Takeover(id, owned.size(), unfinished, delays, leftRunning);
        System.out.println("fleet: " + takeover);
        return takeover;
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

    /** The requests noted running in these chats, as "chat request". */
    private Set<String> running(Set<String> chatKeys) throws SQLException {
        Set<String> running = new java.util.TreeSet<>();
        query("SELECT chat_key, request_id FROM running_requests", rs -> {
            if (chatKeys.contains(rs.getString(1))) {
                running.add(rs.getString(1) + " " + rs.getString(2));
            }
        });
        return running;
    }

    /** Waits until each request the dead instance left running was crossed off: its notice (or answer) is out. */
    private void awaitSaid(Takeover takeover) throws Exception {
        long from = System.nanoTime();
        long deadline = from + Duration.ofSeconds(30).toNanos();
        Set<String> left = new java.util.TreeSet<>(takeover.leftRunning());
        while (!left.isEmpty()) {
            left.retainAll(running(leases().keySet()));
            assertTrue(left.isEmpty() || System.nanoTime() < deadline,
                    "requests " + takeover.instance() + " left running never crossed off: " + left);
            Thread.sleep(POLL.toMillis());
        }
        System.out.printf("fleet: %d requests %s left running were said %d ms after the takeover%n",
                takeover.leftRunning().size(), takeover.instance(), Duration.ofNanos(System.nanoTime() - from).toMillis());
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
        return new ChatTranscript(chat, subject(chat), List.copyOf(sent.getOrDefault(chat, List.of())),
                telegram.conversation(chat));
    }

    /** The person of the chat sends the prompt or "export"; the chat's first message is its prompt. */
    private void send(long chat, Request request) {
        sent.computeIfAbsent(chat, c -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(request);
        telegram.send(chat, request == Request.PROMPT ? "make a 3 second video of " + subject(chat) : "export");
    }

    private Map<Long, ChatTranscript> transcripts() {
        Map<Long, ChatTranscript> chats = new TreeMap<>();
        for (long chat = FIRST_CHAT; chat < FIRST_CHAT + CHATS; chat++) {
            chats.put(chat, transcript(chat));
        }
        return chats;
    }

    /**
     * Waits (at most {@code patience}) until every request of every chat has its outcome, the last a link. A person whose
     * request ended without one does what they would: "export" again after a cut-off export, the
     * prompt and "export" again when there was nothing to export (at most 6 requests a chat).
     */
    private Map<Long, ChatTranscript> awaitEveryChat(Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Map<Long, ChatTranscript> chats = transcripts();
            for (ChatTranscript chat : chats.values()) {
                if (chat.sent().size() + chat.next().size() <= 6) {
                    chat.next().forEach(request -> send(chat.chatId(), request));
                }
            }
            List<ChatTranscript> waiting = chats.values().stream().filter(c -> !c.complete()).toList();
            if (waiting.isEmpty() || System.nanoTime() > deadline) {
                if (!waiting.isEmpty()) {
                    System.out.printf("fleet: %d chats still waiting after %s: %s%n", waiting.size(), patience,
                            waiting.stream().map(c -> Long.toString(c.chatId())).collect(Collectors.joining(", ")));
                }
                return chats;
            }
            Thread.sleep(200);
        }
    }

    /**
     * Waits until nothing is left to do anywhere: every update delivered, every render job
     * settled, the survivors running and queueing nothing. Only then can "posted once" be judged.
     */
    private boolean awaitQuiet(Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> open = new ArrayList<>();
            query("SELECT count(*) FROM render_jobs WHERE state = 'RENDERING'", rs -> open.add(rs.getLong(1)));
            double busy = 0;
            for (String id : live()) {
                busy += fleet.get(id).metric("reelay_requests_running") + fleet.get(id).metric("reelay_queue_waiting");
            }
            if (telegram.undelivered() == 0 && open.get(0) == 0 && busy == 0) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }

    /** A chat as the person, the database and the instances' logs show it: for failure messages. */
    private String explain(long chat) throws Exception {
        String key = "telegram:" + chat;
        StringBuilder out = new StringBuilder(transcript(chat).toString());
        for (String sql : List.of(
                "SELECT 'lease', owner, epoch, acquired_at FROM chat_leases WHERE chat_key = ?",
                "SELECT 'inbox', id, source_id, received_by, taken_epoch, done_at FROM fleet_inbox WHERE chat_key = ? ORDER BY id",
                "SELECT 'running', request_id, kind, started_at FROM running_requests WHERE chat_key = ?",
                "SELECT 'queued', id, request_id, kind, queued_at FROM queued_requests WHERE chat_key = ? ORDER BY id",
                "SELECT 'render', render_id, request_id, state, progress FROM render_jobs WHERE chat_key = ?",
                "SELECT 'session', session_id FROM chats WHERE chat_key = ?")) {
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                 java.sql.PreparedStatement st = c.prepareStatement(sql)) {
                st.setString(1, key);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            row.add(rs.getString(i));
                        }
                        out.append("\n  db ").append(String.join(" ", row));
                    }
                }
            }
        }
        out.append("\n  NemoVideo got the prompt ").append(promptsAtNemo(subject(chat))).append(" times");
        Pattern mentions = Pattern.compile("chat=" + key + "\\b|request=tg-" + chat + "-");
        for (FleetInstance instance : fleet.values()) {
            for (String line : instance.logLines()) {
                if (mentions.matcher(line).find()) {
                    out.append("\n  ").append(instance.id).append(": ").append(line);
                }
            }
        }
        return out.toString();
    }

    // ---- nothing twice -------------------------------------------------------------------------

    /**
     * NemoVideo got each prompt at most once per time the person sent it (and at least once per
     * answer), and at most one render per export asked for (and at least one per link).
     */
    private void assertNothingRanTwice(Map<Long, ChatTranscript> chats) throws SQLException {
        Map<String, String> sessions = new HashMap<>();
        query("SELECT chat_key, session_id FROM chats", rs -> sessions.put(rs.getString(1), rs.getString(2)));
        Map<String, Long> renderStarts = nemo.requests(Endpoint.RENDER_START).stream()
                .map(r -> sessions.values().stream().filter(s -> r.body() != null && r.body().contains(s)).findFirst()
                        .orElse("?"))
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        for (ChatTranscript chat : chats.values()) {
            String session = sessions.getOrDefault("telegram:" + chat.chatId(), "");
            long prompts = promptsAtNemo(chat.subject());
            long sentPrompts = chat.sent().stream().filter(r -> r == Request.PROMPT).count();
            long answers = chat.outcomes().stream().filter(o -> o == Outcome.ANSWER).count();
            assertTrue(prompts >= answers && prompts <= sentPrompts,
                    "the prompt reached NemoVideo " + prompts + " times for " + sentPrompts + " sent: " + chat);
            long exports = chat.sent().stream().filter(r -> r == Request.EXPORT).count();
            long renders = renderStarts.getOrDefault(session, 0L);
            long links = chat.outcomes().stream().filter(o -> o == Outcome.LINK).count();
            assertTrue(renders >= links && renders <= exports, renders + " renders for " + exports + " exports: " + chat);
        }
    }

    /** How often NemoVideo received a message naming {@code subject}, in any session. */
    private long promptsAtNemo(String subject) {
        return nemo.sessions().stream().flatMap(s -> nemo.chatMessagesReceived(s.sessionId()).stream())
                .filter(m -> m.contains(subject)).count();
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
        takeovers.forEach(t -> System.out.println("fleet: " + t));
        Map<Outcome, Long> outcomes = chats.values().stream().flatMap(c -> c.outcomes().stream())
                .collect(Collectors.groupingBy(o -> o, TreeMap::new, Collectors.counting()));
        long again = chats.values().stream().filter(c -> c.sent().size() > 2).count();
        System.out.printf("fleet: outcomes %s; %d chats sent requests again; 429s served: %d;"
                        + " webhook deliveries refused or failed: %d%n", outcomes, again, telegram.tooManyRequestsServed(),
                telegram.failedDeliveries().size());
        for (String id : live()) {
            System.out.printf("fleet: survivor %s: /readyz %s%n", id, fleet.get(id).readiness());
        }
    }
}
