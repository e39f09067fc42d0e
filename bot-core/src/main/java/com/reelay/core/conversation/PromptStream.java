package com.reelay.core.conversation;

import com.reelay.core.chat.support.Futures;
import com.reelay.core.chat.Action;
import com.reelay.core.chat.Button;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.nemo.AgentEvent;
import com.reelay.core.nemo.ChatListener;
import com.reelay.core.nemo.ChatReply;
import com.reelay.core.nemo.ChatStream;
import com.reelay.core.nemo.Credits;
import com.reelay.core.nemo.NemoClient;
import com.reelay.core.nemo.NemoException;
import com.reelay.core.nemo.SessionState;
import com.reelay.core.nemo.Timeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a prompt to the agent and streams its work into the progress message; at the end keeps
 * the draft and replaces the progress with the agent's reply, or with what changed on the timeline,
 * then the receipt (credits used and left). Under a finished draft it offers Export, Status and
 * the {@link QuickEdits}. /cancel can stop a chat's stream ({@link #stop}).
 */
final class PromptStream {

    private static final Logger log = LoggerFactory.getLogger(PromptStream.class);

    private final NemoClient client;
    private final ChatSessions sessions;
    private final Clock clock;
    private final Workers workers;
    private final EngineMetrics metrics;
    private final Replies replies;
    private final Balances balances;
    private final ChatProjects projects;
    /** Open streams by request id, so shutdown can cancel them. */
    private final Map<String, ChatStream> open = new ConcurrentHashMap<>();
    /** The prompt request each chat is running (one at a time per chat), stream open or about to be, for /cancel. */
    private final Map<String, String> openInChat = new ConcurrentHashMap<>();
    /** Requests whose stream the person stopped: their end is told as a stop, not a failure. */
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();

    /** The person stopped the stream with /cancel. */
    static final class Stopped extends Exception {
        Stopped() {
            super("stopped by the person", null, false, false);
        }
    }

    PromptStream(NemoClient client, ChatSessions sessions, Clock clock, Workers workers, EngineMetrics metrics,
                 Replies replies, Balances balances, ChatProjects projects) {
        this.client = client;
        this.sessions = sessions;
        this.clock = clock;
        this.workers = workers;
        this.metrics = metrics;
        this.replies = replies;
        this.balances = balances;
        this.projects = projects;
    }

    /**
     * Streams {@code prompt}; {@code note} goes above the progress and the reply. When the
     * session is gone and {@code mayRenew}, the prompt goes once to a fresh session. {@code before}
     * is the balance read before, for the receipt.
     */
    CompletableFuture<Void> send(ChatOutput out, LaneRequest r, ChatSessions.Session session, String prompt,
                                 ProgressMessage progress, boolean mayRenew, String note, Optional<Credits> before) {
        Phrases phrases = replies.phrases(r);
        StreamProgress listener = new StreamProgress(progress, clock, note, phrases);
        long started = System.nanoTime();
        if (stopped.remove(r.requestId())) {
            return CompletableFuture.failedFuture(new Stopped()); // /cancel came before the stream opened
        }
        projects.prompted(r.chat(), session.sessionId(), prompt);
        ChatStream stream = client.chat(session.auth(), session.sessionId(), prompt, listener);
        open.put(r.requestId(), stream);
        openInChat.put(r.chat().key(), r.requestId());
        if (stopped.contains(r.requestId())) {
            stream.cancel(); // /cancel came while the stream was opening
        }
        return stream.reply().handle((reply, error) -> {
            open.remove(r.requestId());
            openInChat.remove(r.chat().key(), r.requestId());
            boolean wasStopped = stopped.remove(r.requestId());
            if (error != null && wasStopped) {
                return CompletableFuture.<Void>failedFuture(new Stopped());
            }
            String outcome = error != null ? Futures.unwrap(error).getClass().getSimpleName()
                    : reply.hasText() ? "text" : "no_text";
            metrics.stream(outcome, started);
            if (error == null) {
                return workers.blocking(() -> conclude(out, r, session, reply, progress, note, before)).thenCompose(f -> f);
            }
            Throwable cause = Futures.unwrap(error);
            if (cause instanceof NemoException.SessionNotFound && mayRenew) {
                // The service refused the message, so sending it to a fresh session is safe.
                log.info("session lost chat={} request={}: renewing", r.chat(), r.requestId());
                String expired = Replies.join(note, phrases.sessionExpired());
                return workers.blocking(() -> sessions.create(r.chat(), r.user(), session.language(), r.requestId()))
                        .thenCompose(fresh -> send(out, r, fresh, prompt, progress, false, expired, before));
            }
            return CompletableFuture.<Void>failedFuture(cause);
        }).thenCompose(f -> f);
    }

