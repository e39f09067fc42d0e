package com.reelay.core.store;

import java.time.Instant;

/**
 * An export in flight: saved before polling starts so a restart resumes it and the link is
 * posted once. {@code progressMessageId} is the platform message showing its progress (may be
 * empty when the platform cannot edit).
 */
public record RenderJob(String renderId, String chatKey, String requestId, String progressMessageId,
                        State state, int progress, String outputUrl, String error,
                        Instant createdAt, Instant updatedAt) {

    public enum State {
        /** Submitted; polling. */
        RENDERING,
        /** Its link (or failure) reached the chat: nothing left to do. */
        DELIVERED,
        /** The chat takes no more messages (bot blocked or removed, chat deleted): given up, never polled again. */
        UNDELIVERABLE
    }

    public RenderJob {
        progressMessageId = progressMessageId == null ? "" : progressMessageId;
        outputUrl = outputUrl == null ? "" : outputUrl;
        error = error == null ? "" : error;
        requestId = requestId == null ? "" : requestId;
    }

    public RenderJob withProgress(int newProgress, Instant now) {
        return new RenderJob(renderId, chatKey, requestId, progressMessageId, state, newProgress, outputUrl, error, createdAt, now);
    }

    public RenderJob undeliverable(String why, Instant now) {
        return new RenderJob(renderId, chatKey, requestId, progressMessageId, State.UNDELIVERABLE, progress, outputUrl, why,
                createdAt, now);
    }

    public RenderJob withProgressMessage(String messageId, Instant now) {
        return new RenderJob(renderId, chatKey, requestId, messageId, state, progress, outputUrl, error, createdAt, now);
    }

    public RenderJob delivered(String url, String failure, Instant now) {
        return new RenderJob(renderId, chatKey, requestId, progressMessageId, State.DELIVERED, progress, url, failure, createdAt, now);
    }
}
