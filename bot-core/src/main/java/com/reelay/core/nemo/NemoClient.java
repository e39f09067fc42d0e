package com.reelay.core.nemo;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The NemoVideo agent API as Reelay uses it. Every call is made on behalf of one identity
 * ({@link NemoAuth}); token refresh (1001), rate limits (429) and transient failures of
 * idempotent calls are recovered inside the client, everything else surfaces as a typed
 * {@link NemoException}.
 *
 * <p>Blocking calls are meant for a worker pool; the chat stream and render watching are
 * asynchronous so that thousands of chats can wait at once without a thread each.
 */
public interface NemoClient extends AutoCloseable {

    /** Creates a fresh project session; {@code language} is e.g. {@code en} or {@code zh-CN}. */
    NemoSession createSession(NemoAuth auth, String language) throws NemoException;

    Credits credits(NemoAuth auth) throws NemoException;

    SessionState state(NemoAuth auth, String sessionId) throws NemoException;

    /** Streams each file into one multipart upload (chunked when a size is unknown); never buffers a whole file. */
    List<UploadedFile> upload(NemoAuth auth, String sessionId, List<UploadSource> files) throws NemoException;

    /** Lets NemoVideo fetch the files itself. */
    List<UploadedFile> uploadUrls(NemoAuth auth, String sessionId, List<String> urls) throws NemoException;

    /**
     * Sends one chat message and streams the agent's reply to {@code listener}. The message is
     * never re-sent once the service may have accepted it. The returned stream completes with
     * the reply, or exceptionally with a {@link NemoException} (including
     * {@link NemoException.StreamTimedOut} and {@link NemoException.StreamBroken}).
     */
    ChatStream chat(NemoAuth auth, String sessionId, String message, ChatListener listener);

    /** Submits a render of {@code draft} under a fresh render id. */
    RenderStatus submitRender(NemoAuth auth, String sessionId, com.fasterxml.jackson.databind.JsonNode draft)
            throws NemoException;

    RenderStatus renderStatus(NemoAuth auth, String renderId) throws NemoException;

    /**
     * Polls a render until it is completed or failed, on the configured schedule (first poll
     * soon, then backing off), reporting every status seen. Completes with the final status
     * (completed or failed); exceptionally only for errors the client could not recover.
     */
    CompletableFuture<RenderStatus> awaitRender(NemoAuth auth, String renderId, Consumer<RenderStatus> onProgress);

    void cancelRender(NemoAuth auth, String renderId) throws NemoException;

    @Override
    void close();
}
