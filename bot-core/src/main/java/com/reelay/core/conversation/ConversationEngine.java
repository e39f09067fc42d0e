package com.reelay.core.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.reelay.core.chat.Action;
import com.reelay.core.chat.Activity;
import com.reelay.core.chat.Attachment;
import com.reelay.core.chat.ChatEngine;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.guard.GuardRails;
import com.reelay.core.guard.GuardSettings;
import io.micrometer.core.instrument.Metrics;
import com.reelay.core.chat.Inbound;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.chat.Reply;
import com.reelay.core.nemo.AcceptedMedia;
import com.reelay.core.nemo.AgentEvent;
import com.reelay.core.nemo.ChatReply;
import com.reelay.core.nemo.ChatStream;
import com.reelay.core.nemo.NemoClient;
import com.reelay.core.nemo.NemoException;
import com.reelay.core.nemo.RenderStatus;
import com.reelay.core.nemo.SessionState;
import com.reelay.core.nemo.Timeline;
import com.reelay.core.nemo.UploadSource;
import com.reelay.core.nemo.UploadedFile;
import com.reelay.core.store.QueuedRequest;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.RenderJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation engine: every adapter hands it {@link Inbound} events; it keeps one NemoVideo
 * session per chat, runs each chat's requests one at a time (chats in parallel, bounded), streams
 * progress into one message edited in place, and posts exported videos, also after a restart.
 */
