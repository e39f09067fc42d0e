package com.reelay.core.chat.send;

import com.reelay.core.chat.SendLine;
import com.reelay.core.chat.Urgency;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bot identity's send budget: every message and edit to the platform goes through here, in
 * order of what people are waiting for, paced under the platform's allowances.
 *
 * <ul>
 *   <li>Classes are served in {@link #SERVICE_ORDER} ({@link SendQueue}); within a class, the
 *       recipient whose call has waited longest goes first ({@link WaitingCalls}). A lower class only gets room no one in a
 *       higher class can use: a higher-class call held back by a shared allowance holds back every
 *       lower one.</li>
 *   <li>Each allowance is a {@link TrailingWindow} over the calls' possible arrival times, so the
 *       platform never counts more than it allows, jitter included. Progress and refusals fill
 *       only {@link SendLimits#elasticShare()} of it: a reply that becomes ready finds room.</li>
 *   <li>A recipient's calls go out one at a time, in order; its waiting edits of one message
 *       collapse into the newest, which takes the most urgent class of the two.</li>
 *   <li>Refusals are sent only when nothing else waits, and at most once per recipient per
 *       {@link SendLimits#refusalSpacing()}; otherwise they are dropped ({@link SendLineGauge}).</li>
 *   <li>A 429 holds what it names for its {@code retry_after} (the recipient, or an allowance)
 *       and the same call goes again; network trouble gets a few more tries.</li>
 * </ul>
 *
 * Queues stay bounded by what the engine bounds (running requests, one waiting edit per
 * message), and everything the budget keeps of a quiet recipient is forgotten once its
 * allowances have cleared. Calls start and futures complete outside the budget's lock.
 */
public final class SendBudget implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SendBudget.class);

    /**
     * The order the classes are served in. Acknowledgements go before answers: a person whose
     * request was acknowledged already knows the bot is on it, while a new person sees silence,
     * and silence reads as a dead bot. An acknowledgement is owed once per request, so new
     * requests bound how much budget acknowledgements take, and the engine bounds new requests
     * (running requests, each chat's line). Under a burst this delivers every acknowledgement
     * at the platform's floor; answers follow at full rate right after, so the last answer also
     * lands at its floor (every reply costs the same two calls whichever goes first).
     */
    public static final List<Urgency> SERVICE_ORDER =
            List.of(Urgency.ACKNOWLEDGEMENT, Urgency.ANSWER, Urgency.PROGRESS, Urgency.REFUSAL);

    static final int MAX_ATTEMPTS = 3;
    /** A platform may keep saying 429; after this many waits the call is given up. */
    static final int MAX_RATE_LIMITED = 10;
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final String platform;
    private final SendLimits limits;
    private final Function<Throwable, Setback> setbacks;
    private final SendQueue queue;
    private final AtomicInteger pumpDemand = new AtomicInteger();

    /**
     * @param platform for logs and metrics ({@code telegram}, {@code discord})
     * @param setbacks reads a failed call's error as the platform meant it
     */
    public SendBudget(String platform, SendLimits limits, Scheduler scheduler, Function<Throwable, Setback> setbacks) {
        this.platform = platform;
        this.limits = limits;
        this.setbacks = setbacks;
        this.queue = new SendQueue(platform, limits, scheduler, () -> pump(null));
    }

    /** Sends a new message when its class's turn and the allowances allow. */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> send(Recipient to, Urgency urgency, String requestId,
                                         Supplier<CompletableFuture<T>> call) {
        return (CompletableFuture<T>) enqueue(to, urgency, requestId, null, (Supplier<CompletableFuture<?>>) (Supplier<?>) call);
    }

    /**
     * Edits message {@code messageId}; if an edit of that message is still waiting, this one
     * replaces it (in the more urgent class of the two) and both callers learn the newest's outcome.
     */
    public CompletableFuture<Void> edit(Recipient to, String messageId, Urgency urgency,
                                        Supplier<CompletableFuture<?>> call) {
        return enqueue(to, urgency, "", messageId, call).thenApply(ignored -> null);
    }

    /**
     * A hint such as "typing…" is not a message: it goes out at once, beside the recipient's
     * messages, when nobody waits, the recipient is not held and its allowances have elastic room;
     * otherwise it is dropped. It counts against {@code to}'s allowances.
     */
    public void hint(Recipient to, Supplier<CompletableFuture<?>> call) {
        List<Allowances.Claim> claims;
        synchronized (queue) {
            long now = queue.now();
            if (queue.held(to.key(), now) || queue.contended(now)
                    || queue.allowances.waitNanos(to, Urgency.REFUSAL, now) > 0) {
                return;
            }
            claims = queue.allowances.claim(to);
        }
        CompletableFuture<?> sent;
        try {
            sent = call.get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ignored, error) -> {
            synchronized (queue) {
                Allowances.answered(claims, queue.now());
            }
        });
    }

    /**
     * A call the platform counts against {@code allowanceKey} went out without the budget (a
     * platform library's own requests): it counts from now until the returned handle is run at
     * its answer, so the budget paces what follows around it.
     */
    public Runnable sentOutside(String allowanceKey) {
        synchronized (queue) {
            TrailingWindow window = queue.allowances.find(allowanceKey);
            if (window == null) {
                return () -> { };
            }
            TrailingWindow.Use use = window.take();
            return () -> {
                synchronized (queue) {
                    window.answered(use, queue.now());
                }
            };
        }
    }

    /** The platform said to wait, outside any call of ours (e.g. Discord's global limit seen by JDA). */
    public void hold(String allowanceKey, Duration retryAfter) {
        synchronized (queue) {
            TrailingWindow window = queue.allowances.find(allowanceKey);
            if (window == null) {
                return;
            }
            window.hold(queue.now() + retryAfter.toNanos());
        }
        log.warn("{} rate limit: holding {} for {} ms", platform, allowanceKey, retryAfter.toMillis());
        Metrics.counter("reelay.send.rate.limited", "platform", platform).increment();
        queue.markDirty();
        pump(null);
    }

    /**
     * {@code instances} of this bot share its shared allowance (Telegram's 30/s is per token, not
     * per process): this one keeps to its share. Per-chat allowances stay whole, as each chat has
     * one owner. Allowances of other keys are untouched.
     */
    public void share(int instances) {
        synchronized (queue) {
            queue.allowances.share(instances);
        }
        queue.markDirty();
        pump(null);
    }

    /** How the line stands: what people wait for that is queued, and progress's fair share. */
    public SendLine line() {
        return queue.line();
    }

    /** Calls waiting or in flight; for tests and metrics. */
    public int pending() {
        return queue.pending();
    }

    /** Recipients the budget keeps state for; for tests. */
    public int recipients() {
        return queue.recipients();
    }

    /** Calls not yet made fail with {@link DroppedSend}; calls in flight finish on their own. */
    @Override
    public void close() {
        queue.close().forEach(c -> c.result.completeExceptionally(new DroppedSend("the " + platform + " send budget closed")));
    }

    private CompletableFuture<Object> enqueue(Recipient to, Urgency urgency, String requestId, String editOf,
                                              Supplier<CompletableFuture<?>> call) {
        SendCall fresh = queue.add(to, urgency, requestId, editOf, call);
        if (fresh == null) {
            log.debug("{} dropped chat={} request={} class={}", platform, to.key(), requestId, urgency);
            return CompletableFuture.failedFuture(new DroppedSend(urgency == Urgency.REFUSAL
                    ? "refusal dropped: the budget is contended or this person was refused within "
                    + limits.refusalSpacing().toSeconds() + " s"
                    : "the " + platform + " send budget is closed"));
        }
        pump(fresh);
        return fresh.result;
    }

    /** Runs passes until no thread asks for more; calls that complete at once just ask again. */
    private void pump(SendCall fresh) {
        if (pumpDemand.getAndIncrement() != 0) {
            return; // the running pump passes again, over everything
        }
        SendCall only = fresh;
        do {
            List<SendCall> starts = new ArrayList<>();
            List<SendCall> dropped = new ArrayList<>();
            queue.pass(only, starts, dropped);
            only = null;
            dropped.forEach(c -> c.result.completeExceptionally(new DroppedSend("refusal dropped: the budget is contended")));
            starts.forEach(this::start);
        } while (pumpDemand.decrementAndGet() != 0);
    }

    private void start(SendCall c) {
        CompletableFuture<?> call;
        try {
            call = c.call.get();
        } catch (RuntimeException ex) {
            call = CompletableFuture.failedFuture(ex);
        }
        call.whenComplete((value, error) -> finished(c, value, error));
    }

    private void finished(SendCall c, Object value, Throwable error) {
        boolean done = queue.answered(c, error == null ? null : setbacks.apply(error));
        if (done && error == null) {
            c.result.complete(value);
        } else if (done) {
            log.debug("{} send failed chat={} request={} class={} error={}", platform, c.lane.key, c.requestId,
                    c.urgency, error.getClass().getSimpleName());
            c.result.completeExceptionally(error);
        }
        pump(null);
    }

    static int rank(Urgency u) {
        return SERVICE_ORDER.indexOf(u);
    }
}
