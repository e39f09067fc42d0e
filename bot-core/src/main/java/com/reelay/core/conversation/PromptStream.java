package com.reelay.core.conversation;

import com.reelay.core.chat.support.Futures;
import com.reelay.core.chat.Action;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.nemo.AgentEvent;
import com.reelay.core.nemo.ChatListener;
import com.reelay.core.nemo.ChatReply;
import com.reelay.core.nemo.ChatStream;
import com.reelay.core.nemo.NemoClient;
import com.reelay.core.nemo.NemoException;
import com.reelay.core.nemo.SessionState;
import com.reelay.core.nemo.Timeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a prompt to the agent and streams its work into the progress message; at the end keeps
 * the draft and replaces the progress with the agent's reply, or with what changed on the timeline.
 */
final class PromptStream {

    private static final Logger log = LoggerFactory.getLogger(PromptStream.class);

    private final NemoClient client;
    private final ChatSessions sessions;
    private final Clock clock;
    private final Workers workers;
    private final EngineMetrics metrics;
    /** Open streams by request id, so shutdown can cancel them. */
    private final Map<String, ChatStream> open = new ConcurrentHashMap<>();

    PromptStream(NemoClient client, ChatSessions sessions, Clock clock, Workers workers, EngineMetrics metrics) {
        this.client = client;
        this.sessions = sessions;
        this.clock = clock;
        this.workers = workers;
        this.metrics = metrics;
    }

    /**
     * Streams {@code prompt}; {@code note} goes above the progress and the reply. When the
     * session is gone and {@code mayRenew}, the prompt goes once to a fresh session.
     */
    CompletableFuture<Void> send(ChatOutput out, LaneRequest r, ChatSessions.Session session, String prompt,
                                 ProgressMessage progress, boolean mayRenew, String note) {
        StreamProgress listener = new StreamProgress(progress, clock, note);
        long started = System.nanoTime();
        ChatStream stream = client.chat(session.auth(), session.sessionId(), prompt, listener);
        open.put(r.requestId(), stream);
        return stream.reply().handle((reply, error) -> {
            open.remove(r.requestId());
            String outcome = error != null ? Futures.unwrap(error).getClass().getSimpleName()
                    : reply.hasText() ? "text" : "no_text";
            metrics.stream(outcome, started);
            if (error == null) {
                return workers.blocking(() -> conclude(out, r, session, reply, progress, note)).thenCompose(f -> f);
            }
            Throwable cause = Futures.unwrap(error);
            if (cause instanceof NemoException.SessionNotFound && mayRenew) {
                // The service refused the message, so sending it to a fresh session is safe.
                log.info("session lost chat={} request={}: renewing", r.chat(), r.requestId());
                String expired = Replies.join(note, Phrases.SESSION_EXPIRED);
                return workers.blocking(() -> sessions.create(r.chat(), r.user(), session.language(), r.requestId()))
                        .thenCompose(fresh -> send(out, r, fresh, prompt, progress, false, expired));
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
            text = TimelineChanges.describe(Timeline.fromDraftJson(before), state.timeline());
        } else {
            text = Phrases.DONE_SEE_STATUS;
        }
        boolean exportable = state != null && state.timeline().isExportable();
        log.info("reply chat={} request={} text={} tools={}", r.chat(), r.requestId(), reply.hasText(),
                reply.toolsUsed().size());
        return progress.finish(Replies.join(note, text), exportable ? List.of(Action.EXPORT, Action.STATUS) : List.of());
    }

    int openStreams() {
        return open.size();
    }

    void cancelAll() {
        open.values().forEach(ChatStream::cancel);
    }

    /** Turns agent events into the progress line: a stage from tool calls, elapsed time on heartbeats. */
    private static final class StreamProgress implements ChatListener {
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
            progress.update(Replies.join(note, Phrases.withElapsed(stage, Duration.between(started, clock.instant()))));
        }
    }
}
