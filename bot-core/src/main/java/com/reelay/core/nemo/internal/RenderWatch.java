package com.reelay.core.nemo.internal;

import com.reelay.core.nemo.NemoException;
import com.reelay.core.nemo.RenderStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one render until it is completed or failed. The first poll comes after
 * {@code firstPoll}; each later interval is 1.5 times the one before, up to {@code maxInterval}.
 * Every status seen is reported. Errors the client could not recover inside one poll but that may
 * pass (the service unavailable, rate limited) keep the watch going on the same schedule; any
 * other error ends it exceptionally. Nothing waits on a thread between polls, and cancelling the
 * returned future stops the watch.
 */
public final class RenderWatch {

    /** Reads a render's status once (with the client's usual recovery). */
    @FunctionalInterface
    public interface StatusSource {
        RenderStatus status(String renderId) throws NemoException;
    }

    static final double BACKOFF = 1.5;
    private static final Logger LOG = LoggerFactory.getLogger(RenderWatch.class);

    private final Timers timers;
    private final StatusSource source;
    private final String renderId;
    private final Consumer<RenderStatus> onProgress;
    private final Duration maxInterval;
    private final CompletableFuture<RenderStatus> result = new CompletableFuture<>();
    private volatile Timers.Scheduled next;
    private Duration interval;

    public RenderWatch(Timers timers, StatusSource source, String renderId, Consumer<RenderStatus> onProgress,
                       Duration firstPoll, Duration maxInterval) {
        this.timers = timers;
        this.source = source;
        this.renderId = renderId;
        this.onProgress = onProgress;
        this.interval = firstPoll;
        this.maxInterval = maxInterval;
        result.whenComplete((status, failure) -> {
            Timers.Scheduled pending = next;
            if (pending != null) {
                pending.cancel();
            }
        });
    }

    public CompletableFuture<RenderStatus> start() {
        next = timers.schedule(this::poll, interval);
        return result;
    }

    private void poll() {
        if (result.isDone()) {
            return;
        }
        try {
            RenderStatus status = source.status(renderId);
            report(status);
            if (status.isFinished()) {
                LOG.info("render {} {}", renderId, status.state().name().toLowerCase(java.util.Locale.ROOT));
                result.complete(status);
                return;
            }
        } catch (NemoException.Unavailable | NemoException.RateLimited e) {
            LOG.debug("render {}: status not available this time ({}); polling on", renderId,
                    e.getClass().getSimpleName());
        } catch (NemoException e) {
            LOG.info("render {}: watch ended by {}", renderId, e.getClass().getSimpleName());
            result.completeExceptionally(e);
            return;
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        interval = grow(interval, maxInterval);
        if (!result.isDone()) {
            next = timers.schedule(this::poll, interval);
        }
    }

    private void report(RenderStatus status) {
        try {
            onProgress.accept(status);
        } catch (RuntimeException e) {
            LOG.warn("render progress consumer failed: {}", e.getClass().getName());
        }
    }

    /** The next poll interval: 1.5 times {@code current}, at most {@code max}. */
    static Duration grow(Duration current, Duration max) {
        Duration grown = Duration.ofNanos((long) (current.toNanos() * BACKOFF));
        return grown.compareTo(max) > 0 ? max : grown;
    }
}
