package com.reelay.core.conversation;

import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.MessageRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a person sees while a request waits for its chat's turn: how many requests are ahead and
 * roughly how long, from recent run times of each kind of request. The acknowledgement is edited
 * as the line moves (paced like every progress edit) and becomes the request's progress message
 * when its turn comes.
 */
final class WaitingLine {

    /** Run times remembered per kind of request; the estimate uses their median. */
    private static final int REMEMBERED_RUNS = 20;

    private record Running(String kind, Instant since) {
    }

    private final Replies replies;
    private final Clock clock;
    private final Map<String, ArrayDeque<Duration>> runTimes = new ConcurrentHashMap<>();
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    /** Each waiting request's acknowledgement, continued as a progress message once posted. */
    private final Map<String, CompletableFuture<Optional<ProgressMessage>>> acks = new ConcurrentHashMap<>();

    WaitingLine(Replies replies, Clock clock) {
        this.replies = replies;
        this.clock = clock;
    }

    /**
     * {@code request} joined its chat's line behind the running request and {@code ahead} (in
     * order). Returns the acknowledgement's message once posted, to keep with the waiting request;
     * empty when it could not be posted, or when the request carries one over ({@link #carriedOver}),
     * which then shows the new place.
     */
    CompletableFuture<Optional<MessageRef>> queued(ChatOutput out, LaneRequest request, List<LaneRequest> ahead) {
        String text = wording(request, ahead);
        CompletableFuture<Optional<ProgressMessage>> carried = acks.get(request.requestId());
        if (carried != null) {
            carried.thenAccept(p -> p.ifPresent(progress -> progress.update(text)));
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<MessageRef>> posted = replies.acknowledgeWaiting(out, request, text);
        acks.put(request.requestId(), posted.thenApply(ref -> ref.map(
                m -> replies.resumeProgress(out, request.chat(), m.messageId(), request.requestId()))));
        return posted;
    }

    /**
     * A request that waited before a restart or a takeover, acknowledged in {@code ackMessageId}:
     * it carries on in that message (its new place, then its progress and answer) instead of
     * leaving it behind and posting another.
     */
    void carriedOver(ChatOutput out, LaneRequest request, String ackMessageId) {
        acks.put(request.requestId(), CompletableFuture.completedFuture(Optional.of(
                replies.resumeProgress(out, request.chat(), ackMessageId, request.requestId()))));
    }

    /** {@code request} leaves the line without running (refused): its acknowledgement, if already posted, for the reason. */
    Optional<ProgressMessage> left(LaneRequest request) {
        CompletableFuture<Optional<ProgressMessage>> ack = acks.remove(request.requestId());
        return ack == null ? Optional.empty() : ack.getNow(Optional.empty());
    }

    /** The line moved: {@code next} (may be null) runs now, and each request still waiting gets its new place. */
    void moved(ChatRef chat, LaneRequest next, List<LaneRequest> waiting) {
        if (next != null) {
            running.put(chat.key(), new Running(QueuedKind.kindOf(next.intent()), clock.instant()));
        }
        for (int i = 0; i < waiting.size(); i++) {
            LaneRequest r = waiting.get(i);
            String text = wording(r, waiting.subList(0, i));
            CompletableFuture<Optional<ProgressMessage>> ack = acks.get(r.requestId());
            if (ack != null) {
                ack.thenAccept(p -> p.ifPresent(progress -> progress.update(text)));
            }
        }
    }

    /** The request's turn came: its acknowledgement, if already posted, carries on as its progress. */
    Optional<ProgressMessage> started(LaneRequest request) {
        running.put(request.chat().key(), new Running(QueuedKind.kindOf(request.intent()), clock.instant()));
        CompletableFuture<Optional<ProgressMessage>> ack = acks.remove(request.requestId());
        return ack == null ? Optional.empty() : ack.getNow(Optional.empty());
    }

    void finished(LaneRequest request) {
        Running run = running.remove(request.chat().key());
        if (run == null) {
            return;
        }
        ArrayDeque<Duration> times = runTimes.computeIfAbsent(run.kind(), k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(Duration.between(run.since(), clock.instant()));
            if (times.size() > REMEMBERED_RUNS) {
                times.removeFirst();
            }
        }
    }

    /** Requests dropped from the line (/cancel) say so where they waited. */
    void dropped(List<LaneRequest> requests) {
        for (LaneRequest r : requests) {
            CompletableFuture<Optional<ProgressMessage>> ack = acks.remove(r.requestId());
            if (ack != null) {
                String text = replies.phrases(r).droppedFromLine();
                ack.thenAccept(p -> p.ifPresent(progress -> progress.finish(text, List.of())));
            }
        }
    }

    private String wording(LaneRequest request, List<LaneRequest> waitingAhead) {
        return replies.phrases(request).queued(waitingAhead.size() + 1, waitingAhead.size() + 1,
                estimate(request.chat(), waitingAhead));
    }

    /** What is left of the running request plus the typical run of each one ahead; empty without run times to go by. */
    Optional<Duration> estimate(ChatRef chat, List<LaneRequest> waitingAhead) {
        Running now = running.get(chat.key());
        if (now == null) {
            return Optional.empty();
        }
        Optional<Duration> current = typical(now.kind());
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Duration left = current.get().minus(Duration.between(now.since(), clock.instant()));
        Duration total = left.isNegative() ? Duration.ZERO : left;
        for (LaneRequest r : waitingAhead) {
            Optional<Duration> run = typical(QueuedKind.kindOf(r.intent()));
            if (run.isEmpty()) {
                return Optional.empty();
            }
            total = total.plus(run.get());
        }
        return Optional.of(total);
    }

    private Optional<Duration> typical(String kind) {
        ArrayDeque<Duration> times = runTimes.get(kind);
        if (times == null) {
            return Optional.empty();
        }
        List<Duration> sorted;
        synchronized (times) {
            sorted = new ArrayList<>(times);
        }
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        Collections.sort(sorted);
        return Optional.of(sorted.get(sorted.size() / 2));
    }
}
