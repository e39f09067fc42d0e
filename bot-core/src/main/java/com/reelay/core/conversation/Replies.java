package com.reelay.core.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.reelay.core.chat.Action;
import com.reelay.core.chat.Button;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.chat.Reply;
import com.reelay.core.chat.Urgency;
import com.reelay.core.chat.send.DroppedSend;
import com.reelay.core.chat.support.Futures;
import com.reelay.core.nemo.Credits;
import com.reelay.core.nemo.NemoException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the engine speaks: plain messages (split to the platform's length), progress messages
 * paced per chat, and failures worded for people (the operator gets the code in the log), each
 * with a Retry button and, when the request had a balance to compare with, whether its credits
 * came back. Every text is in the chat's language ({@link ChatLanguages}).
 */
final class Replies {

    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    private final ChatSessions sessions;
    private final ChatLanguages languages;
    private final RetryBook retries;
    private final Balances balances;
    private final Clock clock;
    private final Workers workers;
    private final EngineMetrics metrics;
    private final Duration editInterval;
    private final BooleanSupplier closing;
    /** Idle chats' budgets expire: a chat that was quiet for minutes has its full budget anyway. */
    private final Cache<String, EditPace> paces = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();

    Replies(ChatSessions sessions, ChatLanguages languages, RetryBook retries, Balances balances, Clock clock,
            Workers workers, EngineMetrics metrics, Duration editInterval, BooleanSupplier closing) {
        this.sessions = sessions;
        this.languages = languages;
        this.retries = retries;
        this.balances = balances;
        this.clock = clock;
        this.workers = workers;
        this.metrics = metrics;
        this.editInterval = editInterval;
        this.closing = closing;
    }

    /** The chat's words for a request: the language chosen there, else the asker's. */
    Phrases phrases(LaneRequest r) {
        return languages.phrases(r.chat(), r.user());
    }

    Phrases phrases(ChatRef chat, com.reelay.core.chat.ChatUser user) {
        return languages.phrases(chat, user);
    }

    /** The chat's words when nobody in particular asked (a link posted after a restart). */
    Phrases phrases(ChatRef chat) {
        return languages.phrases(chat);
    }

    /** Sends text (split to the platform's limit; buttons under the last part). */
    CompletableFuture<Void> say(ChatOutput out, ChatRef chat, String requestId, String text, List<Button> buttons) {
        return say(out, chat, requestId, text, buttons, Urgency.ANSWER, false);
    }

    /**
     * A refusal: the lowest class of the send budget, and about the asker's own message, so a
     * platform that can shows it to them alone.
     */
    CompletableFuture<Void> refuse(ChatOutput out, ChatRef chat, String requestId, String text) {
        return say(out, chat, requestId, text, List.of(), Urgency.REFUSAL, true);
    }

    /** An answer about the asker's own message (a file the platform can't hand over): theirs alone where possible. */
    CompletableFuture<Void> answerAsker(ChatOutput out, ChatRef chat, String requestId, String text) {
        return say(out, chat, requestId, text, List.of(), Urgency.ANSWER, true);
    }

    /** The first answer to a request that has to wait (its place in line); the message, to edit as the line moves. */
    CompletableFuture<Optional<MessageRef>> acknowledgeWaiting(ChatOutput out, LaneRequest r, String text) {
        return out.send(r.chat(), r.requestId(), new Reply(text, List.of(), Urgency.ACKNOWLEDGEMENT))
                .thenApply(Optional::of)
                .exceptionally(e -> {
                    log.warn("acknowledgement not delivered chat={} request={}: {}", r.chat(), r.requestId(), e.toString());
                    return Optional.empty();
                });
    }

    private CompletableFuture<Void> say(ChatOutput out, ChatRef chat, String requestId, String text,
                                        List<Button> buttons, Urgency urgency, boolean toAsker) {
        CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
        for (Reply reply : TextSplitter.replies(text, buttons, out.capabilities())) {
            Reply sent = toAsker ? reply.as(urgency).toAsker() : reply.as(urgency);
            chain = chain.thenCompose(ignored -> out.send(chat, requestId, sent));
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

    /** Replaces the progress with what went wrong, and a Retry button. */
    void fail(LaneRequest r, ProgressMessage progress, Throwable error) {
        fail(r, progress, error, Optional.empty());
    }

    /**
     * Replaces the progress with what went wrong; with the balance from before the request, the
     * balance is read again (on a worker) to tell whether the credits came back.
     */
    void fail(LaneRequest r, ProgressMessage progress, Throwable error, Optional<Credits> before) {
        Throwable cause = Futures.unwrap(error);
        Phrases phrases = phrases(r);
        if (closing.getAsBoolean()) {
            log.info("request interrupted by shutdown chat={} request={}", r.chat(), r.requestId());
            progress.finish(phrases.interrupted(), List.of());
            return;
        }
        String text;
        List<Button> buttons = new ArrayList<>();
        if (cause instanceof PromptStream.Stopped) {
            log.info("request stopped by the person chat={} request={}", r.chat(), r.requestId());
            text = phrases.stopped();
        } else {
            logFailure(r.chat(), r.requestId(), cause);
            text = phrases.failure(cause, sessions.auth(r.chat()).isAnonymous(), r.oneToOne());
            retryButton(r, phrases).ifPresent(buttons::add);
        }
        if (before.isEmpty()) {
            progress.finish(text, buttons);
            return;
        }
        workers.blocking(() -> balances.read(r.chat(), r.requestId(), sessions.auth(r.chat())))
                .handle((after, e) -> e == null ? after : Optional.<Credits>empty())
                .thenCompose(after -> progress.finish(
                        after.map(a -> join(text, balances.refund(phrases.book(), before.get(), a))).orElse(text), buttons));
    }

    void sayFailure(ChatOutput out, LaneRequest r, Throwable error) {
        Throwable cause = Futures.unwrap(error);
        logFailure(r.chat(), r.requestId(), cause);
        Phrases phrases = phrases(r);
        say(out, r.chat(), r.requestId(), phrases.failure(cause, sessions.auth(r.chat()).isAnonymous(), r.oneToOne()),
                retryButton(r, phrases).map(List::of).orElse(List.of()));
    }

    /** A turn's answer: in the message that announced it (progress or the waiting acknowledgement), else a new one. */
    CompletableFuture<Void> finish(ChatOutput out, LaneRequest r, ProgressMessage announced, String text,
                                   List<Button> buttons) {
        return announced != null ? announced.finish(text, buttons) : say(out, r.chat(), r.requestId(), text, buttons);
    }

    /**
     * A request whose process stopped mid-way: said so, with Retry (the person knows whether it is
     * worth credits). In {@code shown}, its progress message, when given; else as a new message.
     */
    CompletableFuture<Void> sayCutOff(ChatOutput out, LaneRequest r, ProgressMessage shown) {
        Phrases phrases = phrases(r);
        List<Button> retry = retryButton(r, phrases).map(List::of).orElse(List.of());
        if (shown != null) {
            return shown.finish(phrases.cutOff(r.intent()), retry);
        }
        // An acknowledgement's class: it answers the oldest request, so it goes before the
        // acknowledgements of what the person sent since, as they expect to read it.
        return say(out, r.chat(), r.requestId(), phrases.cutOff(r.intent()), retry, Urgency.ACKNOWLEDGEMENT, false);
    }

    /** Retry sends the same request again: remembered here, named by its id in the button. */
    private Optional<Button> retryButton(LaneRequest r, Phrases phrases) {
        if (!Action.isPayload(r.requestId())) {
            return Optional.empty();
        }
        return Optional.of(phrases.button(new Action.Retry(retries.remember(r))));
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
