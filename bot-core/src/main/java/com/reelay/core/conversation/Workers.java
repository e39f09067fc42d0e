package com.reelay.core.conversation;

import com.reelay.core.chat.support.Futures;
import com.reelay.core.chat.support.DaemonThreads;
import com.reelay.core.chat.support.Futures;
import com.reelay.core.nemo.NemoException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The engine's threads: workers for blocking NemoVideo calls (sessions, state, uploads, export)
 * and one pacer that times progress edits.
 */
final class Workers {

    /** A blocking NemoVideo call. */
    @FunctionalInterface
    interface Blocking<T> {
        T call() throws NemoException;
    }

    private final ExecutorService workers;
    private final ScheduledExecutorService pacer;

    Workers(int threads) {
        this.workers = Executors.newFixedThreadPool(threads, DaemonThreads.named("reelay-worker"));
        this.pacer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("reelay-pacer"));
    }

    /**
     * Runs a blocking NemoVideo call on a worker; its NemoException fails the future. A 429 is
     * waited out off the workers (the pacer schedules the one retry), so a rate limit never
     * holds a worker that other chats need.
     */
    <T> CompletableFuture<T> blocking(Blocking<T> call) {
        return attempt(call).exceptionallyCompose(error -> {
            if (Futures.unwrap(error) instanceof NemoException.RateLimited limited && !limited.retried()) {
                Duration wait = limited.retryAfter() == null ? Duration.ZERO : limited.retryAfter();
                CompletableFuture<T> retried = new CompletableFuture<>();
                pacer.schedule(() -> attempt(call).whenComplete((value, again) -> {
                    if (again != null) {
                        retried.completeExceptionally(again);
                    } else {
                        retried.complete(value);
                    }
                }), wait.toMillis(), TimeUnit.MILLISECONDS);
                return retried;
            }
            return CompletableFuture.failedFuture(error);
        });
    }

    private <T> CompletableFuture<T> attempt(Blocking<T> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (NemoException e) {
                throw new CompletionException(e);
            }
        }, workers);
    }

    void execute(Runnable task) {
        workers.execute(task);
    }

    ScheduledExecutorService pacer() {
        return pacer;
    }

    /** Lets queued work finish for a moment, then stops every thread. */
    void close() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(1, TimeUnit.SECONDS);
    }

    void closeNow() {
        workers.shutdownNow();
        pacer.shutdownNow();
    }
}
