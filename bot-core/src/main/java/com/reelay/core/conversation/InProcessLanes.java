package com.reelay.core.conversation;

import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.store.ReelayStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lanes of one process: a map of {@link ChatLane}s (touched only inside its atomic compute
 * calls), a bound on requests running at once ({@link RequestSlots}), and the store that keeps
 * waiting requests across a restart.
 */
final class InProcessLanes implements LaneScheduler {

    private static final Logger log = LoggerFactory.getLogger(InProcessLanes.class);

    private final Map<String, ChatLane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final RequestSlots slots;
    private final ReelayStore store;
    private final EngineSettings settings;
    private final Clock clock;
    private final Replies replies;
    private final Workers workers;
    private final Turns turns;
    private final WaitingLine line;
    private volatile boolean draining;

    InProcessLanes(ReelayStore store, EngineSettings settings, Clock clock, Replies replies, Workers workers, Turns turns,
                   WaitingLine line) {
        this.line = line;
        this.slots = new RequestSlots(settings.maxConcurrentRequests());
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.replies = replies;
        this.workers = workers;
        this.turns = turns;
    }

    @Override
    public void enter(ChatOutput out, LaneRequest request) {
        int[] place = new int[1];
        List<LaneRequest> ahead = new ArrayList<>();
        lanes.compute(request.chat().key(), (key, lane) -> {
            ChatLane l = lane == null ? new ChatLane() : lane;
            if (l.wouldQueue(settings.maxWaitingPerChat())) {
                // Stored inside the chat's atomic step: the running request cannot finish, nor
                // /cancel drop the line, between the row being written and the request waiting.
                persist(request);
            }
            place[0] = l.offer(request, settings.maxWaitingPerChat());
            if (place[0] > 0) {
                List<LaneRequest> all = l.waiting();
                ahead.addAll(all.subList(0, all.size() - 1));
            }
            return l;
        });
        if (place[0] == 0) {
            start(out, request);
            return;
        }
        if (place[0] == ChatLane.FULL) {
            log.info("request refused: line full chat={} request={}", request.chat(), request.requestId());
            Phrases phrases = replies.phrases(request);
            if (request.storedId() != 0) {
                forget(request);
                String text = phrases.lineFullAfterRestart();
                line.left(request).ifPresentOrElse(ack -> ack.finish(text, List.of()),
                        () -> replies.refuse(out, request.chat(), request.requestId(), text));
            } else {
                replies.refuse(out, request.chat(), request.requestId(), phrases.lineFull(settings.maxWaitingPerChat()));
            }
            return;
        }
        waiting.incrementAndGet();
        log.info("request queued chat={} request={} place={}", request.chat(), request.requestId(), place[0]);
        line.queued(out, request, ahead).thenAccept(posted -> posted.ifPresent(ack -> noteQueuedMessage(request, ack)));
    }

    /** Keeps the acknowledgement with the stored request, so it carries on there after a restart or a takeover. */
    private void noteQueuedMessage(LaneRequest request, MessageRef ack) {
        if (request.storedId() == 0) {
            return;
        }
        try {
            store.noteQueuedMessage(request.storedId(), ack.messageId());
        } catch (RuntimeException e) {
            log.warn("waiting request's acknowledgement not noted (a restart would post another) chat={} request={}: {}",
                    request.chat(), request.requestId(), e.toString());
        }
    }

    /** Keeps a waiting request across a restart; a store that fails only costs that (the request still waits). */
    private void persist(LaneRequest request) {
        if (request.storedId() != 0) {
            return;
        }
        try {
            request.storedAs(store.enqueue(QueuedKind.encode(request, clock.instant())));
        } catch (RuntimeException e) {
            log.warn("queued request not stored (a restart would lose it) chat={} request={}: {}",
                    request.chat(), request.requestId(), e.toString());
        }
    }

    /** Forgets the stored row of a request that starts or is dropped; false when the store failed. */
    private boolean forget(LaneRequest request) {
        if (request.storedId() == 0) {
            return true;
        }
        try {
            store.dequeue(request.storedId());
            return true;
        } catch (RuntimeException e) {
            log.error("queued request not removed from the store chat={} request={}: {}",
                    request.chat(), request.requestId(), e.toString());
            return false;
        }
    }

    /**
     * Notes the request the chat runs, so whoever runs the chat next after a crash (this process,
     * or another instance of a fleet) tells the person it was cut off. A store that fails only costs that.
     */
    private void markRunning(LaneRequest request) {
        try {
            store.markRunning(QueuedKind.encode(request, clock.instant()));
        } catch (RuntimeException e) {
            log.warn("running request not noted (a crash would leave it unexplained) chat={} request={}: {}",
                    request.chat(), request.requestId(), e.toString());
        }
    }

