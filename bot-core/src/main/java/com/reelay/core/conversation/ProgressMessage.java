package com.reelay.core.conversation;

import com.reelay.core.chat.support.Futures;
import com.reelay.core.chat.Action;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.chat.Reply;
import com.reelay.core.chat.Undeliverable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one "still working" message of a request, edited in place. Updates are paced (at most one
 * edit per interval per chat, see {@link EditPace}) and coalesced (only the newest pending text is sent), so the progress stays
 * live without flooding the platform. The final reply replaces it at once; text beyond the
 * platform's length follows in further messages. Platforms that cannot edit get the final reply
 * only.
 */
final class ProgressMessage {

    private static final Logger log = LoggerFactory.getLogger(ProgressMessage.class);

    private final ChatOutput output;
    private final ChatRef chat;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final EditPace pace;
    private final String requestId;

    private CompletableFuture<Optional<MessageRef>> message;
    /** Every platform call of this message runs after the previous one, so edits never overtake. */
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private String shown = "";
    private String pending;
    private ScheduledFuture<?> scheduled;
    private boolean finished;

    private ProgressMessage(ChatOutput output, ChatRef chat, Clock clock, ScheduledExecutorService scheduler,
                            EditPace pace, String requestId) {
        this.output = output;
        this.chat = chat;
        this.clock = clock;
        this.scheduler = scheduler;
        this.pace = pace;
        this.requestId = requestId;
    }

    /** Posts {@code text} now as the progress message. */
    static ProgressMessage start(ChatOutput output, ChatRef chat, String text, Clock clock,
                                 ScheduledExecutorService scheduler, EditPace pace, String requestId) {
        ProgressMessage p = new ProgressMessage(output, chat, clock, scheduler, pace, requestId);
        synchronized (p) {
            p.shown = text;
            pace.posted(clock.instant());
            p.message = output.send(chat, requestId, Reply.text(text))
                    .thenApply(Optional::of)
                    .exceptionally(e -> {
                        log.warn("progress message not sent chat={} request={}: {}", chat, requestId, e.toString());
                        return Optional.empty();
                    });
            p.tail = p.message;
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
            p.tail = p.message;
        }
        return p;
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
        if (scheduled != null) {
            return; // the scheduled edit will pick up the newest text
        }
        flushOrWait();
    }

    private void flushOrWait() {
        Duration wait = pace.take(clock.instant());
        if (wait.isZero()) {
            flush();
        } else {
            scheduled = scheduler.schedule(this::scheduledFlush, Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void scheduledFlush() {
        scheduled = null;
        if (!finished && pending != null) {
            flushOrWait(); // another message of the chat may have taken the slot meanwhile
        }
    }

    private void flush() {
        String text = pending;
        pending = null;
        if (text == null || text.equals(shown)) {
            return;
        }
        shown = text;
        tail = tail.thenCompose(ignored -> message).thenCompose(ref -> ref
                .map(r -> output.edit(r, Reply.text(text)).exceptionally(e -> {
                    log.debug("progress edit failed chat={} request={}: {}", chat, requestId, e.toString());
                    return null;
                }))
                .orElse(CompletableFuture.completedFuture(null)));
    }

    /**
     * Replaces the progress with the final reply (split to the platform's length; buttons go
     * under the last part). Completes when every part was handed to the platform.
     */
    CompletableFuture<Void> finish(String text, List<Action> buttons) {
        CompletableFuture<?> done;
        synchronized (this) {
            if (finished) {
                return CompletableFuture.completedFuture(null);
            }
            finished = true;
            pending = null;
            if (scheduled != null) {
                scheduled.cancel(false);
                scheduled = null;
            }
            List<Reply> parts = TextSplitter.replies(text, buttons, output.capabilities());
            done = tail.handle((ignored, e) -> null).thenCompose(ignored -> message).thenCompose(ref -> {
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
            tail = done;
        }
        return done.handle((ignored, e) -> {
            if (e != null) {
                log.warn("reply not delivered chat={} request={}: {}", chat, requestId, e.toString());
            }
            return null;
        });
    }
}
