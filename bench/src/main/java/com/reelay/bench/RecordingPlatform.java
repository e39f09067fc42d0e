package com.reelay.bench;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Activity;
import com.reelay.core.chat.Capabilities;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.FinishedVideo;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.chat.Reply;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A platform with no rate limits that accepts every call at once, so what is measured is the
 * bot's own cost. Chats are numbered: chat id {@code c<n>} and request id {@code r<n>}; it records
 * in a preallocated array (so it adds nothing to the heap measured per stream) the
 * {@link System#nanoTime()} of each request's first message, and counts final replies that offer Export.
 */
final class RecordingPlatform implements ChatOutput {

    static final String NAME = "bench";

    private final AtomicLongArray firstSend;
    private final AtomicLong messageIds = new AtomicLong();
    final LongAdder sends = new LongAdder();
    final LongAdder edits = new LongAdder();
    /** Final replies that offer Export: a generation that finished and left an exportable timeline. */
    final LongAdder exportable = new LongAdder();
    private volatile Consumer<Reply> onEdit = r -> { };
    private volatile VideoListener onVideo = (chat, video, epochMillis) -> { };

    interface VideoListener {
        void posted(ChatRef chat, FinishedVideo video, long epochMillis);
    }

    RecordingPlatform(int chats) {
        firstSend = new AtomicLongArray(chats);
    }

    static ChatRef chat(int n) {
        return new ChatRef(NAME, "c" + n);
    }

    static String requestId(int n) {
        return "r" + n;
    }

    /** The number in {@code r<n>} or {@code c<n>}; -1 for any other id. */
    private static int index(String id) {
        if (id.length() < 2 || id.length() > 10) {
            return -1;
        }
        int n = 0;
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    void onEdit(Consumer<Reply> listener) {
        onEdit = listener;
    }

    void onVideo(VideoListener listener) {
        onVideo = listener;
    }

    /** nanoTime of request {@code n}'s first message, 0 if none yet. */
    long firstSendNanos(int n) {
        return firstSend.get(n);
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(4096, true, true, 0);
    }

    @Override
    public CompletableFuture<MessageRef> send(ChatRef chat, String requestId, Reply reply) {
        long now = System.nanoTime();
        sends.increment();
        int n = index(requestId);
        if (n >= 0 && n < firstSend.length()) {
            firstSend.compareAndSet(n, 0, now);
        }
        return CompletableFuture.completedFuture(new MessageRef(chat, Long.toString(messageIds.incrementAndGet())));
    }

    @Override
    public CompletableFuture<Void> edit(MessageRef message, Reply reply) {
        edits.increment();
        if (reply.actions().contains(Action.EXPORT)) {
            exportable.increment();
        }
        onEdit.accept(reply);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<MessageRef> sendVideo(ChatRef chat, String requestId, FinishedVideo video) {
        onVideo.posted(chat, video, System.currentTimeMillis());
        return CompletableFuture.completedFuture(new MessageRef(chat, Long.toString(messageIds.incrementAndGet())));
    }

    @Override
    public void showActivity(ChatRef chat, Activity activity) {
        // A hint only; nothing to record.
    }
}
