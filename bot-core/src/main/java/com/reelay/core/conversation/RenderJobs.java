package com.reelay.core.conversation;

import com.reelay.core.chat.support.Futures;
import com.reelay.core.chat.Action;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.FinishedVideo;
import com.reelay.core.chat.Reply;
import com.reelay.core.chat.Undeliverable;
import com.reelay.core.nemo.Credits;
import com.reelay.core.nemo.NemoAuth;
import com.reelay.core.nemo.NemoClient;
import com.reelay.core.nemo.RenderState;
import com.reelay.core.nemo.RenderStatus;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.RenderJob;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches exports until their link (or failure) reaches the chat. A job is watched at most once
 * per process, and marked delivered in the store only after the platform took the message: a
 * restart resumes every job not yet delivered.
 */
final class RenderJobs {

    private static final Logger log = LoggerFactory.getLogger(RenderJobs.class);

    private final NemoClient client;
    private final ReelayStore store;
    private final Clock clock;
    private final Replies replies;
    private final Balances balances;
    private final ChatProjects projects;
    private final Workers workers;
    private final EngineMetrics metrics;
    private final Set<String> watching = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<RenderStatus>> polls = ConcurrentHashMap.newKeySet();
    private boolean closed;

    RenderJobs(NemoClient client, ReelayStore store, Clock clock, EngineMetrics metrics, Replies replies,
               Balances balances, ChatProjects projects, Workers workers) {
        this.workers = workers;
        this.replies = replies;
        this.balances = balances;
        this.projects = projects;
        this.client = client;
        this.metrics = metrics;
        this.store = store;
        this.clock = clock;
    }

    void watch(RenderJob job, NemoAuth auth, ChatOutput out, ProgressMessage progress) {
        CompletableFuture<RenderStatus> poll;
        synchronized (this) {
            // After close, the job waits in the store for the next start: never watch it twice.
            if (closed || !watching.add(job.renderId())) {
                return;
            }
            Phrases phrases = replies.phrases(ChatRef.fromKey(job.chatKey()));
            poll = client.awaitRender(auth, job.renderId(), status -> progress.update(phrases.rendering(status.progress())));
            polls.add(poll);
        }
        poll.handle((status, error) -> {
            polls.remove(poll);
            return deliver(job, status, error, out, progress, auth);
        }).thenCompose(f -> f).whenComplete((ignored, error) -> {
            watching.remove(job.renderId());
            if (error != null) {
                log.warn("render outcome not delivered chat={} render={}: {}", job.chatKey(), job.renderId(), error.toString());
            }
        });
    }

    private CompletableFuture<Void> deliver(RenderJob job, RenderStatus status, Throwable error, ChatOutput out,
                                            ProgressMessage progress, NemoAuth auth) {
        ChatRef chat = ChatRef.fromKey(job.chatKey());
        Phrases phrases = replies.phrases(chat);
        Optional<Credits> before = balances.beforeRender(job.renderId());
        if (error != null) {
            Throwable cause = Futures.unwrap(error);
            if (cause instanceof java.util.concurrent.CancellationException) {
                return CompletableFuture.completedFuture(null); // shutting down: the next start resumes it
            }
            log.warn("render watch failed chat={} request={} render={} error={}", chat, job.requestId(), job.renderId(),
                    cause.getClass().getSimpleName());
            return settle(job, progress.finish(phrases.failure(cause, false, false), List.of(phrases.retry(Action.EXPORT))),
                    () -> job.delivered("", cause.getClass().getSimpleName(), clock.instant()));
        }
        metrics.renderWait(status.state().name().toLowerCase(java.util.Locale.ROOT),
                java.time.Duration.between(job.createdAt(), clock.instant()));
        if (status.state() == RenderState.COMPLETED && status.outputUrl() != null && !status.outputUrl().isBlank()) {
            log.info("render completed chat={} request={} render={}", chat, job.requestId(), job.renderId());
            projects.exported(chat, job.renderId(), status.outputUrl());
            // The balance is read on a worker (this thread polls every render); without it, no receipt.
            CompletableFuture<?> sent = workers.blocking(() -> balances.read(chat, job.requestId(), auth))
                    .exceptionally(e -> Optional.empty())
                    .thenCompose(after -> {
                        after.ifPresent(a -> before.ifPresent(b -> balances.exportCost(b.total() - a.total())));
                        String receipt = after.map(a -> before.map(b -> balances.receipt(phrases.book(), b, a))
                                .orElse(CreditWording.balanceLeft(phrases.book(), a))).orElse("");
                        Reply caption = new Reply(Replies.join(phrases.videoReady(status.outputUrl()), receipt),
                                phrases.buttons(Action.STATUS, Action.NEW_PROJECT, Action.PROJECTS));
                        // The progress line is a courtesy; the link is what must arrive.
                        return progress.finish(phrases.renderDone(), List.of()).handle((ignored, e) -> e)
                                .thenCompose(e -> e != null && Futures.unwrap(e) instanceof Undeliverable
                                        ? CompletableFuture.failedFuture(e)
                                        : out.sendVideo(chat, job.requestId(),
                                                new FinishedVideo(status.outputUrl(), -1, caption)));
                    });
            return settle(job, sent, () -> job.delivered(status.outputUrl(), "", clock.instant()));
        }
        String reason = status.error() == null ? "" : status.error();
        log.info("render failed chat={} request={} render={}", chat, job.requestId(), job.renderId());
        return settle(job, progress.finish(phrases.renderFailed(reason), List.of(phrases.retry(Action.EXPORT))),
                () -> job.delivered("", reason, clock.instant()));
    }

    /**
     * Marks the job once its outcome reached the chat, or for good when the chat takes nothing
     * more (a blocked bot, a deleted chat): such a job is never polled or downloaded again. Any
     * other failure leaves it for the next start. A link can be posted twice only if the process
     * dies between the platform accepting it and this write: a few milliseconds.
     */
    private CompletableFuture<Void> settle(RenderJob job, CompletableFuture<?> delivery, Supplier<RenderJob> delivered) {
        return delivery.handle((ignored, error) -> {
            if (error == null) {
                store.saveRenderJob(delivered.get());
                return null;
            }
            Throwable cause = Futures.unwrap(error);
            if (cause instanceof Undeliverable) {
                log.warn("render outcome undeliverable, given up chat={} request={} render={}: {}", job.chatKey(),
                        job.requestId(), job.renderId(), cause.getMessage());
                store.saveRenderJob(job.undeliverable(cause.getMessage(), clock.instant()));
                return null;
            }
            throw new CompletionException(cause);
        });
    }

    /** Stops polling; unfinished jobs stay in the store. */
    synchronized void close() {
        closed = true;
        polls.forEach(p -> p.cancel(false));
    }
}
