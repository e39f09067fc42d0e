package com.reelay.core.conversation;

import com.reelay.core.chat.Activity;
import com.reelay.core.chat.Capabilities;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.FinishedVideo;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.chat.Reply;
import com.reelay.core.chat.SendLine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;

/** Counts what the engine hands a platform ({@code reelay_messages_out_total{platform,kind}}). */
final class CountingOutput implements ChatOutput {

    private final ChatOutput platform;
    private final Counter sent;
    private final Counter edited;
    private final Counter videos;

    CountingOutput(String name, ChatOutput platform, MeterRegistry registry) {
        this.platform = platform;
        this.sent = registry.counter("reelay.messages.out", "platform", name, "kind", "send");
        this.edited = registry.counter("reelay.messages.out", "platform", name, "kind", "edit");
        this.videos = registry.counter("reelay.messages.out", "platform", name, "kind", "video");
    }

    @Override
    public Capabilities capabilities() {
        return platform.capabilities();
    }

    @Override
    public CompletableFuture<MessageRef> send(ChatRef chat, String requestId, Reply reply) {
        sent.increment();
        return platform.send(chat, requestId, reply);
    }

    @Override
    public CompletableFuture<Void> edit(MessageRef message, Reply reply) {
        edited.increment();
        return platform.edit(message, reply);
    }

    @Override
    public CompletableFuture<MessageRef> sendVideo(ChatRef chat, String requestId, FinishedVideo video) {
        videos.increment();
        return platform.sendVideo(chat, requestId, video);
    }

    /** The platform's line shows through, or progress could never adapt to contention. */
    @Override
    public SendLine sendLine() {
        return platform.sendLine();
    }

    @Override
    public void showActivity(ChatRef chat, Activity activity) {
        platform.showActivity(chat, activity);
    }
}
