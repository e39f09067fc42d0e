package com.reelay.core.testing;

import com.reelay.core.chat.Activity;
import com.reelay.core.chat.Capabilities;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.FinishedVideo;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.chat.Reply;
import com.reelay.core.chat.SendLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A platform that records everything the engine hands it: each message as the person would
 * see it now (after edits), every edit, every video. Waiting methods block on this object's
 * monitor until the condition holds; no polling sleeps.
 */
public final class RecordingChatOutput implements ChatOutput {

    /** One message as it stands, with its history of texts. */
    public static final class Message {
        public final MessageRef ref;
        public final List<Reply> versions = new ArrayList<>();
        public final boolean video;

        Message(MessageRef ref, Reply first, boolean video) {
            this.ref = ref;
            this.video = video;
            versions.add(first);
        }

        public Reply current() {
            return versions.get(versions.size() - 1);
        }

        public String text() {
            return current().text();
        }

        @Override
        public String toString() {
            return "#" + ref.messageId() + (video ? " [video] " : " ") + text() + " " + current().buttons();
        }
    }

    private final Capabilities capabilities;
    private final Map<String, Message> messages = new LinkedHashMap<>();
    private final List<FinishedVideo> videos = new ArrayList<>();
    private final List<Activity> activities = new ArrayList<>();
    private int edits;
    private long nextId = 100;
    private volatile SendLine line = SendLine.FREE;

    public RecordingChatOutput(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    /** Telegram-like: 4096 characters, edits, buttons. */
    public static RecordingChatOutput telegramLike() {
        return new RecordingChatOutput(new Capabilities(4096, true, true, 50L * 1024 * 1024));
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public synchronized CompletableFuture<MessageRef> send(ChatRef chat, String requestId, Reply reply) {
        return CompletableFuture.completedFuture(add(chat, reply, false));
    }

    private MessageRef add(ChatRef chat, Reply reply, boolean video) {
        if (reply.text().length() > capabilities.maxTextLength()) {
            throw new AssertionError("message over the platform limit: " + reply.text().length());
        }
        MessageRef ref = new MessageRef(chat, Long.toString(nextId++));
        messages.put(ref.messageId(), new Message(ref, reply, video));
        notifyAll();
        return ref;
    }

    @Override
    public synchronized CompletableFuture<Void> edit(MessageRef message, Reply reply) {
        Message m = messages.get(message.messageId());
        if (m == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no message " + message.messageId()));
        }
        if (reply.text().length() > capabilities.maxTextLength()) {
            throw new AssertionError("edit over the platform limit: " + reply.text().length());
        }
        m.versions.add(reply);
        edits++;
        notifyAll();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<MessageRef> sendVideo(ChatRef chat, String requestId, FinishedVideo video) {
        videos.add(video);
        return CompletableFuture.completedFuture(add(chat, video.caption(), true));
    }

    @Override
    public synchronized void showActivity(ChatRef chat, Activity activity) {
        activities.add(activity);
    }

    @Override
    public SendLine sendLine() {
        return line;
    }

    /** How the platform's send line stands from now on (free until set). */
    public void sendLine(SendLine now) {
        line = now;
    }

    public synchronized List<Message> messages(ChatRef chat) {
        return messages.values().stream().filter(m -> m.ref.chat().equals(chat)).collect(Collectors.toList());
    }

    public synchronized List<String> texts(ChatRef chat) {
        return messages(chat).stream().map(Message::text).collect(Collectors.toList());
    }

    public synchronized List<FinishedVideo> videos() {
        return List.copyOf(videos);
    }

    public synchronized int edits() {
        return edits;
    }

    public synchronized List<Activity> activities() {
        return List.copyOf(activities);
    }

    /** Waits until some message in {@code chat} currently reads as {@code test} accepts; returns it. */
    public Message awaitMessage(ChatRef chat, Predicate<String> test, Duration timeout) throws InterruptedException {
        return await(() -> messages(chat).stream().filter(m -> test.test(m.text())).findFirst().orElse(null), timeout,
                () -> "no matching message in " + chat + "; have: " + messages(chat));
    }

    /** Waits until {@code chat} has at least {@code count} messages. */
    public List<Message> awaitCount(ChatRef chat, int count, Duration timeout) throws InterruptedException {
        return await(() -> messages(chat).size() >= count ? messages(chat) : null, timeout,
                () -> "expected " + count + " messages in " + chat + "; have: " + messages(chat));
    }

    private synchronized <T> T await(java.util.function.Supplier<T> probe, Duration timeout,
                                     java.util.function.Supplier<String> failure) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T found;
        while ((found = probe.get()) == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(failure.get());
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return found;
    }
}
