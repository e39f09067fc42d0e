package com.reelay.core.chat.send;

import com.reelay.core.chat.SendLine;
import com.reelay.core.chat.Urgency;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
 *   <li>Classes are served in {@link #SERVICE_ORDER}; within a class, the recipient whose call has
 *       waited longest goes first. A lower class only gets room no one in a higher class can use:
 *       a higher-class call held back by a shared allowance holds back every lower one.</li>
 *   <li>Each allowance is a {@link TrailingWindow} over the calls' possible arrival times, so the
 *       platform never counts more than it allows, jitter included. Progress and refusals fill
 *       only {@link SendLimits#elasticShare()} of it: a reply that becomes ready finds room.</li>
 *   <li>A recipient's calls go out one at a time, in order; its waiting edits of one message
 *       collapse into the newest, which takes the most urgent class of the two.</li>
 *   <li>Refusals are sent only when nothing else waits, and at most once per recipient per
 *       {@link SendLimits#refusalSpacing()}; otherwise they are dropped.</li>
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
    /** Beyond this many refused people within the spacing it is a flood: refusals stop until it thins. */
    static final int MAX_REMEMBERED_REFUSALS = 100_000;
    /** A recipient that asked for a progress edit this recently counts towards progress's fair share. */
    static final Duration PROGRESS_MEMORY = Duration.ofSeconds(30);

    private final String platform;
    private final SendLimits limits;
    private final Scheduler scheduler;
    private final Function<Throwable, Setback> setbacks;
    private final long marginNanos;
    /** Access order: the eldest are the least recently used, forgotten once clear. */
    private final LinkedHashMap<String, TrailingWindow> windows = new LinkedHashMap<>(64, 0.75f, true);
    private final LinkedHashMap<String, Lane> lanes = new LinkedHashMap<>(64, 0.75f, true);
    /** Per class, the first waiting call of each recipient, oldest first. */
    private final EnumMap<Urgency, TreeSet<Entry>> heads = new EnumMap<>(Urgency.class);
    private final int[] waiting = new int[Urgency.values().length];
    /** Insertion order is time order. */
    private final LinkedHashMap<String, Long> refused = new LinkedHashMap<>();
    private final LinkedHashMap<String, Long> showingProgress = new LinkedHashMap<>();
    private final AtomicInteger pumpDemand = new AtomicInteger();
    private long sequence;
    private int inFlight;
    /** Room may have freed (an answer, a hold ending, a wake) since the last full pass. */
    private boolean dirty = true;
    private long wakeAt = Long.MAX_VALUE;
    private Scheduler.Cancellable wake;
    private boolean closed;

    /**
     * @param platform for logs and metrics ({@code telegram}, {@code discord})
     * @param setbacks reads a failed call's error as the platform meant it
     */
    public SendBudget(String platform, SendLimits limits, Scheduler scheduler, Function<Throwable, Setback> setbacks) {
        this.platform = platform;
        this.limits = limits;
        this.scheduler = scheduler;
        this.setbacks = setbacks;
        this.marginNanos = limits.margin().toNanos();
        for (Urgency u : Urgency.values()) {
            heads.put(u, new TreeSet<>(Comparator.comparingLong((Entry e) -> e.seq)));
        }
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
        List<Claim> claims;
        synchronized (this) {
            long now = scheduler.nanoTime();
            Lane lane = lanes.get(to.key());
            if (closed || (lane != null && lane.heldUntil > now) || contended(now)
                    || waitNanos(to, Urgency.REFUSAL, now) > 0) {
                return;
            }
            claims = claim(to);
        }
        CompletableFuture<?> sent;
        try {
            sent = call.get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ignored, error) -> {
            synchronized (this) {
                answered(claims, scheduler.nanoTime());
            }
        });
    }

    /**
     * A call the platform counts against {@code allowanceKey} went out without the budget (a
     * platform library's own requests): it counts from now until the returned handle is run at
     * its answer, so the budget paces what follows around it.
     */
    public Runnable sentOutside(String allowanceKey) {
        TrailingWindow.Use use;
        TrailingWindow w;
        synchronized (this) {
            w = windows.get(allowanceKey);
            if (w == null && allowanceKey.equals(limits.shared().key())) {
                w = window(limits.shared());
            }
            if (w == null) {
                return () -> { };
            }
            use = w.take();
        }
        TrailingWindow window = w;
        return () -> {
            synchronized (this) {
                window.answered(use, scheduler.nanoTime());
            }
        };
    }

    /** The platform said to wait, outside any call of ours (e.g. Discord's global limit seen by JDA). */
    public void hold(String allowanceKey, Duration retryAfter) {
        synchronized (this) {
            TrailingWindow w = windows.get(allowanceKey);
            if (w == null && allowanceKey.equals(limits.shared().key())) {
                w = window(limits.shared());
            }
            if (w == null) {
                return;
            }
            w.hold(scheduler.nanoTime() + retryAfter.toNanos());
        }
        log.warn("{} rate limit: holding {} for {} ms", platform, allowanceKey, retryAfter.toMillis());
        Metrics.counter("reelay.send.rate.limited", "platform", platform).increment();
        pump();
    }

    /**
     * How the line stands: what people wait for that is queued, and how often one recipient can
     * get a progress edit: the time the waiting higher classes take, plus one turn among the
     * recipients showing progress in what the elastic share of the shared allowance leaves.
     */
    public synchronized SendLine line() {
        long now = scheduler.nanoTime();
        forgetOld(showingProgress, now - PROGRESS_MEMORY.toNanos());
        int ahead = waiting[Urgency.ACKNOWLEDGEMENT.ordinal()] + waiting[Urgency.ANSWER.ordinal()];
        Allowance shared = limits.shared();
        long span = shared.per().toNanos() + marginNanos;
        if (ahead == 0 && showingProgress.size() <= elastic(shared.calls())) {
            return new SendLine(0, Duration.ZERO);
        }
        double turns = ahead / (double) shared.calls() + (showingProgress.size() + 1) / (double) elastic(shared.calls());
        return new SendLine(ahead, Duration.ofNanos((long) (span * turns)));
    }

    /** Calls waiting or in flight; for tests and metrics. */
    public synchronized int pending() {
        int n = inFlight;
        for (int w : waiting) {
            n += w;
        }
        return n;
    }

    /** Recipients the budget keeps state for; for tests. */
    public synchronized int recipients() {
        return lanes.size();
    }

    /** Calls not yet made fail with {@link DroppedSend}; calls in flight finish on their own. */
    @Override
    public void close() {
        List<Entry> dropped = new ArrayList<>();
        synchronized (this) {
            closed = true;
            if (wake != null) {
                wake.cancel();
            }
            for (Lane lane : lanes.values()) {
                lane.queues.values().forEach(dropped::addAll);
            }
            lanes.clear();
            heads.values().forEach(TreeSet::clear);
            java.util.Arrays.fill(waiting, 0);
        }
        dropped.forEach(e -> e.result.completeExceptionally(new DroppedSend("the " + platform + " send budget closed")));
    }

    // ---- queueing ------------------------------------------------------------------------------

    private CompletableFuture<Object> enqueue(Recipient to, Urgency urgency, String requestId, String editOf,
                                              Supplier<CompletableFuture<?>> call) {
        Entry fresh;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new DroppedSend("the " + platform + " send budget is closed"));
            }
            long now = scheduler.nanoTime();
            if (urgency == Urgency.REFUSAL && !admitRefusal(to.key(), now)) {
                log.debug("{} refusal dropped chat={} request={}", platform, to.key(), requestId);
                return CompletableFuture.failedFuture(new DroppedSend("refusal dropped: the budget is contended"
                        + " or this person was refused within " + limits.refusalSpacing().toSeconds() + " s"));
            }
            Lane lane = lanes.computeIfAbsent(to.key(), Lane::new);
            if (urgency == Urgency.PROGRESS) {
                showingProgress.remove(to.key());
                showingProgress.put(to.key(), now);
            }
            Entry pending = editOf == null ? null : lane.pendingEdits.get(editOf);
            if (pending != null) {
                pending.call = call; // the newest text wins
                pending.recipient = to;
                if (rank(urgency) < rank(pending.urgency)) {
                    unqueue(pending);
                    pending.urgency = urgency;
                    pending.seq = sequence++;
                    queue(pending, false);
                }
                fresh = pending;
            } else {
                fresh = new Entry(lane, to, requestId, editOf, urgency, call, sequence++);
                queue(fresh, false);
            }
        }
        pump(fresh);
        return fresh.result;
    }

    private boolean admitRefusal(String key, long now) {
        forgetOld(refused, now - limits.refusalSpacing().toNanos());
        if (refused.containsKey(key) || refused.size() >= MAX_REMEMBERED_REFUSALS || contended(now)) {
            return false;
        }
        refused.put(key, now);
        return true;
    }

    /** Someone who waits for a message is held back, or the shared allowance has no elastic room. */
    private boolean contended(long now) {
        return waiting[Urgency.ACKNOWLEDGEMENT.ordinal()] + waiting[Urgency.ANSWER.ordinal()]
                + waiting[Urgency.PROGRESS.ordinal()] > 0
                || window(limits.shared()).waitNanos(now, elastic(limits.shared().calls())) > 0;
    }

    /** Adds {@code e} to its recipient's queue of its class: at the back, or at the front for a retry. */
    private void queue(Entry e, boolean front) {
        ArrayDeque<Entry> q = e.lane.queue(e.urgency);
        Entry oldHead = q.peekFirst();
        if (front) {
            q.addFirst(e);
        } else {
            q.addLast(e);
        }
        if (q.peekFirst() != oldHead) {
            if (oldHead != null) {
                heads.get(e.urgency).remove(oldHead);
            }
            heads.get(e.urgency).add(e);
        }
        waiting[e.urgency.ordinal()]++;
        if (e.editOf != null) {
            e.lane.pendingEdits.put(e.editOf, e);
        }
    }

    private void unqueue(Entry e) {
        ArrayDeque<Entry> q = e.lane.queue(e.urgency);
        boolean head = q.peekFirst() == e;
        q.remove(e);
        if (head) {
            heads.get(e.urgency).remove(e);
            if (!q.isEmpty()) {
                heads.get(e.urgency).add(q.peekFirst());
            }
        }
        waiting[e.urgency.ordinal()]--;
        if (e.editOf != null) {
            e.lane.pendingEdits.remove(e.editOf, e);
        }
    }

    // ---- sending -------------------------------------------------------------------------------

    /**
     * Runs passes until no thread asks for more; calls that complete at once just ask again. The
     * first pass may look at {@code fresh} alone: when no allowance freed up, no hold ended and
     * no wake is due since the last full pass left nothing startable, the call just queued is the
     * only one that might go. That keeps a burst of thousands of new calls from rescanning every
     * queue for each.
     */
    private void pump(Entry fresh) {
        if (pumpDemand.getAndIncrement() != 0) {
            return;
        }
        Entry only = fresh;
        do {
            List<Entry> starts = new ArrayList<>();
            List<Entry> dropped = new ArrayList<>();
            synchronized (this) {
                if (!closed) {
                    long now = scheduler.nanoTime();
                    if (only != null && !dirty && now < wakeAt) {
                        consider(only, now, starts, dropped, true);
                    } else {
                        fullPass(now, starts, dropped);
                    }
                }
            }
            only = null;
            dropped.forEach(e -> e.result.completeExceptionally(new DroppedSend("refusal dropped: the budget is contended")));
            starts.forEach(this::start);
        } while (pumpDemand.decrementAndGet() != 0);
    }

    private void pump() {
        synchronized (this) {
            dirty = true;
        }
        pump(null);
    }

    private void fullPass(long now, List<Entry> starts, List<Entry> dropped) {
        dirty = false;
        forgetQuiet(now);
        long nextWake = Long.MAX_VALUE;
        for (Urgency u : SERVICE_ORDER) {
            List<Entry> taken = new ArrayList<>();
            for (Entry e : heads.get(u)) {
                if (inFlight >= limits.maxInFlight()) {
                    break; // an answer will ask again
                }
                long wake = consider(e, now, starts, dropped, false);
                if (wake == TAKEN) {
                    taken.add(e);
                } else {
                    nextWake = Math.min(nextWake, wake);
                }
            }
            for (Entry e : taken) {
                heads.get(u).remove(e);
                Entry next = e.lane.queue(u).peekFirst();
                if (next != null) {
                    heads.get(u).add(next);
                }
            }
        }
        scheduleWake(now, nextWake); // an earlier wake stays: it only costs a pass
    }

    /** {@link #consider}'s answer when the call was started or dropped. */
    private static final long TAKEN = Long.MIN_VALUE;

    /**
     * Starts {@code e} (the first waiting call of its recipient's class) if its recipient and its
     * allowances allow, drops it if it is a refusal that cannot go now; else returns when it might
     * go ({@link Long#MAX_VALUE}: when an answer comes). {@code alone}: {@code e} is looked at outside
     * a full pass, so it must also be first in its recipient's class and any wake it needs is set here.
     */
    private long consider(Entry e, long now, List<Entry> starts, List<Entry> dropped, boolean alone) {
        Urgency u = e.urgency;
        Lane lane = e.lane;
        if (alone && lane.queue(u).peekFirst() != e) {
            return Long.MAX_VALUE;
        }
        if (lane.inFlight != null || inFlight >= limits.maxInFlight()) {
            return Long.MAX_VALUE; // an answer will ask again
        }
        if (lane.heldUntil > now) {
            return wakeAt(lane.heldUntil, alone, now);
        }
        long wait = waitNanos(e.recipient, u, now);
        if (wait > 0 && u != Urgency.REFUSAL) {
            return wait == Long.MAX_VALUE ? wait : wakeAt(now + wait, alone, now);
        }
        lane.queue(u).pollFirst();
        waiting[u.ordinal()]--;
        if (e.editOf != null) {
            lane.pendingEdits.remove(e.editOf, e);
        }
        if (alone) {
            heads.get(u).remove(e);
            Entry next = lane.queue(u).peekFirst();
            if (next != null) {
                heads.get(u).add(next);
            }
        }
        if (wait > 0) {
            dropped.add(e); // a refusal never waits
            return TAKEN;
        }
        e.claims = claim(e.recipient);
        lane.inFlight = e;
        inFlight++;
        starts.add(e);
        return TAKEN;
    }

    private long wakeAt(long at, boolean alone, long now) {
        if (alone) {
            scheduleWake(now, at);
        }
        return at;
    }

    private void start(Entry e) {
        CompletableFuture<?> call;
        try {
            call = e.call.get();
        } catch (RuntimeException ex) {
            call = CompletableFuture.failedFuture(ex);
        }
        call.whenComplete((value, error) -> finished(e, value, error));
    }

    private void finished(Entry e, Object value, Throwable error) {
        Setback setback = error == null ? null : setbacks.apply(error);
        boolean done;
        synchronized (this) {
            long now = scheduler.nanoTime();
            answered(e.claims, now);
            e.claims = List.of();
            e.lane.inFlight = null;
            inFlight--;
            done = error == null || !retry(e, setback, now);
            if (e.lane.isIdle(now) && e.lane.isEmpty()) {
                lanes.remove(e.lane.key, e.lane);
            }
        }
        if (done && error == null) {
            e.result.complete(value);
        } else if (done) {
            if (!closed) {
                log.warn("{} send failed chat={} request={} class={} error={}", platform, e.lane.key, e.requestId,
                        e.urgency, error.getClass().getSimpleName());
            }
            e.result.completeExceptionally(error);
        }
        pump();
    }

    /** Puts {@code e} back at the front of its recipient's class if {@code setback} is worth another try. */
    private boolean retry(Entry e, Setback setback, long now) {
        if (closed) {
            return false;
        }
        if (setback instanceof Setback.RateLimited r && ++e.rateLimited <= MAX_RATE_LIMITED) {
            long until = now + r.retryAfter().toNanos();
            String held = r.allowance().orElse(e.lane.key);
            if (r.allowance().isPresent()) {
                e.recipient.allowances().stream().filter(a -> a.key().equals(held)).findFirst()
                        .map(this::window).orElseGet(() -> window(limits.shared())).hold(until);
            } else {
                e.lane.heldUntil = Math.max(e.lane.heldUntil, until);
            }
            Metrics.counter("reelay.send.rate.limited", "platform", platform).increment();
            log.warn("{} rate limit chat={} request={}: holding {} for {} ms", platform, e.lane.key, e.requestId, held,
                    r.retryAfter().toMillis());
        } else if (setback instanceof Setback.Transient && ++e.attempts < MAX_ATTEMPTS) {
            e.lane.heldUntil = now + RETRY_DELAY.multipliedBy(e.attempts).toNanos();
            log.info("{} send failed chat={} request={}, trying again", platform, e.lane.key, e.requestId);
        } else {
            return false;
        }
        // A newer edit of the same message may have queued meanwhile: the newest wins.
        Entry newer = e.editOf == null ? null : e.lane.pendingEdits.get(e.editOf);
        if (newer != null) {
            newer.result.whenComplete((v, ex) -> {
                if (ex == null) {
                    e.result.complete(v);
                } else {
                    e.result.completeExceptionally(ex);
                }
            });
            // It takes the retried call's place: the same message has waited that long.
            unqueue(newer);
            newer.urgency = rank(e.urgency) < rank(newer.urgency) ? e.urgency : newer.urgency;
            newer.seq = e.seq;
            queue(newer, true);
        } else {
            queue(e, true);
        }
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
            }
            pump();
        });
    }

    /** A full pass sets the next wake afresh. */
    private void cancelWake() {
        if (wake != null) {
            wake.cancel();
            wake = null;
        }
        wakeAt = Long.MAX_VALUE;
    }

    // ---- allowances ----------------------------------------------------------------------------

    private record Claim(TrailingWindow window, TrailingWindow.Use use) {
    }

    /** How long until a call of class {@code u} to {@code to} fits every allowance it counts against. */
    private long waitNanos(Recipient to, Urgency u, long now) {
        long wait = 0;
        for (Allowance a : to.allowances()) {
            wait = Math.max(wait, window(a).waitNanos(now, cap(a, u)));
        }
        return wait;
    }

    private List<Claim> claim(Recipient to) {
        List<Claim> claims = new ArrayList<>(to.allowances().size());
        for (Allowance a : to.allowances()) {
            TrailingWindow w = window(a);
            claims.add(new Claim(w, w.take()));
        }
        return claims;
    }

    private static void answered(List<Claim> claims, long now) {
        for (Claim c : claims) {
            c.window().answered(c.use(), now);
        }
    }

    private TrailingWindow window(Allowance a) {
        return windows.computeIfAbsent(a.key(), k -> new TrailingWindow(a, marginNanos));
    }

    /** What people wait for may fill an allowance; progress and refusals only its elastic share. */
    private int cap(Allowance a, Urgency u) {
        return rank(u) <= rank(Urgency.ANSWER) ? a.calls() : elastic(a.calls());
    }

    private int elastic(int calls) {
        return Math.max(1, (int) Math.floor(calls * limits.elasticShare()));
    }

    private static int rank(Urgency u) {
        return SERVICE_ORDER.indexOf(u);
    }

    // ---- forgetting ----------------------------------------------------------------------------

    private void forgetQuiet(long now) {
        for (Iterator<TrailingWindow> it = windows.values().iterator(); it.hasNext(); ) {
            if (!it.next().isClear(now)) {
                break;
            }
            it.remove();
        }
        for (Iterator<Lane> it = lanes.values().iterator(); it.hasNext(); ) {
            Lane lane = it.next();
            if (!lane.isIdle(now) || !lane.isEmpty()) {
                break;
            }
            it.remove();
        }
    }

    private static void forgetOld(LinkedHashMap<String, Long> times, long before) {
        for (Iterator<Long> it = times.values().iterator(); it.hasNext(); ) {
            if (it.next() > before) {
                break;
            }
            it.remove();
        }
    }

    // ---- state ---------------------------------------------------------------------------------

    private static final class Entry {
        final Lane lane;
        final String requestId;
        final String editOf;
        final CompletableFuture<Object> result = new CompletableFuture<>();
        /** Its allowances: one recipient's calls may take routes a platform counts differently. */
        Recipient recipient;
        Supplier<CompletableFuture<?>> call;
        Urgency urgency;
        long seq;
        List<Claim> claims = List.of();
        int attempts;
        int rateLimited;

        Entry(Lane lane, Recipient recipient, String requestId, String editOf, Urgency urgency,
              Supplier<CompletableFuture<?>> call, long seq) {
            this.lane = lane;
            this.recipient = recipient;
            this.requestId = requestId == null ? "" : requestId;
            this.editOf = editOf;
            this.urgency = urgency;
            this.call = call;
            this.seq = seq;
        }
    }

    /** One recipient: its waiting calls per class, its call in flight, and a hold it was given. */
    private static final class Lane {
        final String key;
        final EnumMap<Urgency, ArrayDeque<Entry>> queues = new EnumMap<>(Urgency.class);
        final Map<String, Entry> pendingEdits = new HashMap<>(4);
        Entry inFlight;
        long heldUntil = Long.MIN_VALUE;

        Lane(String key) {
            this.key = key;
        }

        ArrayDeque<Entry> queue(Urgency u) {
            return queues.computeIfAbsent(u, k -> new ArrayDeque<>(2));
        }

        boolean isEmpty() {
            for (ArrayDeque<Entry> q : queues.values()) {
                if (!q.isEmpty()) {
                    return false;
                }
            }
            return true;
        }

        /** No call in flight and no hold: only its queue may still keep it. */
        boolean isIdle(long now) {
            return inFlight == null && heldUntil <= now;
        }
    }
}
