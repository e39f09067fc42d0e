package com.reelay.core.chat.send;

import com.reelay.core.chat.SendLine;
import com.reelay.core.chat.Urgency;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send budget's state and the rules that pick what goes next: the waiting calls, the
 * recipients (one call in flight each, holds), the allowances, and the passes over them in
 * class order. Every method runs under this object's lock; nothing here calls out.
 */
final class SendQueue {

    private static final Logger log = LoggerFactory.getLogger(SendQueue.class);

    /** {@link #consider}'s answer when the call was started or dropped. */
    private static final long TAKEN = Long.MIN_VALUE;

    private final String platform;
    private final SendLimits limits;
    private final Scheduler scheduler;
    private final Runnable wakeUp;
    final Allowances allowances;
    private final WaitingCalls waiting = new WaitingCalls();
    private final SendLineGauge gauge;
    /** Access order: the eldest are the least recently used, forgotten once idle. */
    private final LinkedHashMap<String, SendLane> lanes = new LinkedHashMap<>(64, 0.75f, true);
    private long sequence;
    private int inFlight;
    /** Room may have freed (an answer, a hold ending, a wake) since the last full pass. */
    private boolean dirty = true;
    private long wakeAt = Long.MAX_VALUE;
    private Scheduler.Cancellable wake;
    private boolean closed;

    /** @param wakeUp asks for a full pass when a wait set by a pass ends */
    SendQueue(String platform, SendLimits limits, Scheduler scheduler, Runnable wakeUp) {
        this.platform = platform;
        this.limits = limits;
        this.scheduler = scheduler;
        this.wakeUp = wakeUp;
        this.allowances = new Allowances(limits);
        this.gauge = new SendLineGauge(limits, allowances.elastic(limits.shared().calls()));
    }

    long now() {
        return scheduler.nanoTime();
    }

    /**
     * Queues a call (or folds an edit into the waiting edit of the same message) and returns the
     * waiting call; null if it was dropped (closed, or a refusal that may not go).
     */
    synchronized SendCall add(Recipient to, Urgency urgency, String requestId, String editOf,
                              Supplier<java.util.concurrent.CompletableFuture<?>> call) {
        long now = now();
        if (closed || (urgency == Urgency.REFUSAL && !gauge.admitRefusal(to.key(), now, contended(now)))) {
            return null;
        }
        SendLane lane = lanes.computeIfAbsent(to.key(), SendLane::new);
        if (urgency == Urgency.PROGRESS) {
            gauge.showedProgress(to.key(), now);
        }
        SendCall pending = editOf == null ? null : lane.pendingEdits.get(editOf);
        if (pending == null) {
            SendCall fresh = new SendCall(lane, to, requestId, editOf, urgency, call, sequence++);
            waiting.add(fresh, false);
            return fresh;
        }
        pending.call = call; // the newest text wins
        pending.recipient = to;
        if (SendBudget.rank(urgency) < SendBudget.rank(pending.urgency)) {
            waiting.remove(pending);
            pending.urgency = urgency;
            pending.seq = sequence++;
            waiting.add(pending, false);
        }
        return pending;
    }

    /** Someone who waits for a message is held back, or the shared allowance has no elastic room. */
    synchronized boolean contended(long now) {
        return waiting.waiting(Urgency.ACKNOWLEDGEMENT) + waiting.waiting(Urgency.ANSWER)
                + waiting.waiting(Urgency.PROGRESS) > 0 || allowances.sharedIsContended(now);
    }

    /** Whether {@code key} is held by a 429. */
    synchronized boolean held(String key, long now) {
        SendLane lane = lanes.get(key);
        return lane != null && lane.heldUntil > now;
    }

    synchronized SendLine line() {
        return gauge.line(waiting.waiting(Urgency.ACKNOWLEDGEMENT) + waiting.waiting(Urgency.ANSWER), now());
    }

    synchronized int pending() {
        return inFlight + waiting.total();
    }

    synchronized int recipients() {
        return lanes.size();
    }

    /** Room may have freed: the next pass looks at everything. */
    synchronized void markDirty() {
        dirty = true;
    }

    /** Closes; returns the calls that were waiting. */
    synchronized List<SendCall> close() {
        closed = true;
        cancelWake();
        List<SendCall> dropped = waiting.clear(lanes.values());
        lanes.clear();
        return dropped;
    }

    /**
     * Picks the calls to start now (claiming their allowances) and the refusals to drop. When no
     * allowance freed up, no hold ended and no wake is due since the last full pass left nothing
     * startable, {@code fresh} (just queued) is the only call that might go and is looked at alone:
     * a burst of thousands of new calls does not rescan every queue for each.
     */
    synchronized void pass(SendCall fresh, List<SendCall> starts, List<SendCall> dropped) {
        if (closed) {
            return;
        }
        long now = now();
        if (fresh != null && !dirty && now < wakeAt) {
            consider(fresh, now, starts, dropped, true);
            return;
        }
        dirty = false;
        allowances.forgetQuiet(now);
        forgetQuietLanes(now);
        long nextWake = Long.MAX_VALUE;
        for (Urgency u : SendBudget.SERVICE_ORDER) {
            List<SendCall> taken = new ArrayList<>();
            for (SendCall c : waiting.heads(u)) {
                if (inFlight >= limits.maxInFlight()) {
                    break; // an answer will ask again
                }
                long wake = consider(c, now, starts, dropped, false);
                if (wake == TAKEN) {
                    taken.add(c);
                } else {
                    nextWake = Math.min(nextWake, wake);
                }
            }
            taken.forEach(waiting::advance);
        }
        scheduleWake(now, nextWake); // an earlier wake stays: it only costs a pass
    }

