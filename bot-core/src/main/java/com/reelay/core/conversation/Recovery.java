package com.reelay.core.conversation;

import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.store.QueuedRequest;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.RenderJob;
import com.reelay.core.store.RunningRequest;
import com.reelay.core.store.WaitingRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up what a previous run left: unfinished exports (each link posted once) and requests
 * that were waiting in line or running. Files cannot wait across a restart, so their senders are asked again.
 */
final class Recovery {

    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private final ReelayStore store;
    private final ChatSessions sessions;
    private final RenderJobs renders;
    private final Replies replies;
    private final LaneScheduler lanes;
    private final WaitingLine line;

    Recovery(ReelayStore store, ChatSessions sessions, RenderJobs renders, Replies replies, LaneScheduler lanes,
             WaitingLine line) {
        this.line = line;
        this.store = store;
        this.sessions = sessions;
        this.renders = renders;
        this.replies = replies;
        this.lanes = lanes;
    }

    /** {@code outputs} gives the running platform's output for a platform name, or null. */
    void resume(Function<String, ChatOutput> outputs) {
        resume(outputs, chatKey -> true);
    }

    /**
     * Picks up only the chats {@code mine} accepts: a fleet instance resumes a chat when it takes
     * the chat over, and no other's. Returns the ids of the requests it found running or waiting.
     */
    Set<String> resume(Function<String, ChatOutput> outputs, Predicate<String> mine) {
        Set<String> taken = new HashSet<>();
        Set<String> rendering = new HashSet<>();
        for (RenderJob job : store.unfinishedRenderJobs()) {
            if (!mine.test(job.chatKey())) {
                continue;
            }
            rendering.add(job.chatKey() + " " + job.requestId());
            ChatRef chat = ChatRef.fromKey(job.chatKey());
            ChatOutput out = outputs.apply(chat.platform());
            if (out == null) {
                log.warn("render not resumed: platform not running chat={} render={}", chat, job.renderId());
                continue;
            }
            log.info("render resumed chat={} request={} render={}", chat, job.requestId(), job.renderId());
            ProgressMessage progress = replies.resumeProgress(out, chat, job.progressMessageId(), job.requestId());
            renders.watch(job, sessions.auth(chat), out, progress);
        }
        List<WaitingRequest> queued = store.queued().stream().filter(q -> mine.test(q.chatKey())).toList();
        Set<String> waiting = new HashSet<>();
        queued.forEach(q -> waiting.add(q.chatKey() + " " + q.requestId()));
        for (RunningRequest r : store.running()) {
            if (mine.test(r.chatKey())) {
                taken.add(r.requestId());
                String key = r.chatKey() + " " + r.requestId();
                // Still waiting too: it was leaving the line, not yet begun; the line resumes it.
                cutOff(outputs, r, rendering.contains(key) || waiting.contains(key));
            }
        }
        for (WaitingRequest w : queued) {
            QueuedRequest q = w.request();
            taken.add(q.requestId());
            ChatRef chat = ChatRef.fromKey(q.chatKey());
            ChatOutput out = outputs.apply(chat.platform());
            if (out == null) {
                continue;
            }
            ChatUser user = new ChatUser(q.userId(), q.userName(), q.languageTag());
            if (q.kind().equals(QueuedKind.FILES)) {
                store.dequeue(q.id());
                String text = replies.phrases(chat, user).restartedBeforeUpload(q.payload());
                if (w.ackMessageId().isBlank()) {
                    replies.say(out, chat, q.requestId(), text, List.of());
                } else {
                    replies.resumeProgress(out, chat, w.ackMessageId(), q.requestId()).finish(text, List.of());
                }
                continue;
            }
            log.info("queued request resumed chat={} request={}", chat, q.requestId());
            LaneRequest request = new LaneRequest(chat, user, q.requestId(), QueuedKind.decode(q), q.id());
            if (!w.ackMessageId().isBlank()) {
                line.carriedOver(out, request, w.ackMessageId());
            }
            lanes.enter(out, request);
        }
        return taken;
    }

    /**
     * A request that was running when its process stopped: its stream is gone, and sending the
     * prompt again could charge twice, so the person hears it was cut off and decides (Retry).
     * One that had handed out its answer gets that answer again instead (the platform may not
     * have taken it). An export whose render was started needs no word: the resumed render posts the link.
     */
    private void cutOff(Function<String, ChatOutput> outputs, RunningRequest running, boolean renderGoesOn) {
        QueuedRequest r = running.request();
        ChatRef chat = ChatRef.fromKey(r.chatKey());
        ChatOutput out = outputs.apply(chat.platform());
        if (out == null) {
            return;
        }
        if (renderGoesOn) {
            store.clearRunning(r.chatKey(), r.requestId());
            return;
        }
        ChatUser user = new ChatUser(r.userId(), r.userName(), r.languageTag());
        // Said in its progress message when it has one: an owner that dies right after saying it
        // leaves the note, and the next one's identical edit changes nothing the person sees.
        ProgressMessage shown = running.progressMessageId().isBlank() ? null
                : replies.resumeProgress(out, chat, running.progressMessageId(), r.requestId());
        Optional<NotedAnswer> answer = NotedAnswer.decode(running.answer());
        log.info("request cut off by a stop chat={} request={} kind={} says={} in={}", chat, r.requestId(), r.kind(),
                answer.isPresent() ? "its-answer-again" : "cut-off", shown == null ? "new-message" : "progress-message");
        CompletableFuture<Void> said;
        if (answer.isPresent()) {
            // Its answer was handed out, maybe not taken: the same answer again reads once.
            said = shown != null ? shown.finish(answer.get().text(), answer.get().buttons())
                    : replies.say(out, chat, r.requestId(), answer.get().text(), answer.get().buttons());
        } else if (r.kind().equals(QueuedKind.FILES)) {
            String text = replies.phrases(chat, user).restartedBeforeUpload(r.payload());
            said = shown != null ? shown.finish(text, List.of()) : replies.say(out, chat, r.requestId(), text, List.of());
        } else {
            said = replies.sayCutOff(out, new LaneRequest(chat, user, r.requestId(), QueuedKind.decode(r), 0), shown);
        }
        // Forgotten once said: if this process stops first, whoever runs the chat next says it.
        said.whenComplete((ignored, error) -> {
            try {
                store.clearRunning(r.chatKey(), r.requestId());
            } catch (RuntimeException e) {
                log.warn("cut-off request not cleared chat={} request={}: {}", chat, r.requestId(), e.toString());
            }
        });
    }
}
