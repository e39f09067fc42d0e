package com.reelay.core.conversation;

import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.store.QueuedRequest;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.RenderJob;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up what a previous run left: unfinished exports (each link posted once) and requests
 * that were waiting in line. Files cannot wait across a restart, so their senders are asked again.
 */
final class Recovery {

    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private final ReelayStore store;
    private final ChatSessions sessions;
    private final RenderJobs renders;
    private final Replies replies;
    private final LaneScheduler lanes;

    Recovery(ReelayStore store, ChatSessions sessions, RenderJobs renders, Replies replies, LaneScheduler lanes) {
        this.store = store;
        this.sessions = sessions;
        this.renders = renders;
        this.replies = replies;
        this.lanes = lanes;
    }

    /** {@code outputs} gives the running platform's output for a platform name, or null. */
    void resume(Function<String, ChatOutput> outputs) {
        for (RenderJob job : store.unfinishedRenderJobs()) {
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
        for (QueuedRequest q : store.queued()) {
            ChatRef chat = ChatRef.fromKey(q.chatKey());
            ChatOutput out = outputs.apply(chat.platform());
            if (out == null) {
                continue;
            }
            ChatUser user = new ChatUser(q.userId(), q.userName(), q.languageTag());
            if (q.kind().equals(QueuedKind.FILES)) {
                store.dequeue(q.id());
                replies.say(out, chat, q.requestId(), Phrases.restartedBeforeUpload(q.payload()), List.of());
                continue;
            }
            log.info("queued request resumed chat={} request={}", chat, q.requestId());
            lanes.enter(out, new LaneRequest(chat, user, q.requestId(), QueuedKind.decode(q), q.id()));
        }
    }
}
