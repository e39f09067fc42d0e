package com.reelay.core.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.reelay.core.chat.ChatEngine;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.Inbound;
import com.reelay.core.chat.NotTaken;
import com.reelay.core.chat.Wording;
import com.reelay.core.guard.GuardRails;
import com.reelay.core.guard.GuardSettings;
import com.reelay.core.nemo.NemoClient;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.StoreException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation engine: every adapter hands it {@link Inbound} events; it keeps one NemoVideo
 * session per chat, runs each chat's requests one at a time (chats in parallel, bounded), streams
 * progress into one message edited in place, and posts exported videos, also after a restart.
 * A facade: {@link Admission} decides, a {@link LaneScheduler} orders, {@link Turn}s do the work
 * (see package-info for the drawing).
 */
public final class ConversationEngine implements ChatEngine, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);

    private final IntentReader intents = new IntentReader();
    private final Map<String, ChatOutput> outputs = new ConcurrentHashMap<>();
    private final EngineMetrics metrics;
    private final Workers workers;
    private final Admission admission;
    private final Replies replies;
    private final PromptStream prompts;
    private final RenderJobs renders;
    private final LaneScheduler lanes;
    private final Turn instant;
    private final Recovery recovery;
    private final ChatLanguages languages;
    private final RetryBook retries;
    /** One chat may hold only a few workers with instant answers; its lane bounds the rest. */
    private final WorkerShares instantShares = new WorkerShares(INSTANT_ANSWERS_PER_CHAT);
    private static final int INSTANT_ANSWERS_PER_CHAT = 2;
    private volatile boolean closed;
    /** Requests found running or waiting in chats this instance took over (see {@link #adopted}). */
    private final Cache<String, Boolean> adopted = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1))
            .maximumSize(100_000).build();

    /** An engine open to everyone, without rate limits (tests, private installs). */
    public ConversationEngine(NemoClient client, ReelayStore store, EngineSettings settings,
                              Optional<String> nemoToken, Clock clock) {
        this(client, store, settings, GuardSettings.open(), nemoToken, clock);
    }

    public ConversationEngine(NemoClient client, ReelayStore store, EngineSettings settings, GuardSettings guard,
                              Optional<String> nemoToken, Clock clock) {
        this(client, store, settings, guard, nemoToken, clock, Metrics.globalRegistry);
    }

    public ConversationEngine(NemoClient client, ReelayStore store, EngineSettings settings, GuardSettings guard,
                              Optional<String> nemoToken, Clock clock, MeterRegistry registry) {
        this(client, store, settings, guard, nemoToken, IdentityScope.CHAT, clock, registry);
    }

    /** @param scope whose anonymous identity a chat spends when {@code nemoToken} is empty */
    public ConversationEngine(NemoClient client, ReelayStore store, EngineSettings settings, GuardSettings guard,
                              Optional<String> nemoToken, IdentityScope scope, Clock clock, MeterRegistry registry) {
        ChatProjects projects = new ChatProjects(store, clock);
        this.retries = new RetryBook(store, clock);
        ChatSessions sessions = new ChatSessions(client, store, nemoToken, scope, clock, projects);
        Balances balances = new Balances(client, nemoToken.isEmpty() && scope == IdentityScope.CHAT);
        this.languages = new ChatLanguages(store);
        this.metrics = new EngineMetrics(registry);
        this.workers = new Workers(settings.workerThreads());
        this.admission = new Admission(new GuardRails(guard, clock, store), settings);
        this.replies = new Replies(sessions, languages, retries, balances, clock, workers, metrics,
                settings.editInterval(), () -> closed);
        this.prompts = new PromptStream(client, sessions, clock, workers, metrics, replies, balances, projects);
        this.renders = new RenderJobs(client, store, clock, metrics, replies, balances, projects, workers);
        WaitingLine line = new WaitingLine(replies, clock);
        LaneTurns turns = new LaneTurns(replies, line, workers, settings.activityRefresh(),
                new ChatTurn(sessions, languages, balances, workers, replies, prompts),
                new UploadTurn(client, sessions, languages, balances, workers, replies, prompts),
                new ExportTurn(client, sessions, store, renders, clock, workers, replies, balances, projects),
                new NewProjectTurn(sessions, languages, workers, replies),
                new OpenProjectTurn(sessions, projects, workers, replies));
        this.lanes = new InProcessLanes(store, settings, clock, replies, workers, turns, line);
        this.instant = new InstantAnswers(client, sessions, replies, () -> lanes, prompts, projects, languages);
        this.recovery = new Recovery(store, sessions, renders, replies, lanes, line);
        metrics.watch(lanes);
    }

    @Override
    public void register(String platform, ChatOutput output) {
        outputs.put(platform, metrics.counting(platform, output));
    }

    /**
     * Resumes what a previous run left: unfinished exports (each link posted once) and requests
     * that were waiting in line. Call after registering every platform.
     */
    public void resume() {
        recovery.resume(outputs::get);
    }

    /**
     * A fleet instance took {@code chatKeys} over (their previous owner stopped): resumes what it
     * left of these chats only (one pass over the store for all), as {@link #resume()} does for
     * all chats at a lone start.
     */
    public void adopt(Collection<String> chatKeys) {
        Set<String> chats = Set.copyOf(chatKeys);
        recovery.resume(outputs::get, chats::contains).forEach(id -> adopted.put(id, Boolean.TRUE));
    }

    /**
     * Whether {@code requestId} was found running or waiting when this instance adopted its chat:
     * a request the previous owner took, which must not be taken again when the fleet's inbox
     * hands it over a second time (it cannot tell whether the previous owner got that far).
     */
    public boolean adopted(String requestId) {
        return adopted.getIfPresent(requestId) != null;
    }

    @Override
    public void accept(Inbound event) {
        ChatOutput out = outputs.get(event.chat().platform());
        if (out == null) {
            log.warn("event for unregistered platform chat={} request={}", event.chat(), event.requestId());
            return;
        }
        Phrases phrases = languages.phrases(event.chat(), event.user());
        if (closed) {
            replies.say(out, event.chat(), event.requestId(), phrases.restarting(), List.of());
            return;
        }
        metrics.messageIn(event.chat().platform());
        Intent intent = intents.read(event.content());
        log.info("request chat={} request={} intent={}", event.chat(), event.requestId(), intent.getClass().getSimpleName());
        Optional<Intent> button = followUp(event.chat(), intent, phrases);
        if (button.isEmpty()) {
            log.info("button no longer works chat={} request={}", event.chat(), event.requestId());
            replies.say(out, event.chat(), event.requestId(),
                    intent instanceof Intent.Retry ? phrases.retryGone() : phrases.buttonGone(), List.of());
            return;
        }
        intent = button.get();
        Optional<String> refusal;
        try {
            refusal = admission.refusal(event, intent, phrases); // writes the guard's counts to the store
        } catch (StoreException e) {
            throw new NotTaken("the store failed while admitting the request", e);
        }
        if (refusal.isPresent()) {
            log.info("request refused chat={} request={}", event.chat(), event.requestId());
            replies.refuse(out, event.chat(), event.requestId(), refusal.get());
            return;
        }
        LaneRequest request = new LaneRequest(event.chat(), event.user(), event.requestId(), intent, 0, event.oneToOne());
        if (Intent.usesLane(intent)) {
            lanes.enter(out, request);
        } else if (!instantShares.tryTake(event.chat())) {
            log.info("request refused: answers in flight chat={} request={}", event.chat(), event.requestId());
            replies.refuse(out, event.chat(), event.requestId(), phrases.stillAnswering());
        } else {
            workers.execute(() -> {
                try {
                    instant.run(out, request, null);
                } finally {
                    instantShares.release(event.chat());
                }
            });
        }
    }

    /**
     * What a Retry or quick-edit button stands for: the failed request again, or the edit's prompt
     * in the chat's language. Other intents are themselves; empty for a button that no longer works.
     */
    private Optional<Intent> followUp(ChatRef chat, Intent intent, Phrases phrases) {
        if (intent instanceof Intent.Retry r) {
            return retries.find(chat, r.requestId());
        }
        if (intent instanceof Intent.QuickEdit q) {
            return QuickEdits.prompt(phrases.book(), q.name()).map(Intent.Chat::new);
        }
        return Optional.of(intent);
    }

    @Override
    public void answerUnusable(ChatRef chat, ChatUser user, String requestId, Wording text) {
        ChatOutput out = outputs.get(chat.platform());
        if (out == null) {
            log.warn("refusal for unregistered platform chat={} request={}", chat, requestId);
            return;
        }
        log.info("update refused chat={} request={}", chat, requestId);
        replies.answerAsker(out, chat, requestId, text.in(languages.phrases(chat, user).book()));
    }

    /** Requests running now (across chats); for metrics and tests. */
    public int runningRequests() {
        return lanes.running();
    }

    public int openStreams() {
        return prompts.openStreams();
    }

    /**
     * Stops taking work: waiting requests stay in the store for the next start, running requests
     * are given {@code grace} to finish, then their streams are cancelled. Render jobs stay in
     * the store.
     */
    public void close(Duration grace) {
        closed = true;
        try {
            lanes.drain(grace);
            prompts.cancelAll();
            workers.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        renders.close();
        workers.closeNow();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
