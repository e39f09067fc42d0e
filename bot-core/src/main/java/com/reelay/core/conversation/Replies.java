package com.reelay.core.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.reelay.core.chat.Action;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.Reply;
import com.reelay.core.chat.Urgency;
import com.reelay.core.chat.send.DroppedSend;
import com.reelay.core.chat.support.Futures;
import com.reelay.core.nemo.NemoException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the engine speaks: plain messages (split to the platform's length), progress messages
 * paced per chat, and failures worded for people (the operator gets the code in the log).
 */
final class Replies {

    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    private final ChatSessions sessions;
    private final Clock clock;
    private final Workers workers;
    private final EngineMetrics metrics;
    private final Duration editInterval;
    private final BooleanSupplier closing;
    /** Idle chats' budgets expire: a chat that was quiet for minutes has its full budget anyway. */
    private final Cache<String, EditPace> paces = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();

    Replies(ChatSessions sessions, Clock clock, Workers workers, EngineMetrics metrics, Duration editInterval,
            BooleanSupplier closing) {
        this.sessions = sessions;
        this.clock = clock;
        this.workers = workers;
        this.metrics = metrics;
        this.editInterval = editInterval;
        this.closing = closing;
    }

    /** Sends text (split to the platform's limit; buttons under the last part). */
    CompletableFuture<Void> say(ChatOutput out, ChatRef chat, String requestId, String text, List<Action> buttons) {
        return say(out, chat, requestId, text, buttons, Urgency.ANSWER);
    }

    /** A refusal: the lowest class of the send budget. */
    CompletableFuture<Void> refuse(ChatOutput out, ChatRef chat, String requestId, String text) {
        return say(out, chat, requestId, text, List.of(), Urgency.REFUSAL);
    }

    /** The first answer to a request that has to wait (its place in line). */
    CompletableFuture<Void> acknowledge(ChatOutput out, ChatRef chat, String requestId, String text) {
        return say(out, chat, requestId, text, List.of(), Urgency.ACKNOWLEDGEMENT);
    }

    private CompletableFuture<Void> say(ChatOutput out, ChatRef chat, String requestId, String text,
                                        List<Action> buttons, Urgency urgency) {
        CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
        for (Reply reply : TextSplitter.replies(text, buttons, out.capabilities())) {
            chain = chain.thenCompose(ignored -> out.send(chat, requestId, reply.as(urgency)));
        }
        return chain.handle((ignored, e) -> {
            if (e != null && Futures.unwrap(e) instanceof DroppedSend) {
                // The budget dropped it on purpose (a refusal under contention): a flood of outsiders must not flood the log.
                log.debug("message dropped by the send budget chat={}", chat);
            } else if (e != null) {
                log.warn("message not delivered chat={}: {}", chat, e.toString());
            }
            return null;
        });
    }

    /** Posts the progress message of a request now. */
    ProgressMessage progress(ChatOutput out, LaneRequest r, String text) {
        ProgressMessage progress = ProgressMessage.start(out, r.chat(), text, clock, workers.pacer(), pace(r.chat()),
                r.requestId());
        metrics.firstProgress(r.chat().platform(), r.acceptedNanos());
        return progress;
    }

    /** Continues a progress message posted before a restart. */
    ProgressMessage resumeProgress(ChatOutput out, ChatRef chat, String messageId, String requestId) {
        return ProgressMessage.resume(out, chat, messageId, clock, workers.pacer(), pace(chat), requestId);
    }

    private EditPace pace(ChatRef chat) {
        return paces.get(chat.key(), key -> new EditPace(editInterval));
    }

    /** Replaces the progress with what went wrong. */
    void fail(LaneRequest r, ProgressMessage progress, Throwable error) {
        Throwable cause = Futures.unwrap(error);
        if (closing.getAsBoolean()) {
            log.info("request interrupted by shutdown chat={} request={}", r.chat(), r.requestId());
            progress.finish(Phrases.INTERRUPTED, List.of());
            return;
        }
        logFailure(r.chat(), r.requestId(), cause);
        progress.finish(Phrases.failure(cause, sessions.auth(r.chat()).isAnonymous(), r.oneToOne()), List.of());
    }

    void sayFailure(ChatOutput out, LaneRequest r, Throwable error) {
        Throwable cause = Futures.unwrap(error);
        logFailure(r.chat(), r.requestId(), cause);
        say(out, r.chat(), r.requestId(), Phrases.failure(cause, sessions.auth(r.chat()).isAnonymous(), r.oneToOne()), List.of());
    }

    private static void logFailure(ChatRef chat, String requestId, Throwable cause) {
        if (cause instanceof NemoException e) {
            log.warn("request failed chat={} request={} error={} code={}", chat, requestId,
                    e.getClass().getSimpleName(), e.code());
        } else {
            log.error("request failed chat={} request={}", chat, requestId, cause);
        }
    }

    /** Two parts of one message, a blank line apart; either may be empty. */
    static String join(String first, String second) {
        if (first == null || first.isBlank()) {
            return second;
        }
        return second == null || second.isBlank() ? first : first + "\n\n" + second;
    }

}
