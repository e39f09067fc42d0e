package com.reelay.core.conversation;

import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.nemo.NemoClient;
import com.reelay.core.nemo.NemoException;
import com.reelay.core.nemo.RenderStatus;
import com.reelay.core.nemo.SessionState;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.RenderJob;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders the project's draft: the job is saved before polling, so a restart resumes it and posts the link once. */
final class ExportTurn implements Turn {

    private static final Logger log = LoggerFactory.getLogger(ExportTurn.class);

    private final NemoClient client;
    private final ChatSessions sessions;
    private final ReelayStore store;
    private final RenderJobs renders;
    private final Clock clock;
    private final Workers workers;
    private final Replies replies;

    ExportTurn(NemoClient client, ChatSessions sessions, ReelayStore store, RenderJobs renders, Clock clock,
               Workers workers, Replies replies) {
        this.client = client;
        this.sessions = sessions;
        this.store = store;
        this.renders = renders;
        this.clock = clock;
        this.workers = workers;
        this.replies = replies;
    }

    /** Records the progress message once the platform has it, so a resumed render edits it. */
    private RenderJob withProgressMessage(RenderJob job, ProgressMessage progress) {
        progress.message().thenAccept(ref -> ref.ifPresent(m -> {
            try {
                store.saveRenderJob(job.withProgressMessage(m.messageId(), clock.instant()));
            } catch (RuntimeException e) {
                log.warn("render job's progress message not stored chat={} render={}: {}", job.chatKey(),
                        job.renderId(), e.toString());
            }
        }));
        return job;
    }

    @Override
    public CompletableFuture<Void> run(ChatOutput out, LaneRequest r, ProgressMessage progress) {
        return workers.blocking(() -> {
            Optional<ChatSessions.Session> existing = sessions.existing(r.chat());
            if (existing.isEmpty()) {
                return progress.finish(Phrases.NOTHING_TO_EXPORT, List.of());
            }
            ChatSessions.Session session = existing.get();
            SessionState state;
            try {
                state = client.state(session.auth(), session.sessionId());
            } catch (NemoException.SessionNotFound e) {
                sessions.create(r.chat(), r.user(), session.language(), r.requestId());
                return progress.finish(Replies.join(Phrases.SESSION_EXPIRED, Phrases.NOTHING_TO_EXPORT), List.of());
            }
            if (!state.timeline().isExportable()) {
                return progress.finish(Phrases.NOTHING_TO_EXPORT, List.of());
            }
            RenderStatus submitted = client.submitRender(session.auth(), session.sessionId(), state.draft());
            // Durable before anything can wait (the progress message may still be on its way):
            // a crash from here on resumes the render instead of orphaning it.
            Instant now = clock.instant();
            String messageId = progress.message().getNow(Optional.empty()).map(MessageRef::messageId).orElse("");
            RenderJob job = new RenderJob(submitted.renderId(), r.chat().key(), r.requestId(), messageId,
                    RenderJob.State.RENDERING, submitted.progress(), "", "", now, now);
            store.saveRenderJob(job);
            log.info("render submitted chat={} request={} render={}", r.chat(), r.requestId(), job.renderId());
            if (messageId.isEmpty()) {
                job = withProgressMessage(job, progress);
            }
            progress.update(Phrases.rendering(submitted.progress()));
            renders.watch(job, session.auth(), out, progress);
            return CompletableFuture.<Void>completedFuture(null);
        }).thenCompose(f -> f).exceptionally(error -> {
            replies.fail(r, progress, error);
            return null;
        });
    }
}
