package com.reelay.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stateful, in-process NemoVideo: the agent API as the contract describes it, on 127.0.0.1.
 *
 * <pre>{@code
 * try (NemoSimulator sim = NemoSimulator.builder().timeScale(0.01).start()) {
 *     String userId = sim.registerUser("nmv_usr_test", 500);
 *     // point a client at sim.baseUrl()
 * }
 * }</pre>
 *
 * <p>Open chat streams hold no thread: a handler sends the response headers and returns, and a small
 * scheduler writes the scripted events over time.
 */
public final class NemoSimulator implements AutoCloseable {

    static {
        // SSE events are small writes spaced in time; with Nagle's algorithm and delayed ACKs a loopback
        // client can see each one up to ~40 ms late, which distorts pacing and the streaming benchmark.
        // The JDK server reads this once, when its first instance is created; an explicit setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor httpWorkers;
    private final ScheduledThreadPoolExecutor streamScheduler;
    private final Backend backend;
    private final String baseUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NemoSimulator(Settings settings) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), settings.port()), settings.backlog());
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        httpWorkers = new ThreadPoolExecutor(settings.httpThreads(), settings.httpThreads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("nemo-sim-http-"));
        httpWorkers.allowCoreThreadTimeOut(true);
        streamScheduler = new ScheduledThreadPoolExecutor(settings.schedulerThreads(), daemonThreads("nemo-sim-stream-"));
        streamScheduler.setRemoveOnCancelPolicy(true);
        backend = new Backend(settings, baseUrl, streamScheduler);
        server.createContext("/", new Router(backend));
        server.setExecutor(httpWorkers);
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>}, no trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Faults faults() {
        return backend.faults;
    }

    public Clock clock() {
        return backend.settings.clock();
    }

    /** A registered (non-anonymous) user whose token never expires by itself; returns its user id ({@code usr_…}). */
    public String registerUser(String token, long credits) {
        return backend.accounts.register(Objects.requireNonNull(token), credits);
    }

    /** Sets a user's available credits (frozen credits are left alone). */
    public void setCredits(String userId, long available) {
        account(userId).setAvailable(available);
    }

    public void expireToken(String token) {
        backend.accounts.revoke(token);
    }

    public void expireAllTokens() {
        backend.accounts.revokeAll();
    }

    /** Forgets a session as the service sometimes does: every later use of it is code 1002. */
    public void loseSession(String sessionId) {
        backend.sessions.remove(sessionId);
    }

    /** Received requests, oldest first (the newest {@code requestLogCapacity} of them). */
    public List<RecordedRequest> requests() {
        return backend.log.all();
    }

    public List<RecordedRequest> requests(Endpoint endpoint) {
        return backend.log.of(endpoint);
    }

    /** Every request to the endpoint since start, faulted ones included (never trimmed). */
    public long requestCount(Endpoint endpoint) {
        return backend.log.count(endpoint);
    }

    /**
     * The chat messages the agent accepted for a session, in order: those that started a stream (and so
     * were charged). Requests refused before streaming (401, 1002, 2001, faults) are not in it.
     */
    public List<String> chatMessagesReceived(String sessionId) {
        return backend.log.chatMessages(sessionId);
    }

    public Optional<UserSnapshot> user(String userId) {
        return backend.accounts.account(userId).map(Account::balance);
    }

    /** The user a currently valid token belongs to. */
    public Optional<UserSnapshot> userForToken(String token) {
        return backend.accounts.authenticate(token).map(Account::balance);
    }

    public List<UserSnapshot> users() {
        return backend.accounts.all();
    }

    public Optional<SessionSnapshot> session(String sessionId) {
        Session session = backend.sessions.get(sessionId);
        return session == null ? Optional.empty() : Optional.of(session.snapshot());
    }

    public List<SessionSnapshot> sessions() {
        List<SessionSnapshot> out = new ArrayList<>();
        for (Session s : backend.sessions.values()) {
            out.add(s.snapshot());
        }
        return out;
    }

    /**
     * The instant a render turns (or will turn) {@code completed} on the simulator's clock; empty for an
     * unknown render or one that fails or was cancelled. Read-only: benchmarks time link delivery from it.
     */
    public Optional<Instant> renderCompletedAt(String renderId) {
        Render render = backend.renders.get(renderId);
        return render == null ? Optional.empty() : render.completedAt();
    }

    /** Chat streams whose connection is still open (stalled streams stay open until close()). */
    public int openStreams() {
        return backend.openStreams.size();
    }

    /** Ends open streams cleanly, then stops the server. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (TurnRunner runner : List.copyOf(backend.openStreams)) {
            runner.shutdown();
        }
        server.stop(0);
        streamScheduler.shutdownNow();
        httpWorkers.shutdownNow();
    }

    private Account account(String userId) {
        return backend.accounts.account(userId)
                .orElseThrow(() -> new IllegalArgumentException("no such user: " + userId));
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Every knob has a default fit for a person watching a demo; tests usually set {@link #timeScale}. */
    public static final class Builder {
        private int port;
        private int backlog = 1024;
        private int httpThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        private int schedulerThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private long seed = 42;
        private double timeScale = 1.0;
        private Duration textReply = Duration.ofSeconds(2);
        private Duration edit = Duration.ofSeconds(3);
        private Duration generation = Duration.ofSeconds(6);
        private Duration heartbeat = Duration.ofSeconds(1);
        private Duration renderPending = Duration.ofSeconds(1);
        private Duration renderProcessing = Duration.ofSeconds(4);
        private double noTextProbability = 0.3;
        private SseShape sseShape = SseShape.MIXED;
        private int anonymousTokensPerIp = 10;
        private Duration anonymousTokenWindow = Duration.ofDays(7);
        private Duration tokenLifetime = Duration.ofDays(7);
        private long anonymousCredits = 100;
        private long renderCost;
        private final Map<Intent, Long> costs = new EnumMap<>(Intent.class);
        private Clock clock = Clock.systemUTC();
        private RenderOutputForm renderOutputForm = RenderOutputForm.OUTPUT_URL;
        private List<Envelope> renderStatusEnvelopes = List.of(Envelope.SUCCESS);
        private long renderOutputBytes = 64 * 1024;
        private long maxUploadBytes = AcceptedFormats.DEFAULT_MAX_BYTES;
        private int requestLogCapacity = 100_000;
        private Consumer<String> requestLine = line -> { };

        private Builder() {
            costs.put(Intent.GENERATION, 100L);
            costs.put(Intent.MUSIC, 50L);
            costs.put(Intent.TITLE, 50L);
            costs.put(Intent.EDIT, 50L);
            costs.put(Intent.QUESTION, 0L);
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** TCP accept backlog; raise it for benchmarks that open thousands of connections at once. */
        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        /** HTTP worker threads (bounded pool). Open streams hold none; uploads and delay faults hold one while they run. */
        public Builder httpThreads(int threads) {
            this.httpThreads = positive(threads, "httpThreads");
            return this;
        }

        /** Threads that write the events of all open streams. */
        public Builder schedulerThreads(int threads) {
            this.schedulerThreads = positive(threads, "schedulerThreads");
            return this;
        }

        /** Seeds ids and the no-text draws: the same seed and the same sequential calls give the same run. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Multiplies every stream, heartbeat and render duration (0.01 turns a 6 s generation into 60 ms). */
        public Builder timeScale(double scale) {
            if (!(scale > 0)) {
                throw new IllegalArgumentException("timeScale must be > 0");
            }
            this.timeScale = scale;
            return this;
        }

        /** A question's whole answer stream (default 2 s). */
        public Builder textReplyDuration(Duration d) {
            this.textReply = nonNegative(d);
            return this;
        }

        /** A music, title or trim stream (default 3 s). */
        public Builder editDuration(Duration d) {
            this.edit = nonNegative(d);
            return this;
        }

        /** A generation stream (default 6 s). */
        public Builder generationDuration(Duration d) {
            this.generation = nonNegative(d);
            return this;
        }

        /** Keep-alive period on open streams (default 1 s); zero turns heartbeats off. */
        public Builder heartbeatInterval(Duration d) {
            this.heartbeat = nonNegative(d);
            return this;
        }

        /** Render stages, on the simulator's clock (defaults 1 s pending + 4 s processing). */
        public Builder renderDurations(Duration pending, Duration processing) {
            this.renderPending = nonNegative(pending);
            this.renderProcessing = nonNegative(processing);
            return this;
        }

        /** Chance that a music/title/trim stream closes with no text at all (default 0.3). */
        public Builder noTextProbability(double p) {
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("noTextProbability must be within [0, 1]");
            }
            this.noTextProbability = p;
            return this;
        }

        public Builder sseShape(SseShape shape) {
            this.sseShape = Objects.requireNonNull(shape);
            return this;
        }

        /** New anonymous client ids allowed per IP per window (default 10 per 7 days). */
        public Builder anonymousTokensPerIp(int limit, Duration window) {
            this.anonymousTokensPerIp = positive(limit, "limit");
            this.anonymousTokenWindow = Objects.requireNonNull(window);
            return this;
        }

        /** Anonymous token lifetime (default 7 days), judged by {@link #clock}. */
        public Builder tokenLifetime(Duration d) {
            this.tokenLifetime = Objects.requireNonNull(d);
            return this;
        }

        /** Credits a new anonymous user starts with (default 100). */
        public Builder anonymousCredits(long credits) {
            this.anonymousCredits = credits;
            return this;
        }

        /**
         * Credits an export costs, taken when it starts. NemoVideo's exports are free (the default, 0);
         * this is for testing a client that must cope if that changes.
         */
        public Builder renderCost(long credits) {
            this.renderCost = credits;
            return this;
        }

        /** Credits one chat turn of this kind costs (defaults: generation 100, music/title/edit 50, question 0). */
        public Builder cost(Intent intent, long credits) {
            costs.put(Objects.requireNonNull(intent), credits);
            return this;
        }

        /** Drives token expiry, expires_at, the per-IP window, timestamps and render progress. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder renderOutputForm(RenderOutputForm form) {
            this.renderOutputForm = Objects.requireNonNull(form);
            return this;
        }

        /**
         * Envelopes for render status answers, used in turn poll after poll (default: SUCCESS only).
         * {@code renderStatusEnvelopes(SUCCESS, BARE, CODE)} makes a client meet all three.
         */
        public Builder renderStatusEnvelopes(Envelope... envelopes) {
            if (envelopes.length == 0) {
                throw new IllegalArgumentException("at least one envelope");
            }
            this.renderStatusEnvelopes = List.of(envelopes);
            return this;
        }

        /** Size of the fake MP4 a completed render serves (default 64 KiB). */
        public Builder renderOutputBytes(long bytes) {
            this.renderOutputBytes = Math.max(0, bytes);
            return this;
        }

        /** Per-file upload cap (default 209,715,200 bytes = 200 MiB, the contract's limit). */
        public Builder maxUploadBytes(long bytes) {
            this.maxUploadBytes = bytes;
            return this;
        }

        /** How many recent requests the inspection log keeps (default 100,000; counts are never trimmed). */
        public Builder requestLogCapacity(int capacity) {
            this.requestLogCapacity = Math.max(0, capacity);
            return this;
        }

        /** Receives one line per request (token masked). Default: nothing is logged. */
        public Builder logRequestsTo(Consumer<String> sink) {
            this.requestLine = Objects.requireNonNull(sink);
            return this;
        }

        public NemoSimulator start() {
            Settings settings = new Settings(port, backlog, httpThreads, schedulerThreads, seed,
                    scaled(textReply), scaled(edit), scaled(generation), atLeastOneMilli(scaled(heartbeat), heartbeat),
                    scaled(renderPending), scaled(renderProcessing), noTextProbability, sseShape,
                    anonymousTokensPerIp, anonymousTokenWindow, tokenLifetime, anonymousCredits, costs, clock,
                    renderOutputForm, renderStatusEnvelopes, renderOutputBytes, maxUploadBytes, requestLogCapacity, requestLine,
                    renderCost);
            try {
                return new NemoSimulator(settings);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the NemoVideo simulator", e);
            }
        }

        private Duration scaled(Duration d) {
            return Duration.ofNanos(Math.round(d.toNanos() * timeScale));
        }

        /** A heartbeat that was asked for never scales down to zero (a zero period means "off"). */
        private static Duration atLeastOneMilli(Duration scaled, Duration original) {
            return original.isZero() || scaled.toMillis() >= 1 ? scaled : Duration.ofMillis(1);
        }

        private static Duration nonNegative(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("durations cannot be negative");
            }
            return d;
        }

        private static int positive(int n, String what) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be at least 1");
            }
            return n;
        }
    }
}
