package com.reelay.core.conversation;

import com.reelay.core.chat.Button;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.chat.Reply;
import com.reelay.core.chat.Undeliverable;
import com.reelay.core.chat.Urgency;
import com.reelay.core.chat.support.Futures;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one "still working" message of a request, edited in place. Its first post acknowledges the
 * request, its edits are progress, and the final reply that replaces it is the answer: each goes
 * to the platform's send budget as such ({@link Urgency}).
 *
 * <p>Updates are paced (at most one edit per interval per chat, see {@link EditPace}) and
 * coalesced (only the newest pending text is sent). While the platform's budget is contended
 * the interval stretches to the chat's fair share ({@link ChatOutput#sendLine()}) and updates
 * that only move the elapsed time are dropped; when it frees, the engine's interval applies
 * again. The final reply goes at once, never behind an edit still waiting (the platform
 * collapses that one into it); text beyond the platform's length follows in further messages.
 * Platforms that cannot edit get the final reply only.
 */
final class ProgressMessage {

    private static final Logger log = LoggerFactory.getLogger(ProgressMessage.class);
    /** The elapsed time {@link TimeWording#withElapsed} ends a stage with: " (40s)", " (1m 30s)". */
    private static final Pattern ELAPSED = Pattern.compile(" \\((?:\\d+m )?\\d+s\\)$");

    private final ChatOutput output;
    private final ChatRef chat;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final EditPace pace;
    private final String requestId;

    private CompletableFuture<Optional<MessageRef>> message;
    private String shown = "";
    private String pending;
    private ScheduledFuture<?> scheduled;
    private boolean awaitingPost;
    private boolean finished;
    private BiConsumer<String, List<Button>> beforeFinish = (text, buttons) -> { };

    private ProgressMessage(ChatOutput output, ChatRef chat, Clock clock, ScheduledExecutorService scheduler,
                            EditPace pace, String requestId) {
        this.output = output;
        this.chat = chat;
        this.clock = clock;
        this.scheduler = scheduler;
        this.pace = pace;
        this.requestId = requestId;
    }

    /** Posts {@code text} now as the progress message: the request's acknowledgement. */
    static ProgressMessage start(ChatOutput output, ChatRef chat, String text, Clock clock,
                                 ScheduledExecutorService scheduler, EditPace pace, String requestId) {
        ProgressMessage p = new ProgressMessage(output, chat, clock, scheduler, pace, requestId);
        synchronized (p) {
            p.shown = text;
            pace.posted(clock.instant());
            p.message = output.send(chat, requestId, Reply.text(text).as(Urgency.ACKNOWLEDGEMENT))
                    .thenApply(Optional::of)
                    .exceptionally(e -> {
                        log.warn("progress message not sent chat={} request={}: {}", chat, requestId, e.toString());
                        return Optional.empty();
                    });
        }
        return p;
    }

    /** Continues an existing message (after a restart); {@code messageId} may be empty. */
    static ProgressMessage resume(ChatOutput output, ChatRef chat, String messageId, Clock clock,
                                  ScheduledExecutorService scheduler, EditPace pace, String requestId) {
        ProgressMessage p = new ProgressMessage(output, chat, clock, scheduler, pace, requestId);
        synchronized (p) {
            p.message = CompletableFuture.completedFuture(
                    messageId.isBlank() ? Optional.empty() : Optional.of(new MessageRef(chat, messageId)));
        }
        return p;
    }

    /**
     * Runs {@code step} once with the final reply, just before it is handed to the platform (on the
     * thread that finishes): from then on it may be out, even if this process stops before it hears so.
     */
    synchronized void beforeFinish(BiConsumer<String, List<Button>> step) {
        beforeFinish = step;
    }

    /** The platform's id of the message once it is posted (empty if it could not be). */
    CompletableFuture<Optional<MessageRef>> message() {
        return message;
    }

    /** Shows {@code text} as soon as pacing allows; a newer update replaces one not yet sent. */
    synchronized void update(String text) {
        if (finished || text.equals(shown) || !output.capabilities().canEdit()) {
            return;
        }
        pending = text;
        if (scheduled != null || awaitingPost) {
            return; // the scheduled edit will pick up the newest text
        }
        flushOrWait();
    }