    /**
     * Starts {@code c} (the first waiting call of its recipient's class) if its recipient and its
     * allowances allow, drops it if it is a refusal that cannot go now; else returns when it might
     * go ({@link Long#MAX_VALUE}: when an answer comes). {@code alone}: {@code c} is looked at outside
     * a full pass, so it must also be first in its recipient's class and any wake it needs is set here.
     */
    private long consider(SendCall c, long now, List<SendCall> starts, List<SendCall> dropped, boolean alone) {
        SendLane lane = c.lane;
        if (alone && lane.queue(c.urgency).peekFirst() != c) {
            return Long.MAX_VALUE;
        }
        if (lane.inFlight != null || inFlight >= limits.maxInFlight()) {
            return Long.MAX_VALUE; // an answer will ask again
        }
        long wait = lane.heldUntil > now ? lane.heldUntil - now : allowances.waitNanos(c.recipient, c.urgency, now);
        if (wait > 0 && (c.urgency != Urgency.REFUSAL || lane.heldUntil > now)) {
            if (alone && wait != Long.MAX_VALUE) {
                scheduleWake(now, now + wait);
            }
            return wait == Long.MAX_VALUE ? wait : now + wait;
        }
        waiting.take(c);
        if (alone) {
            waiting.advance(c);
        }
        if (wait > 0) {
            dropped.add(c); // a refusal never waits
            return TAKEN;
        }
        c.claims = allowances.claim(c.recipient);
        lane.inFlight = c;
        inFlight++;
        starts.add(c);
        return TAKEN;
    }

    /**
     * {@code c}'s answer came: its claims count one more period, its recipient is free, and if
     * {@code setback} is worth another try it goes back to the front of its class. Returns whether
     * it is done (the caller then completes it).
     */
    synchronized boolean answered(SendCall c, Setback setback) {
        long now = now();
        Allowances.answered(c.claims, now);
        c.claims = List.of();
        c.lane.inFlight = null;
        inFlight--;
        dirty = true;
        boolean done = setback == null || !retry(c, setback, now);
        if (c.lane.isIdle(now) && c.lane.isEmpty()) {
            lanes.remove(c.lane.key, c.lane);
        }
        return done;
    }

    private boolean retry(SendCall c, Setback setback, long now) {
        if (closed) {
            return false;
        }
        if (setback instanceof Setback.RateLimited r && ++c.rateLimited <= SendBudget.MAX_RATE_LIMITED) {
            long until = now + r.retryAfter().toNanos();
            TrailingWindow window = r.allowance().map(allowances::find).orElse(null);
            if (window != null) {
                window.hold(until);
            } else {
                c.lane.heldUntil = Math.max(c.lane.heldUntil, until);
            }
            Metrics.counter("reelay.send.rate.limited", "platform", platform).increment();
            log.warn("{} rate limit chat={} request={}: holding {} for {} ms", platform, c.lane.key, c.requestId,
                    r.allowance().orElse(c.lane.key), r.retryAfter().toMillis());
        } else if (setback instanceof Setback.Transient && ++c.attempts < SendBudget.MAX_ATTEMPTS) {
            c.lane.heldUntil = now + SendBudget.RETRY_DELAY.multipliedBy(c.attempts).toNanos();
            log.info("{} send failed chat={} request={}, trying again", platform, c.lane.key, c.requestId);
        } else {
            return false;
        }
        // A newer edit of the same message may have queued meanwhile: the newest wins, in this one's place.
        SendCall newer = c.editOf == null ? null : c.lane.pendingEdits.get(c.editOf);
        if (newer == null) {
            waiting.add(c, true);
            return true;
        }
        newer.result.whenComplete((v, ex) -> {
            if (ex == null) {
                c.result.complete(v);
            } else {
                c.result.completeExceptionally(ex);
            }
        });
        waiting.remove(newer);
        newer.urgency = SendBudget.rank(c.urgency) < SendBudget.rank(newer.urgency) ? c.urgency : newer.urgency;
        newer.seq = c.seq;
        waiting.add(newer, true);
        return true;
    }

    private void scheduleWake(long now, long at) {
        if (at == Long.MAX_VALUE || (wake != null && wakeAt <= at)) {
            return;
        }
        cancelWake();
        wakeAt = at;
        wake = scheduler.schedule(Duration.ofNanos(Math.max(0, at - now)), () -> {
            synchronized (this) {
                wake = null;
                wakeAt = Long.MAX_VALUE;
                dirty = true;
            }
            wakeUp.run();
        });
    }

    private void cancelWake() {
        if (wake != null) {
            wake.cancel();
            wake = null;
        }
        wakeAt = Long.MAX_VALUE;
    }

    /** Forgets the least recently used recipients with nothing waiting, nothing in flight and no hold. */
    private void forgetQuietLanes(long now) {
        for (Iterator<SendLane> it = lanes.values().iterator(); it.hasNext(); ) {
            SendLane lane = it.next();
            if (!lane.isIdle(now) || !lane.isEmpty()) {
                break;
            }
            it.remove();
        }
    }
}