public final class ConversationEngine implements ChatEngine, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NemoClient client;
    private final ReelayStore store;
    private final EngineSettings settings;
    private final Clock clock;
    private final ChatSessions sessions;
    private final IntentReader intents = new IntentReader();
    private final Map<String, ChatOutput> outputs = new ConcurrentHashMap<>();
    private final Map<String, ChatLane> lanes = new ConcurrentHashMap<>();
    private final Map<String, ChatStream> streams = new ConcurrentHashMap<>();
    /** Idle chats' budgets expire: a chat that was quiet for minutes has its full budget anyway. */
    private final Cache<String, EditPace> paces = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();
    private final RequestSlots slots;
    private final ExecutorService workers;
    private final ScheduledExecutorService pacer;
    private final RenderJobs renders;
    private final GuardRails guard;
    /** Requests waiting in some chat's lane (for the queue-depth gauge). */
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;

    /** An engine open to everyone, without rate limits (tests, private installs). */
    public ConversationEngine(NemoClient client, ReelayStore store, EngineSettings settings,
                              Optional<String> nemoToken, Clock clock) {
        this(client, store, settings, GuardSettings.open(), nemoToken, clock);
    }

    public ConversationEngine(NemoClient client, ReelayStore store, EngineSettings settings, GuardSettings guard,
                              Optional<String> nemoToken, Clock clock) {
        this.client = client;
        this.guard = new GuardRails(guard, clock);
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.sessions = new ChatSessions(client, store, nemoToken, clock);
        this.slots = new RequestSlots(settings.maxConcurrentRequests());
        this.workers = Executors.newFixedThreadPool(settings.workerThreads(), named("reelay-worker"));
        this.pacer = Executors.newSingleThreadScheduledExecutor(named("reelay-pacer"));
        this.renders = new RenderJobs(client, store, clock);
        LIVE.add(this);
    }

    /** Engines of this process, summed by the gauges (registered once; tests run several engines). */
    private static final java.util.Set<ConversationEngine> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Metrics.gauge("reelay.queue.waiting", LIVE, live -> live.stream().mapToInt(e -> e.waiting.get()).sum());
        Metrics.gauge("reelay.requests.running", LIVE, live -> live.stream().mapToInt(e -> e.slots.inUse()).sum());
    }

    /** Adapters register their output before events of their platform arrive. */
    public void register(String platform, ChatOutput output) {
        outputs.put(platform, new CountingOutput(platform, output));
    }

    /**
     * Resumes what a previous run left: unfinished exports (each link posted once) and requests
     * that were waiting in line. Call after registering every platform.
     */
    public void resume() {
        for (RenderJob job : store.unfinishedRenderJobs()) {
            ChatRef chat = ChatRef.fromKey(job.chatKey());
            ChatOutput out = outputs.get(chat.platform());
            if (out == null) {
                log.warn("render not resumed: platform not running chat={} render={}", chat, job.renderId());
                continue;
            }
            log.info("render resumed chat={} request={} render={}", chat, job.requestId(), job.renderId());
            ProgressMessage progress = ProgressMessage.resume(out, chat, job.progressMessageId(), clock, pacer,
                    pace(chat), job.requestId());
            renders.watch(job, sessions.auth(chat), out, progress);
        }
        for (QueuedRequest q : store.queued()) {
            ChatRef chat = ChatRef.fromKey(q.chatKey());
            ChatOutput out = outputs.get(chat.platform());
            if (out == null) {
                continue;
            }
            ChatUser user = new ChatUser(q.userId(), q.userName(), q.languageTag());
            if (q.kind().equals(QueuedKind.FILES)) {
                store.dequeue(q.id());
                say(out, chat, q.requestId(), Phrases.restartedBeforeUpload(q.payload()), List.of());
                continue;
            }
            log.info("queued request resumed chat={} request={}", chat, q.requestId());
            enterLane(out, new LaneRequest(chat, user, q.requestId(), QueuedKind.decode(q), q.id()));
        }
    }

    @Override
    public void accept(Inbound event) {
        ChatOutput out = outputs.get(event.chat().platform());
        if (out == null) {
            log.warn("event for unregistered platform chat={} request={}", event.chat(), event.requestId());
            return;
        }
        if (closed) {
            say(out, event.chat(), event.requestId(), "I'm restarting; please send that again in a minute.", List.of());
            return;
        }
        Metrics.counter("reelay.messages.in", "platform", event.chat().platform()).increment();
        Intent intent = intents.read(event.content());
        log.info("request chat={} request={} intent={}", event.chat(), event.requestId(), intent.getClass().getSimpleName());
        Optional<String> refusal = guard.admit(event.chat(), event.user());
        if (refusal.isEmpty()) {
            refusal = refusal(intent);
        }
        if (refusal.isEmpty() && isPrompt(intent)) {
            refusal = guard.takePrompt(event.chat(), event.user());
        }
        if (refusal.isPresent()) {
            log.info("request refused chat={} request={}", event.chat(), event.requestId());
        }
        if (refusal.isPresent()) {
            say(out, event.chat(), event.requestId(), refusal.get(), List.of());
            return;
        }
        if (Intent.usesLane(intent)) {
            enterLane(out, new LaneRequest(event.chat(), event.user(), event.requestId(), intent, 0));
        } else {
            workers.execute(() -> answerNow(out, event, intent));
        }
    }

    /** Prompts are what cost credits: they count against the rate limits and the daily quota. */
    private static boolean isPrompt(Intent intent) {
        return intent instanceof Intent.Chat || (intent instanceof Intent.Upload u && !u.caption().isBlank());
    }

    /** Checks the limits that protect the service: prompt length and files per message. */
    private Optional<String> refusal(Intent intent) {
        String text = "";
        if (intent instanceof Intent.Chat c) {
            text = c.prompt();
        } else if (intent instanceof Intent.Upload u) {
            text = u.caption();
            if (u.files().size() > settings.maxFilesPerRequest()) {
                return Optional.of("That's " + u.files().size() + " files; please send at most "
                        + settings.maxFilesPerRequest() + " at a time.");
            }
        }
        int length = text.codePointCount(0, text.length());
        if (length > settings.maxTextLength()) {
            return Optional.of("That message is " + length + " characters long; please keep it under "
                    + settings.maxTextLength() + ".");
        }
        return Optional.empty();
    }

    // ---- lanes -------------------------------------------------------------------------------

    private void enterLane(ChatOutput out, LaneRequest request) {
        int[] place = new int[1];
        lanes.compute(request.chat().key(), (key, lane) -> {
            ChatLane l = lane == null ? new ChatLane() : lane;
            place[0] = l.offer(request, settings.maxWaitingPerChat());
            return l;
        });
        if (place[0] == 0) {
            start(out, request);
            return;
        }
        if (place[0] == ChatLane.FULL) {
            log.info("request refused: line full chat={} request={}", request.chat(), request.requestId());
            if (request.storedId() != 0) {
                store.dequeue(request.storedId());
                say(out, request.chat(), request.requestId(), Phrases.lineFullAfterRestart(), List.of());
            } else {
                say(out, request.chat(), request.requestId(), Phrases.lineFull(settings.maxWaitingPerChat()), List.of());
            }
            return;
        }
        waiting.incrementAndGet();
        if (request.storedId() == 0) {
            request.storedAs(store.enqueue(QueuedKind.encode(request, clock.instant())));
        }
        log.info("request queued chat={} request={} place={}", request.chat(), request.requestId(), place[0]);
        say(out, request.chat(), request.requestId(), Phrases.queued(place[0]), List.of());
    }

    private void start(ChatOutput out, LaneRequest request) {
        slots.run(() -> {
            // The person sees the request was taken before it queues for a worker: under a burst
            // the workers are busy creating sessions, and the first progress must not wait for them.
            ProgressMessage early = earlyProgress(out, request);
            workers.execute(() -> run(out, request, early));
        });
    }

    /** The progress message of a chat or export request, posted now; null for other requests. */
    private ProgressMessage earlyProgress(ChatOutput out, LaneRequest r) {
        if (r.intent() instanceof Intent.Chat) {
            return progress(out, r, Phrases.CONNECTING);
        }
        if (r.intent() instanceof Intent.Export) {
            out.showActivity(r.chat(), Activity.UPLOADING_VIDEO);
            return progress(out, r, Phrases.PREPARING_EXPORT);
        }
        return null;
    }

    private void run(ChatOutput out, LaneRequest request, ProgressMessage early) {
        if (request.storedId() != 0) {
            store.dequeue(request.storedId());
        }
        CompletableFuture<Void> work;
        try {
            work = handle(out, request, early);
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        work.whenComplete((ignored, error) -> {
            if (error != null) {
                log.error("request failed chat={} request={}", request.chat(), request.requestId(), error);
            }
            slots.release();
            finishTurn(out, request.chat());
        });
    }

    private void finishTurn(ChatOutput out, ChatRef chat) {
        LaneRequest[] next = new LaneRequest[1];
        lanes.computeIfPresent(chat.key(), (key, lane) -> {
            next[0] = lane.next();
            return next[0] == null ? null : lane;
        });
        if (next[0] != null) {
            waiting.decrementAndGet();
            if (!closed) {
                start(out, next[0]);
            }
        }
    }

    private CompletableFuture<Void> handle(ChatOutput out, LaneRequest r, ProgressMessage early) {
        Intent intent = r.intent();
        if (intent instanceof Intent.Chat c) {
            return chat(out, r, c.prompt(), early, "");
        }
        if (intent instanceof Intent.Upload u) {
            return upload(out, r, u);
        }
        if (intent instanceof Intent.Export) {
            return export(out, r, early);
        }
        return newProject(out, r);
    }

    // ---- chat --------------------------------------------------------------------------------

    private CompletableFuture<Void> chat(ChatOutput out, LaneRequest r, String prompt, ProgressMessage progress,
                                         String note) {
        out.showActivity(r.chat(), Activity.TYPING);
        String language = Language.forSession(r.user().languageTag(), prompt);
        return blocking(() -> sessions.ensure(r.chat(), language, r.requestId()))
                .thenCompose(session -> stream(out, r, session, prompt, progress, true, note))
                .exceptionally(error -> {
                    fail(r, progress, error);
                    return null;
                });
    }

    private CompletableFuture<Void> stream(ChatOutput out, LaneRequest r, ChatSessions.Session session, String prompt,
                                           ProgressMessage progress, boolean mayRenew, String note) {
        StreamProgress listener = new StreamProgress(progress, clock, note);
        long started = System.nanoTime();
        ChatStream stream = client.chat(session.auth(), session.sessionId(), prompt, listener);
        streams.put(r.requestId(), stream);
        return stream.reply().handle((reply, error) -> {
            streams.remove(r.requestId());
            String outcome = error != null ? unwrap(error).getClass().getSimpleName() : reply.hasText() ? "text" : "no_text";
            Metrics.timer("reelay.nemo.stream", "outcome", outcome).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            if (error == null) {
                return blocking(() -> conclude(out, r, session, reply, progress, note)).thenCompose(f -> f);
            }
            Throwable cause = unwrap(error);
            if (cause instanceof NemoException.SessionNotFound && mayRenew) {
                // The service refused the message, so sending it to a fresh session is safe.
                log.info("session lost chat={} request={}: renewing", r.chat(), r.requestId());
                String expired = join(note, Phrases.SESSION_EXPIRED);
                return blocking(() -> sessions.create(r.chat(), session.language(), r.requestId()))
                        .thenCompose(fresh -> stream(out, r, fresh, prompt, progress, false, expired));
            }
            return CompletableFuture.<Void>failedFuture(cause);
        }).thenCompose(f -> f);
    }

    /** After the stream: keep the draft, then replace the progress with the reply or what changed. */
    private CompletableFuture<Void> conclude(ChatOutput out, LaneRequest r, ChatSessions.Session session,
                                             ChatReply reply, ProgressMessage progress, String note) {
        String before = sessions.lastDraft(r.chat());
        SessionState state = null;
        try {
            state = client.state(session.auth(), session.sessionId());
            sessions.saveDraft(r.chat(), session.sessionId(), state.draft() == null ? "" : state.draft().toString());
        } catch (NemoException e) {
            log.warn("state after reply unavailable chat={} request={} code={}", r.chat(), r.requestId(), e.code());
        }
        String text;
        if (reply.hasText()) {
            text = GuiWording.forChat(reply.text().strip(), out.capabilities().buttons());
        } else if (state != null) {
            text = TimelineChanges.describe(readDraft(before), state.timeline());
        } else {
            text = "Done. Say \"status\" to see the timeline.";
        }
        boolean exportable = state != null && state.timeline().isExportable();
        log.info("reply chat={} request={} text={} tools={}", r.chat(), r.requestId(), reply.hasText(),
                reply.toolsUsed().size());
        return progress.finish(join(note, text), exportable ? List.of(Action.EXPORT, Action.STATUS) : List.of());
    }

    private static Timeline readDraft(String json) {
        if (json == null || json.isBlank()) {
            return Timeline.empty();
        }
        try {
            return Timeline.fromDraft(JSON.readTree(json));
        } catch (java.io.IOException e) {
            return Timeline.empty();
        }
    }

    /** Turns agent events into the progress line: a stage from tool calls, elapsed time on heartbeats. */
    private static final class StreamProgress implements com.reelay.core.nemo.ChatListener {
        private final ProgressMessage progress;
        private final Clock clock;
        private final Instant started;
        private final String note;
        private volatile String stage = Phrases.WORKING;

        StreamProgress(ProgressMessage progress, Clock clock, String note) {
            this.progress = progress;
            this.clock = clock;
            this.started = clock.instant();
            this.note = note;
        }

        @Override
        public void onEvent(AgentEvent event) {
            if (event instanceof AgentEvent.ToolCall call) {
                stage = Phrases.stage(call.name());
            } else if (event instanceof AgentEvent.TextChunk) {
                return; // the whole text replaces the progress at the end
            }
            progress.update(join(note, Phrases.withElapsed(stage, Duration.between(started, clock.instant()))));
        }
    }

    // ---- upload ------------------------------------------------------------------------------

    private CompletableFuture<Void> upload(ChatOutput out, LaneRequest r, Intent.Upload upload) {
        if (upload.files().isEmpty()) {
            say(out, r.chat(), r.requestId(), Phrases.howToUpload(), List.of());
            return CompletableFuture.completedFuture(null);
        }
        List<String> problems = new ArrayList<>();
        List<Attachment.Upload> files = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (Attachment a : upload.files()) {
            if (!AcceptedMedia.isAccepted(a.name())) {
                problems.add(Phrases.rejectedType(a.name()));
            } else if (a instanceof Attachment.Upload u && !AcceptedMedia.fitsSizeLimit(u.size())) {
                problems.add(Phrases.rejectedSize(a.name()));
            } else if (a instanceof Attachment.Upload u) {
                files.add(u);
            } else {
                urls.add(((Attachment.Link) a).url());
            }
        }
        if (!problems.isEmpty()) {
            log.info("files refused chat={} request={} count={}", r.chat(), r.requestId(), problems.size());
            say(out, r.chat(), r.requestId(), String.join("\n", problems), List.of());
        }
        int accepted = files.size() + urls.size();
        if (accepted == 0) {
            return CompletableFuture.completedFuture(null);
        }
        ProgressMessage progress = progress(out, r, Phrases.uploading(accepted));
        String language = Language.forSession(r.user().languageTag(), upload.caption());
        return blocking(() -> {
            ChatSessions.Session session = sessions.ensure(r.chat(), language, r.requestId());
            String note = "";
            try {
                sendFiles(session, files, urls);
            } catch (NemoException.SessionNotFound e) {
                session = sessions.create(r.chat(), language, r.requestId());
                note = Phrases.SESSION_EXPIRED;
                sendFiles(session, files, urls);
            }
            log.info("files uploaded chat={} request={} count={}", r.chat(), r.requestId(), accepted);
            if (upload.caption().isBlank()) {
                return progress.finish(join(note, Phrases.uploaded(accepted, problems.size())), List.of(Action.STATUS));
            }
            String uploaded = join(note, Phrases.uploadedBeforePrompt(accepted));
            progress.update(join(uploaded, Phrases.CONNECTING));
            return stream(out, r, session, upload.caption(), progress, true, uploaded);
        }).thenCompose(f -> f).exceptionally(error -> {
            fail(r, progress, error);
            return null;
        });
    }

    private List<UploadedFile> sendFiles(ChatSessions.Session session, List<Attachment.Upload> files, List<String> urls)
            throws NemoException {
        List<UploadedFile> done = new ArrayList<>();
        if (!files.isEmpty()) {
            List<UploadSource> sources = files.stream()
                    .map(f -> new UploadSource(AcceptedMedia.uploadName(f.name()), f.size(), f.mediaType(), f.opener()::open))
                    .collect(Collectors.toList());
            done.addAll(client.upload(session.auth(), session.sessionId(), sources));
        }
        if (!urls.isEmpty()) {
            done.addAll(client.uploadUrls(session.auth(), session.sessionId(), urls));
        }
        return done;
    }

    // ---- export ------------------------------------------------------------------------------

    private CompletableFuture<Void> export(ChatOutput out, LaneRequest r, ProgressMessage progress) {
        return blocking(() -> {
            Optional<ChatSessions.Session> existing = sessions.existing(r.chat());
            if (existing.isEmpty()) {
                return progress.finish(Phrases.NOTHING_TO_EXPORT, List.of());
            }
            ChatSessions.Session session = existing.get();
            SessionState state;
            try {
                state = client.state(session.auth(), session.sessionId());
            } catch (NemoException.SessionNotFound e) {
                sessions.create(r.chat(), session.language(), r.requestId());
                return progress.finish(join(Phrases.SESSION_EXPIRED, Phrases.NOTHING_TO_EXPORT), List.of());
            }
            if (!state.timeline().isExportable()) {
                return progress.finish(Phrases.NOTHING_TO_EXPORT, List.of());
            }
            RenderStatus submitted = client.submitRender(session.auth(), session.sessionId(), state.draft());
            String messageId = progress.message().join().map(MessageRef::messageId).orElse("");
            Instant now = clock.instant();
            RenderJob job = new RenderJob(submitted.renderId(), r.chat().key(), r.requestId(), messageId,
                    RenderJob.State.RENDERING, submitted.progress(), "", "", now, now);
            store.saveRenderJob(job); // durable before polling: a restart resumes it
            log.info("render submitted chat={} request={} render={}", r.chat(), r.requestId(), job.renderId());
            progress.update(Phrases.rendering(submitted.progress()));
            renders.watch(job, session.auth(), out, progress);
            return CompletableFuture.<Void>completedFuture(null);
        }).thenCompose(f -> f).exceptionally(error -> {
            fail(r, progress, error);
            return null;
        });
    }

    // ---- new project, immediate answers -------------------------------------------------------

    private CompletableFuture<Void> newProject(ChatOutput out, LaneRequest r) {
        String language = Language.forSession(r.user().languageTag(), "");
        String current = sessions.existing(r.chat()).map(ChatSessions.Session::language).orElse(language);
        return blocking(() -> sessions.create(r.chat(), current, r.requestId()))
                .thenCompose(s -> say(out, r.chat(), r.requestId(), Phrases.NEW_PROJECT, List.of()))
                .exceptionally(error -> {
                    sayFailure(out, r.chat(), r.requestId(), error);
                    return null;
                });
    }

    private void answerNow(ChatOutput out, Inbound event, Intent intent) {
        ChatRef chat = event.chat();
        String requestId = event.requestId();
        try {
            if (intent instanceof Intent.Help h) {
                say(out, chat, requestId, h.welcome() ? Phrases.welcome() : Phrases.help(h.unknownCommand()), List.of());
            } else if (intent instanceof Intent.Cancel) {
                cancel(out, chat, requestId);
            } else if (intent instanceof Intent.Credits) {
                say(out, chat, requestId, Phrases.credits(client.credits(sessions.auth(chat))), List.of());
            } else if (intent instanceof Intent.Status) {
                status(out, chat, requestId);
            }
        } catch (NemoException | RuntimeException e) {
            sayFailure(out, chat, event.requestId(), e);
        }
    }

    private void status(ChatOutput out, ChatRef chat, String requestId) throws NemoException {
        Optional<ChatSessions.Session> session = sessions.existing(chat);
        if (session.isEmpty()) {
            say(out, chat, requestId, Phrases.NO_PROJECT, List.of());
            return;
        }
        try {
            SessionState state = client.state(session.get().auth(), session.get().sessionId());
            List<Action> buttons = state.timeline().isExportable() ? List.of(Action.EXPORT) : List.of();
            say(out, chat, requestId, TimelineSummary.of(state.timeline()), buttons);
        } catch (NemoException.SessionNotFound e) {
            say(out, chat, requestId, Phrases.SESSION_EXPIRED.replaceAll("[()]", "") + " " + Phrases.NO_PROJECT, List.of());
            sessions.create(chat, session.get().language(), requestId);
        }
    }

    private void cancel(ChatOutput out, ChatRef chat, String requestId) {
        List<LaneRequest> dropped = new ArrayList<>();
        boolean[] running = new boolean[1];
        lanes.computeIfPresent(chat.key(), (key, lane) -> {
            dropped.addAll(lane.dropWaiting());
            running[0] = lane.isRunning();
            return lane;
        });
        waiting.addAndGet(-dropped.size());
        store.dropQueued(chat.key());
        log.info("queue cancelled chat={} dropped={}", chat, dropped.size());
        say(out, chat, requestId, dropped.isEmpty() ? Phrases.NOTHING_QUEUED : Phrases.cancelled(dropped.size(), running[0]), List.of());
    }

    // ---- helpers -----------------------------------------------------------------------------

    private ProgressMessage progress(ChatOutput out, LaneRequest r, String text) {
        ProgressMessage progress = ProgressMessage.start(out, r.chat(), text, clock, pacer, pace(r.chat()), r.requestId());
        // Reelay's own reaction time: from the event's arrival to the progress handed to the platform.
        Metrics.timer("reelay.first.progress", "platform", r.chat().platform())
                .record(System.nanoTime() - r.acceptedNanos(), TimeUnit.NANOSECONDS);
        return progress;
    }

    private EditPace pace(ChatRef chat) {
        return paces.get(chat.key(), key -> new EditPace(settings.editInterval()));
    }

    private void fail(LaneRequest r, ProgressMessage progress, Throwable error) {
        Throwable cause = unwrap(error);
        if (closed) {
            log.info("request interrupted by shutdown chat={} request={}", r.chat(), r.requestId());
            progress.finish(Phrases.INTERRUPTED, List.of());
            return;
        }
        logFailure(r.chat(), r.requestId(), cause);
        progress.finish(Phrases.failure(cause, sessions.auth(r.chat()).isAnonymous()), List.of());
    }

    private void sayFailure(ChatOutput out, ChatRef chat, String requestId, Throwable error) {
        Throwable cause = unwrap(error);
        logFailure(chat, requestId, cause);
        say(out, chat, requestId, Phrases.failure(cause, sessions.auth(chat).isAnonymous()), List.of());
    }

    private static void logFailure(ChatRef chat, String requestId, Throwable cause) {
        if (cause instanceof NemoException e) {
            log.warn("request failed chat={} request={} error={} code={}", chat, requestId,
                    e.getClass().getSimpleName(), e.code());
        } else {
            log.error("request failed chat={} request={}", chat, requestId, cause);
        }
    }

    /** Sends text (split to the platform's limit; buttons under the last part). */
    CompletableFuture<Void> say(ChatOutput out, ChatRef chat, String requestId, String text, List<Action> buttons) {
        CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
        for (Reply reply : TextSplitter.replies(text, buttons, out.capabilities())) {
            chain = chain.thenCompose(ignored -> out.send(chat, requestId, reply));
        }
        return chain.handle((ignored, e) -> {
            if (e != null) {
                log.warn("message not delivered chat={}: {}", chat, e.toString());
            }
            return null;
        });
    }

    static String join(String first, String second) {
        if (first == null || first.isBlank()) {
            return second;
        }
        return second == null || second.isBlank() ? first : first + "\n\n" + second;
    }

    @FunctionalInterface
    private interface Blocking<T> {
        T call() throws NemoException;
    }

    /** Runs a blocking NemoVideo call on a worker; its NemoException fails the future. */
    private <T> CompletableFuture<T> blocking(Blocking<T> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (NemoException e) {
                throw new CompletionException(e);
            }
        }, workers);
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Requests running now (across chats) and waiting for a slot; for metrics and tests. */
    public int runningRequests() {
        return slots.inUse();
    }

    public int openStreams() {
        return streams.size();
    }

    /**
     * Stops taking work: waiting requests stay in the store for the next start, running requests
     * are given {@code grace} to finish, then their streams are cancelled. Render jobs stay in
     * the store.
     */
    public void close(Duration grace) {
        closed = true;
        LIVE.remove(this);
        try {
            // Requests already running may finish (their blocking steps still need the workers);
            // real time, not the engine's clock, so shutdown ends even under a test's fixed clock.
            long deadline = System.nanoTime() + grace.toNanos();
            while (slots.inUse() > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            streams.values().forEach(ChatStream::cancel);
            workers.shutdown();
            workers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        renders.close();
        workers.shutdownNow();
        pacer.shutdownNow();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