    /**
     * Notes where the running request shows itself, and the final reply it hands out: the next
     * owner after a crash repeats that reply in that message, or edits the cut-off notice into it
     * (an edit made twice reads once). A small write on the post's callback, as a delivered
     * render is marked: a worker could be busy for seconds under a burst, leaving the message unnoted.
     */
    private void followProgress(LaneRequest request, ProgressMessage announced) {
        if (announced == null) {
            return;
        }
        announced.message().thenAccept(posted -> posted.ifPresent(m -> noted("progress message",
                request, () -> store.noteRunningMessage(request.chat().key(), request.requestId(), m.messageId()))));
        announced.beforeFinish((text, buttons) -> noted("answer", request, () -> store.noteAnswer(
                request.chat().key(), request.requestId(), new NotedAnswer(text, buttons).encoded())));
    }

    private static void noted(String what, LaneRequest request, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            log.warn("running request's {} not noted (a crash would tell it as a new message) chat={} request={}: {}",
                    what, request.chat(), request.requestId(), e.toString());
        }
    }

    private void clearRunning(LaneRequest request) {
        try {
            store.clearRunning(request.chat().key(), request.requestId());
        } catch (RuntimeException e) {
            log.warn("finished request not cleared (a crash would call it cut off) chat={} request={}: {}",
                    request.chat(), request.requestId(), e.toString());
        }
    }

    private void start(ChatOutput out, LaneRequest request) {
        // Noted as it is taken, before it waits for a slot: once enter() returns, the request is
        // in the store as waiting or running, so a fleet's inbox can let go of it.
        markRunning(request);
        slots.run(() -> {
            // The person sees the request was taken before it queues for a worker: under a burst
            // the workers are busy creating sessions, and the first progress must not wait for them.
            ProgressMessage announced = turns.announce(out, request);
            followProgress(request, announced);
            workers.execute(() -> run(out, request, announced));
        });
    }

    private void run(ChatOutput out, LaneRequest request, ProgressMessage announced) {
        CompletableFuture<Void> work;
        try {
            if (!forget(request)) {
                // Running it would leave its row to be run again after a restart (credits spent twice).
                work = notStarted(out, request, announced);
            } else {
                work = turns.run(out, request, announced);
            }
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        work.whenComplete((ignored, error) -> {
            if (error != null) {
                log.error("request failed chat={} request={}", request.chat(), request.requestId(), error);
            }
            clearRunning(request);
            slots.release();
            finishTurn(out, request.chat());
        });
    }

    private CompletableFuture<Void> notStarted(ChatOutput out, LaneRequest request, ProgressMessage announced) {
        return replies.finish(out, request, announced, replies.phrases(request).notStartedStore(), List.of());
    }

    private void finishTurn(ChatOutput out, ChatRef chat) {
        LaneRequest[] next = new LaneRequest[1];
        List<LaneRequest> stillWaiting = new ArrayList<>();
        lanes.computeIfPresent(chat.key(), (key, lane) -> {
            next[0] = lane.next();
            stillWaiting.addAll(lane.waiting());
            return next[0] == null ? null : lane;
        });
        line.moved(chat, next[0], stillWaiting);
        if (next[0] != null) {
            waiting.decrementAndGet();
            if (!draining) {
                start(out, next[0]);
            }
        }
    }

    @Override
    public Cancelled cancelWaiting(ChatRef chat) {
        List<LaneRequest> dropped = new ArrayList<>();
        boolean[] running = new boolean[1];
        boolean[] stored = {true};
        lanes.compute(chat.key(), (key, lane) -> {
            if (lane != null) {
                dropped.addAll(lane.dropWaiting());
                running[0] = lane.isRunning();
            }
            // Inside the chat's atomic step, so a request entering right after keeps its row.
            try {
                store.dropQueued(chat.key());
            } catch (RuntimeException e) {
                stored[0] = false;
            }
            return lane;
        });
        waiting.addAndGet(-dropped.size());
        if (!stored[0]) {
            log.error("cancelled requests not removed from the store at once chat={}: trying one by one", chat);
            dropped.forEach(this::forget);
        }
        line.dropped(dropped);
        return new Cancelled(dropped.size(), running[0]);
    }

    @Override
    public int waiting() {
        return waiting.get();
    }

    @Override
    public int running() {
        return slots.inUse();
    }

    @Override
    public boolean drain(Duration grace) throws InterruptedException {
        draining = true;
        // Real time, not the engine's clock, so shutdown ends even under a test's fixed clock.
        long deadline = System.nanoTime() + grace.toNanos();
        while (slots.inUse() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return slots.inUse() == 0;
    }
}