    private void flushOrWait() {
        if (!message.isDone()) {
            // Nothing to edit before the post is out; one callback then sends the newest text.
            awaitingPost = true;
            message.whenComplete((ref, e) -> afterPost());
            return;
        }
        Duration fairShare = output.sendLine().progressEvery();
        boolean contended = fairShare.compareTo(pace.interval()) > 0;
        if (contended && onlyElapsedMoved(shown, pending)) {
            pending = null; // the first thing to give up when the platform's budget is short
            return;
        }
        Duration wait = pace.take(clock.instant(), fairShare);
        if (wait.isZero()) {
            flush();
        } else {
            // Look again at the engine's interval at the latest: the budget may have freed by then.
            Duration recheck = wait.compareTo(pace.interval()) > 0 && !pace.interval().isZero() ? pace.interval() : wait;
            scheduled = scheduler.schedule(this::scheduledFlush, Math.max(1, recheck.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void afterPost() {
        awaitingPost = false;
        if (!finished && pending != null && scheduled == null) {
            flushOrWait();
        }
    }

    private synchronized void scheduledFlush() {
        scheduled = null;
        if (!finished && pending != null) {
            flushOrWait(); // another message of the chat may have taken the slot meanwhile
        }
    }

    /**
     * Hands the newest text to the platform. Under this object's lock, so an edit made here is
     * always handed over before the final reply, which the platform then lets replace it.
     */
    private void flush() {
        String text = pending;
        pending = null;
        Optional<MessageRef> ref = message.join();
        if (text == null || text.equals(shown) || ref.isEmpty()) {
            return;
        }
        shown = text;
        output.edit(ref.get(), Reply.text(text).as(Urgency.PROGRESS)).exceptionally(e -> {
            log.debug("progress edit failed chat={} request={}: {}", chat, requestId, e.toString());
            return null;
        });
    }

    /** True when {@code next} differs from {@code shown} only in the elapsed time it ends with. */
    static boolean onlyElapsedMoved(String shown, String next) {
        return !shown.equals(next)
                && ELAPSED.matcher(shown).replaceFirst("").equals(ELAPSED.matcher(next).replaceFirst(""));
    }

    /**
     * Replaces the progress with the final reply (split to the platform's length; buttons go
     * under the last part). Completes when every part was handed to the platform.
     */
    CompletableFuture<Void> finish(String text, List<Button> buttons) {
        CompletableFuture<?> done;
        synchronized (this) {
            if (finished) {
                return CompletableFuture.completedFuture(null);
            }
            finished = true; // no progress edit is handed over from here on
            pending = null;
            if (scheduled != null) {
                scheduled.cancel(false);
                scheduled = null;
            }
        }
        beforeFinish.accept(text, buttons); // outside the lock: it may write to the store
        synchronized (this) {
            List<Reply> parts = TextSplitter.replies(text, buttons, output.capabilities());
            done = message.thenCompose(ref -> {
                CompletableFuture<?> chain;
                int first;
                if (ref.isPresent() && output.capabilities().canEdit()) {
                    Reply firstPart = parts.get(0);
                    // The final reply is never lost: when the message is gone (deleted, too old to
                    // edit), it goes out as a new one. A chat that takes nothing more fails as is.
                    chain = output.edit(ref.get(), firstPart).exceptionallyCompose(error ->
                            Futures.unwrap(error) instanceof Undeliverable ? CompletableFuture.failedFuture(error)
                                    : output.send(chat, requestId, firstPart).thenApply(sent -> null));
                    first = 1;
                } else {
                    chain = CompletableFuture.completedFuture(null);
                    first = 0;
                }
                for (int i = first; i < parts.size(); i++) {
                    Reply part = parts.get(i);
                    chain = chain.thenCompose(ignored -> output.send(chat, requestId, part));
                }
                return chain;
            });
        }
        return done.handle((ignored, e) -> {
            if (e != null) {
                log.warn("reply not delivered chat={} request={}: {}", chat, requestId, e.toString());
            }
            return null;
        });
    }
}
