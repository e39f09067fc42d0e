package com.reelay.core.chat;

import java.util.concurrent.CompletableFuture;

/**
 * How the engine speaks through a platform. Implementations queue, pace and retry as their
 * platform requires; futures complete when the platform accepted the message (or failed).
 * {@code requestId} is the id the adapter gave the {@link Inbound} being answered, so it can
 * answer in context (reply to the person's message, use a Discord interaction); it is empty for
 * messages that answer nothing in particular (e.g. a link posted after a restart). Each
 * {@link Reply#urgency()} tells the platform's send budget what the person is waiting for.
 */
public interface ChatOutput {

    Capabilities capabilities();

    CompletableFuture<MessageRef> send(ChatRef chat, String requestId, Reply reply);

    /**
     * Replaces a sent message's text and buttons. Editing to the same content is a success. Edits of
     * one message take effect in the order they are made: a newer one may replace an older one
     * still waiting, never the other way round.
     */
    CompletableFuture<Void> edit(MessageRef message, Reply reply);

    CompletableFuture<MessageRef> sendVideo(ChatRef chat, String requestId, FinishedVideo video);

    /** Best effort; never fails the caller. */
    void showActivity(ChatRef chat, Activity activity);

    /** How the platform's send line stands now; platforms without a budget are always free. */
    default SendLine sendLine() {
        return SendLine.FREE;
    }
}
