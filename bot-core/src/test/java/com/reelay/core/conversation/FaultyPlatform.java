package com.reelay.core.conversation;

import com.reelay.core.chat.Activity;
import com.reelay.core.chat.Capabilities;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.FinishedVideo;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.chat.Reply;
import com.reelay.core.chat.Urgency;
import com.reelay.core.testing.RecordingChatOutput;
import java.util.concurrent.CompletableFuture;

/** The recording platform, with the faults a test switches on. */
final class FaultyPlatform implements ChatOutput {
    final RecordingChatOutput inner;
    /** Holds every send until it completes. */
    volatile CompletableFuture<Void> holdSends;
    /** Holds every answer ({@link Urgency#ANSWER}), sent or edited in, until it completes. */
    volatile CompletableFuture<Void> holdAnswers;
    volatile RuntimeException failEdits;
    volatile RuntimeException failAll;

    FaultyPlatform(RecordingChatOutput inner) {
        this.inner = inner;
    }

    @Override
    public Capabilities capabilities() {
        return inner.capabilities();
    }

    @Override
    public CompletableFuture<MessageRef> send(ChatRef chat, String requestId, Reply reply) {
        if (failAll != null) {
            return CompletableFuture.failedFuture(failAll);
        }
        CompletableFuture<Void> hold = holdSends != null ? holdSends : held(reply);
        return hold == null ? inner.send(chat, requestId, reply) : hold.thenCompose(x -> inner.send(chat, requestId, reply));
    }

    @Override
    public CompletableFuture<Void> edit(MessageRef message, Reply reply) {
        RuntimeException fail = failAll != null ? failAll : failEdits;
        if (fail != null) {
            return CompletableFuture.failedFuture(fail);
        }
        CompletableFuture<Void> hold = held(reply);
        return hold == null ? inner.edit(message, reply) : hold.thenCompose(x -> inner.edit(message, reply));
    }

    private CompletableFuture<Void> held(Reply reply) {
        return reply.urgency() == Urgency.ANSWER ? holdAnswers : null;
    }

    @Override
    public CompletableFuture<MessageRef> sendVideo(ChatRef chat, String requestId, FinishedVideo video) {
        return failAll != null ? CompletableFuture.failedFuture(failAll) : inner.sendVideo(chat, requestId, video);
    }

    @Override
    public void showActivity(ChatRef chat, Activity activity) {
    }
}
