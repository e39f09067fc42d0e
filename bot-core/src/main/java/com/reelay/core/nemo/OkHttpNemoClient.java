package com.reelay.core.nemo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reelay.core.chat.support.DaemonThreads;
import com.reelay.core.nemo.internal.AnonymousTokens;
import com.reelay.core.nemo.internal.Answers;
import com.reelay.core.nemo.internal.ApiCall;
import com.reelay.core.nemo.internal.BearerTokenInterceptor;
import com.reelay.core.nemo.internal.CallLogInterceptor;
import com.reelay.core.nemo.internal.ChatCall;
import com.reelay.core.nemo.internal.ChatRuntime;
import com.reelay.core.nemo.internal.Json;
import com.reelay.core.nemo.internal.NemoHttp;
import com.reelay.core.nemo.internal.OneShotJsonBody;
import com.reelay.core.nemo.internal.RenderWatch;
import com.reelay.core.nemo.internal.RetryPolicies;
import com.reelay.core.nemo.internal.SkillHeadersInterceptor;
import com.reelay.core.nemo.internal.Sleeper;
import com.reelay.core.nemo.internal.Timers;
import com.reelay.core.nemo.internal.Uploads;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link NemoClient} over OkHttp. One instance serves every chat: it is thread-safe and meant
 * to live as long as the bot.
 *
 * <p>Threads: blocking calls run on the caller's thread. Chat streams run on OkHttp's dispatcher
 * (sized to {@link NemoSettings#maxConcurrentRequests()}; each open stream occupies one dispatcher
 * thread while it reads). Timers (stream limits, render polls) share one scheduler thread that only
 * hands due work to a worker pool; nothing waits on a thread between render polls.
 *
 * <p>Given an {@link OkHttpClient} to share, the client uses its connection pool and dispatcher
 * (whose size then is the owner's business) and never shuts them down.
 */
public final class OkHttpNemoClient implements NemoClient {

    private static final Logger LOG = LoggerFactory.getLogger(OkHttpNemoClient.class);

    private final NemoSettings settings;
    private final HttpUrl base;
    private final boolean ownsHttp;
    private final OkHttpClient http;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService worker;
    private final Timers timers;
    private final Clock clock;
    private final NemoHttp nemo;
    private final ChatRuntime chatRuntime;
    private final Uploads uploads;
    private final Set<ChatStream> openChats = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<RenderStatus>> watches = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    public OkHttpNemoClient(NemoSettings settings) {
        this(settings, null);
    }

    /** @param shared an application-wide OkHttp client whose pool and dispatcher to reuse, or null */
    public OkHttpNemoClient(NemoSettings settings, OkHttpClient shared) {
        this(settings, shared, RateLimits.WAIT_IN_CALL);
    }

    /**
     * @param shared     an application-wide OkHttp client whose pool and dispatcher to reuse, or null
     * @param rateLimits whether a blocking call waits out a 429 itself, or throws
     *                   {@link NemoException.RateLimited} (with the wait) for the caller to schedule the retry
     */
    public OkHttpNemoClient(NemoSettings settings, OkHttpClient shared, RateLimits rateLimits) {
        this(settings, shared, Clock.systemUTC(), rateLimits == RateLimits.WAIT_IN_CALL ? Sleeper.REAL : null, null);
    }

    /** Who waits out a 429 of a blocking call (streams always schedule theirs). */
    public enum RateLimits {
        /** The call sleeps on its thread, then tries once more: simple callers. */
        WAIT_IN_CALL,
        /** The call throws at once; the caller retries once after {@link NemoException.RateLimited#retryAfter()}, off its thread. */
        CALLER_SCHEDULES
    }

    /** For tests: a clock for render ids and Retry-After dates, a sleeper for 429 waits (null: throw), and timers. */
    OkHttpNemoClient(NemoSettings settings, OkHttpClient shared, Clock clock, Sleeper sleeper, Timers timers) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.base = HttpUrl.get(settings.baseUrl());
        this.clock = clock;
        this.ownsHttp = shared == null;
        OkHttpClient.Builder builder;
        if (shared == null) {
            Dispatcher dispatcher = new Dispatcher(Executors.newCachedThreadPool(DaemonThreads.named("nemo-http")));
            dispatcher.setMaxRequests(settings.maxConcurrentRequests());
            dispatcher.setMaxRequestsPerHost(settings.maxConcurrentRequests());
            builder = new OkHttpClient.Builder()
                    .dispatcher(dispatcher)
                    .connectionPool(new ConnectionPool(Math.min(64, settings.maxConcurrentRequests()), 5,
                            TimeUnit.MINUTES));
        } else {
            if (shared.dispatcher().getMaxRequestsPerHost() < settings.maxConcurrentRequests()) {
                LOG.warn("the shared OkHttp dispatcher allows {} requests per host; chat streams beyond that will queue",
                        shared.dispatcher().getMaxRequestsPerHost());
            }
            builder = shared.newBuilder();
        }
        this.http = builder
                .connectTimeout(settings.connectTimeout())
                .addInterceptor(new SkillHeadersInterceptor(settings))
                .addInterceptor(new BearerTokenInterceptor())
                .addInterceptor(new CallLogInterceptor())
                .build();
        OkHttpClient api = http.newBuilder()
                .callTimeout(settings.callTimeout())
                .readTimeout(settings.callTimeout())
                .build();
        OkHttpClient upload = http.newBuilder()
                .callTimeout(Duration.ZERO)
                .readTimeout(settings.callTimeout())
                .writeTimeout(settings.callTimeout())
                .build();
        OkHttpClient sse = http.newBuilder()
                .callTimeout(Duration.ZERO)
                .readTimeout(Duration.ZERO)
                .build();

        this.scheduler = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("nemo-timer"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.worker = Executors.newCachedThreadPool(DaemonThreads.named("nemo-worker"));
        this.timers = timers != null ? timers : Timers.on(scheduler, worker);
        this.nemo = new NemoHttp(settings, api, upload, new RetryPolicies(settings), sleeper, clock);
        this.uploads = new Uploads(nemo, base);
        this.chatRuntime = new ChatRuntime(settings, sse, nemo, scheduler, this.timers, worker,
                base.newBuilder().addPathSegment("run_sse").build());
    }

    @Override
    public NemoSession createSession(NemoAuth auth, String language) throws NemoException {
        HttpUrl url = url("api/tasks/me/with-session/nemo_agent");
        String body = Json.write(Map.of("task_name", "project", "language", language == null ? "en" : language));
        ApiCall call = ApiCall.post(url, () -> new OneShotJsonBody(body));
        NemoSession session = Answers.session(nemo.send(auth, call));
        if (session == null) {
            throw new NemoException.Unexpected(0, call.where() + ": the answer carries no session id");
        }
        LOG.info("session {} created", session.sessionId());
        return session;
    }

    @Override
    public Credits credits(NemoAuth auth) throws NemoException {
        return Answers.credits(nemo.send(auth, ApiCall.get(url("api/credits/balance/simple"))));
    }

    @Override
    public SessionState state(NemoAuth auth, String sessionId) throws NemoException {
        HttpUrl url = base.newBuilder().addPathSegments("api/state/nemo_agent/me")
                .addPathSegment(sessionId).addPathSegment("latest").build();
        return Answers.sessionState(nemo.send(auth, ApiCall.get(url)));
    }

    @Override
    public List<UploadedFile> upload(NemoAuth auth, String sessionId, List<UploadSource> files) throws NemoException {
        return uploads.files(auth, sessionId, files);
    }

    @Override
    public List<UploadedFile> uploadUrls(NemoAuth auth, String sessionId, List<String> urls) throws NemoException {
        return uploads.urls(auth, sessionId, urls);
    }

    @Override
    public ChatStream chat(NemoAuth auth, String sessionId, String message, ChatListener listener) {
        Objects.requireNonNull(listener, "listener");
        ChatCall call = new ChatCall(chatRuntime, auth, sessionId, message, listener, openChats::remove);
        if (closed.get()) {
            call.cancel();
            return call;
        }
        openChats.add(call);
        call.start();
        return call;
    }

    @Override
    public RenderStatus submitRender(NemoAuth auth, String sessionId, JsonNode draft) throws NemoException {
        String renderId = newRenderId();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("id", renderId);
        body.put("sessionId", sessionId);
        body.set("draft", Json.orNull(draft));
        body.putObject("output").put("format", "mp4").put("quality", "high");
        String json = Json.write(body);
        ApiCall call = ApiCall.post(url("api/render/proxy/lambda"), () -> new OneShotJsonBody(json)).asStart();
        RenderStatus status = Answers.renderStatus(nemo.send(auth, call), renderId);
        LOG.info("render {} submitted for session {}", status.renderId(), sessionId);
        return status;
    }

    @Override
    public RenderStatus renderStatus(NemoAuth auth, String renderId) throws NemoException {
        HttpUrl url = base.newBuilder().addPathSegments("api/render/proxy/lambda").addPathSegment(renderId).build();
        return Answers.renderStatus(nemo.send(auth, ApiCall.get(url)), renderId);
    }

    @Override
    public CompletableFuture<RenderStatus> awaitRender(NemoAuth auth, String renderId,
                                                       Consumer<RenderStatus> onProgress) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new NemoException.Cancelled("render watch: client closed"));
        }
        CompletableFuture<RenderStatus> watch = new RenderWatch(timers, id -> renderStatus(auth, id), renderId,
                onProgress == null ? status -> { } : onProgress,
                settings.renderFirstPoll(), settings.renderMaxPollInterval()).start();
        watches.add(watch);
        watch.whenComplete((status, failure) -> watches.remove(watch));
        return watch;
    }

    @Override
    public void cancelRender(NemoAuth auth, String renderId) throws NemoException {
        HttpUrl url = base.newBuilder().addPathSegments("api/render/proxy/lambda").addPathSegment(renderId)
                .addPathSegment("cancel").build();
        nemo.send(auth, ApiCall.post(url, () -> RequestBody.create(new byte[0])).asIdempotent());
        LOG.info("render {} cancelled", renderId);
    }

    /** Cancels open streams and render watches, then stops the threads and connections this client created. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (ChatStream chat : List.copyOf(openChats)) {
            chat.cancel();
        }
        for (CompletableFuture<RenderStatus> watch : List.copyOf(watches)) {
            watch.completeExceptionally(new NemoException.Cancelled("render watch: client closed"));
        }
        scheduler.shutdownNow();
        worker.shutdown();
        if (ownsHttp) {
            http.dispatcher().cancelAll();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        LOG.debug("NemoVideo client closed");
    }

    /** For tests: the token machinery. */
    AnonymousTokens tokens() {
        return nemo.tokens();
    }

    /** For tests: the OkHttp client all calls derive from. */
    OkHttpClient okHttp() {
        return http;
    }

    /** {@code render_<epochMillis>_<random>}: a reused render id is an error, so every submit gets a new one. */
    private String newRenderId() {
        return "render_" + clock.millis() + "_"
                + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    private HttpUrl url(String path) {
        return base.newBuilder().addPathSegments(path).build();
    }
}
