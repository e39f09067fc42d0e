package com.reelay.telegram;

import com.reelay.core.chat.support.Futures;
import com.reelay.core.chat.support.SecretMask;
import com.reelay.telegram.TelegramSettings.OutboxLimits;
import com.reelay.telegram.TelegramSettings.Rate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the bot inside Telegram's limits. Each chat has a queue that sends one call at a time,
 * in order, paced per chat (and per group) and overall; a 429 holds that chat for its
 * {@code retry_after} and then sends the same call again; pending edits of one message collapse
 * into the newest; "message is not modified" counts as delivered; network trouble and 5xx get
 * a few more tries. Chats take turns, so one busy chat cannot starve the others.
 */
final class Outbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    static final int MAX_ATTEMPTS = 3;
    /** Telegram may keep saying 429; after this many waits the message is given up. */
    static final int MAX_RATE_LIMITED = 10;
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final OutboxLimits limits;
    private final Scheduler scheduler;
    private final SecretMask mask;
    private final SendWindow global;
    /** Insertion order is turn order: a chat that just sent moves to the back. */
    private final LinkedHashMap<String, ChatQueue> chats = new LinkedHashMap<>();
    private final AtomicInteger pumpDemand = new AtomicInteger();
    private long wakeAt = Long.MAX_VALUE;
    private Scheduler.Cancellable wake;
    private boolean closed;

    Outbox(OutboxLimits limits, Scheduler scheduler, SecretMask mask) {
        this.limits = limits;
        this.scheduler = scheduler;
        this.mask = mask;
        this.global = new SendWindow(limits.global());
    }

    /** Sends a new message (or video) when the chat's turn and the limits allow. */
    <T> CompletableFuture<T> send(String chatId, Supplier<CompletableFuture<T>> call) {
        return enqueue(chatId, null, call);
    }

    /**
     * Edits message {@code messageId}; if an edit of that message is still waiting, this one
     * replaces it and both callers learn the outcome of the newest.
     */
    CompletableFuture<Void> edit(String chatId, int messageId, Supplier<CompletableFuture<?>> call) {
        return enqueue(chatId, messageId, () -> call.get().thenApply(ignored -> (Void) null));
    }

    /**
     * A chat action ("typing…") is a hint, not a message: it goes out at once unless Telegram told
     * this chat to wait or the bot is at its overall limit, and is dropped otherwise.
     */
    void chatAction(String chatId, Supplier<CompletableFuture<?>> call) {
        synchronized (this) {
            ChatQueue chat = chats.get(chatId);
            long now = scheduler.nanoTime();
            if (closed || (chat != null && chat.blockedUntil > now) || global.waitNanos(now) > 0) {
                return;
            }
        }
        call.get().whenComplete((ignored, error) -> {
            if (error != null) {
                log.debug("chat action not shown chat={}: {}", chatId, mask.describe(error));
            }
        });
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> enqueue(String chatId, Integer editOf, Supplier<CompletableFuture<T>> call) {
        CompletableFuture<Object> result;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the Telegram outbox is closed"));
            }
            ChatQueue chat = chats.computeIfAbsent(chatId, id -> new ChatQueue(windows(id)));
            Entry pending = editOf == null ? null : chat.pendingEdit(editOf);
            if (pending != null) {
                pending.call = (Supplier<CompletableFuture<?>>) (Supplier<?>) call;
                result = pending.result;
            } else {
                Entry entry = new Entry(editOf, (Supplier<CompletableFuture<?>>) (Supplier<?>) call);
                chat.entries.addLast(entry);
                result = entry.result;
            }
        }
        pump();
        return (CompletableFuture<T>) result;
    }

    /** Runs {@link #selectStarts()} until no thread asks for more; calls that complete at once just ask again. */
    private void pump() {
        if (pumpDemand.getAndIncrement() != 0) {
            return;
        }
        do {
            for (Start s : selectStarts()) {
                start(s);
            }
        } while (pumpDemand.decrementAndGet() != 0);
    }

    private record Start(String chatId, ChatQueue chat, Entry entry) {
    }

    private synchronized List<Start> selectStarts() {
        List<Start> starts = new ArrayList<>();
        if (closed) {
            return starts;
        }
        long now = scheduler.nanoTime();
        long nextWake = Long.MAX_VALUE;
        List<String> served = new ArrayList<>();
        for (Iterator<Map.Entry<String, ChatQueue>> it = chats.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, ChatQueue> e = it.next();
            ChatQueue chat = e.getValue();
            if (chat.inFlight != null) {
                continue;
            }
            if (chat.entries.isEmpty()) {
                if (chat.isIdle(now)) {
                    it.remove(); // no hold and no recent send: nothing to remember about this chat
                }
                continue;
            }
            if (chat.blockedUntil > now) {
                nextWake = Math.min(nextWake, chat.blockedUntil);
                continue;
            }
            long own = chat.waitNanos(now);
            if (own > 0) {
                nextWake = Math.min(nextWake, now + own);
                continue;
            }
            long all = global.waitNanos(now);
            if (all > 0) {
                nextWake = Math.min(nextWake, now + all);
                break; // nobody else may send either
            }
            chat.record(now);
            global.record(now);
            chat.inFlight = chat.entries.pollFirst();
            starts.add(new Start(e.getKey(), chat, chat.inFlight));
            served.add(e.getKey());
        }
        for (String id : served) {
            chats.put(id, chats.remove(id));
        }
        scheduleWake(now, nextWake);
        return starts;
    }

    private void scheduleWake(long now, long at) {
        if (at == Long.MAX_VALUE || (wake != null && wakeAt <= at)) {
            return;
        }
        if (wake != null) {
            wake.cancel();
        }
        wakeAt = at;
        wake = scheduler.schedule(Duration.ofNanos(Math.max(0, at - now)), () -> {
            synchronized (this) {
                wake = null;
                wakeAt = Long.MAX_VALUE;
            }
            pump();
        });
    }

    private void start(Start s) {
        CompletableFuture<?> call;
        try {
            call = s.entry.call.get();
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((value, error) -> finished(s, value, error));
    }

    private void finished(Start s, Object value, Throwable error) {
        Entry entry = s.entry;
        boolean done;
        Object outcome = value;
        Throwable failure = null;
        synchronized (this) {
            s.chat.inFlight = null;
            // One call per chat is in flight, so the chat's newest send is this one: count its
            // period from when Telegram answered, not from when we started it (a cold start's slow
            // first calls otherwise bring the next edit in under a second and earn a 429).
            long answered = scheduler.nanoTime();
            s.chat.windows.forEach(w -> w.restampNewest(answered));
            if (error == null) {
                done = true;
            } else {
                ApiFailure f = ApiFailure.of(error);
                done = !retry(s, f);
                if (done && f.kind() == ApiFailure.Kind.NOT_MODIFIED) {
                    outcome = null; // the message already shows this: that is what was asked
                } else if (done) {
                    failure = Futures.unwrap(error);
                    if (f.kind() != ApiFailure.Kind.VIDEO_TOO_LARGE) {
                        log.warn("telegram call failed chat={} code={}: {}", s.chatId, f.code(), mask.describe(failure));
                    }
                }
            }
        }
        if (done) {
            if (failure == null) {
                entry.result.complete(outcome);
            } else {
                entry.result.completeExceptionally(failure);
            }
        }
        pump();
    }

    /** Puts the entry back at the head of its chat's queue if {@code f} is worth another try. */
    private boolean retry(Start s, ApiFailure f) {
        Entry entry = s.entry;
        long now = scheduler.nanoTime();
        if (f.kind() == ApiFailure.Kind.RATE_LIMITED && ++entry.rateLimited <= MAX_RATE_LIMITED) {
            s.chat.blockedUntil = now + f.retryAfter().toNanos();
            log.info("telegram rate limit chat={}: holding it {} s", s.chatId, f.retryAfter().toSeconds());
        } else if (f.kind() == ApiFailure.Kind.TRANSIENT && ++entry.attempts < MAX_ATTEMPTS) {
            s.chat.blockedUntil = now + RETRY_DELAY.multipliedBy(entry.attempts).toNanos();
            log.info("telegram call failed chat={} ({}), trying again", s.chatId, f.description());
        } else {
            return false;
        }
        // A newer edit of the same message may have queued meanwhile: the newest wins.
        Entry newer = entry.editOf == null ? null : s.chat.pendingEdit(entry.editOf);
        if (newer != null) {
            newer.result.whenComplete((v, e) -> {
                if (e == null) {
                    entry.result.complete(v);
                } else {
                    entry.result.completeExceptionally(e);
                }
            });
        } else {
            s.chat.entries.addFirst(entry);
        }
        return true;
    }

    private List<SendWindow> windows(String chatId) {
        // Group and supergroup ids are negative; private chats are the user's (positive) id.
        List<Rate> rates = chatId.startsWith("-") ? List.of(limits.perChat(), limits.perGroup()) : List.of(limits.perChat());
        return rates.stream().map(SendWindow::new).toList();
    }

    /** Calls not yet made fail; calls in flight finish on their own. */
    @Override
    public void close() {
        List<Entry> dropped = new ArrayList<>();
        synchronized (this) {
            closed = true;
            if (wake != null) {
                wake.cancel();
            }
            chats.values().forEach(c -> dropped.addAll(c.entries));
            chats.clear();
        }
        dropped.forEach(e -> e.result.completeExceptionally(new IllegalStateException("the Telegram outbox closed")));
    }

    /** Calls waiting or in flight, across chats; for tests and metrics. */
    synchronized int pending() {
        int n = 0;
        for (ChatQueue c : chats.values()) {
            n += c.entries.size() + (c.inFlight == null ? 0 : 1);
        }
        return n;
    }

    /** Chats the outbox keeps state for; for tests. */
    synchronized int chats() {
        return chats.size();
    }

    private static final class Entry {
        final Integer editOf;
        final CompletableFuture<Object> result = new CompletableFuture<>();
        Supplier<CompletableFuture<?>> call;
        int attempts;
        int rateLimited;

        Entry(Integer editOf, Supplier<CompletableFuture<?>> call) {
            this.editOf = editOf;
            this.call = call;
        }
    }

    private static final class ChatQueue {
        final List<SendWindow> windows;
        final Deque<Entry> entries = new ArrayDeque<>();
        Entry inFlight;
        long blockedUntil = Long.MIN_VALUE;

        ChatQueue(List<SendWindow> windows) {
            this.windows = windows;
        }

        Entry pendingEdit(int messageId) {
            for (Entry e : entries) {
                if (e.editOf != null && e.editOf == messageId) {
                    return e;
                }
            }
            return null;
        }

        long waitNanos(long now) {
            long wait = 0;
            for (SendWindow w : windows) {
                wait = Math.max(wait, w.waitNanos(now));
            }
            return wait;
        }

        void record(long now) {
            windows.forEach(w -> w.record(now));
        }

        /** Nothing held and no send recent enough to limit the next: the state can go. */
        boolean isIdle(long now) {
            return blockedUntil <= now && windows.stream().allMatch(w -> w.isClear(now));
        }
    }
}