    /** After the stream: keep the draft, then replace the progress with the reply or what changed. */
    private CompletableFuture<Void> conclude(ChatOutput out, LaneRequest r, ChatSessions.Session session,
                                             ChatReply reply, ProgressMessage progress, String note,
                                             Optional<Credits> before) {
        Phrases phrases = replies.phrases(r);
        String draftBefore = sessions.lastDraft(r.chat());
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
            text = TimelineChanges.describe(phrases, Timeline.fromDraftJson(draftBefore), state.timeline());
        } else {
            text = phrases.doneSeeStatus();
        }
        boolean exportable = state != null && state.timeline().isExportable();
        log.info("reply chat={} request={} text={} tools={}", r.chat(), r.requestId(), reply.hasText(),
                reply.toolsUsed().size());
        String receipt = before.flatMap(b -> balances.read(r.chat(), r.requestId(), session.auth())
                .map(after -> balances.receipt(phrases.book(), b, after))).orElse("");
        List<Button> buttons = new ArrayList<>();
        if (exportable) {
            buttons.addAll(phrases.buttons(Action.EXPORT, Action.STATUS));
            buttons.addAll(phrases.buttons(QuickEdits.actions()));
        }
        return progress.finish(Replies.join(Replies.join(note, text), receipt), buttons);
    }

    int openStreams() {
        return open.size();
    }

    void cancelAll() {
        open.values().forEach(ChatStream::cancel);
    }

    /** A prompt request of the chat started: /cancel can stop it from now on, before its stream opens too. */
    void expect(LaneRequest r) {
        openInChat.put(r.chat().key(), r.requestId());
    }

    /** The request is over, however it ended. */
    void forget(LaneRequest r) {
        openInChat.remove(r.chat().key(), r.requestId());
        stopped.remove(r.requestId());
    }

    /**
     * Stops the chat's running prompt: closes its stream (NemoVideo may still finish the work), or
     * keeps it from opening. True if there was one to stop.
     */
    boolean stop(ChatRef chat) {
        String requestId = openInChat.get(chat.key());
        if (requestId == null) {
            return false;
        }
        stopped.add(requestId);
        log.info("request stopped by the person chat={} request={}", chat, requestId);
        ChatStream stream = open.get(requestId);
        if (stream != null) {
            stream.cancel();
        }
        return true;
    }

    /** Turns agent events into the progress line: a stage from tool calls, elapsed time on heartbeats. */
    private static final class StreamProgress implements ChatListener {
        private final ProgressMessage progress;
        private final Clock clock;
        private final Instant started;
        private final String note;
        private final Phrases phrases;
        private volatile String stage;

        StreamProgress(ProgressMessage progress, Clock clock, String note, Phrases phrases) {
            this.progress = progress;
            this.clock = clock;
            this.started = clock.instant();
            this.note = note;
            this.phrases = phrases;
            this.stage = phrases.working();
        }

        @Override
        public void onEvent(AgentEvent event) {
            if (event instanceof AgentEvent.ToolCall call) {
                stage = phrases.stage(call.name());
            } else if (event instanceof AgentEvent.TextChunk) {
                return; // the whole text replaces the progress at the end
            }
            progress.update(Replies.join(note, TimeWording.withElapsed(phrases.book(), stage, Duration.between(started, clock.instant()))));
        }
    }
}
