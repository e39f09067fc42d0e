package com.reelay.core.store;

import com.reelay.core.guard.PromptLog;
import com.reelay.core.nemo.AnonymousIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything Reelay must not forget across a restart or a crash. A write that returned has
 * been made durable. The embedded {@link SqliteStore} is the default; store-postgres keeps the
 * same state in PostgreSQL for a fleet of instances. Both pass the same contract tests. It keeps
 * the guard's {@link PromptLog} too, so limits hold across a restart (and, shared, across a fleet).
 */
public interface ReelayStore extends PromptLog, AutoCloseable {

    Optional<ChatState> chat(String chatKey);

    /** Inserts or replaces the chat's state. */
    void saveChat(ChatState state);

    Optional<AnonymousIdentity> identity(String chatKey);

    void saveIdentity(String chatKey, AnonymousIdentity identity);

    /** Keeps a request that is waiting for its chat's turn; returns its id (increasing). */
    long enqueue(QueuedRequest request);

    /** The request started (or was dropped): forget it. */
    void dequeue(long id);

    /** Drops every waiting request of a chat; returns how many. */
    int dropQueued(String chatKey);

    /** The waiting request stored as {@code id} was acknowledged in {@code ackMessageId}; nothing if it no longer waits. */
    void noteQueuedMessage(long id, String ackMessageId);

    /** All waiting requests, oldest first. */
    List<WaitingRequest> queued();

    /**
     * Notes a request the chat runs now (its id is ignored), until {@link #clearRunning}. A chat
     * may hold several: the one it runs, and earlier ones whose cut-off notice is still owed.
     */
    void markRunning(QueuedRequest request);

    /** The chat's request {@code requestId} is over (or its cut-off notice out); the chat's others stay. */
    void clearRunning(String chatKey, String requestId);

    /** The running request {@code requestId} shows itself in {@code progressMessageId}; nothing if it is no longer noted. */
    void noteRunningMessage(String chatKey, String requestId, String progressMessageId);

    /** The running request {@code requestId} hands out {@code answer}, its final reply; nothing if it is no longer noted. */
    void noteAnswer(String chatKey, String requestId, String answer);

    /** Keeps what a failed request asked for (its Retry button's target); forgets those failed before {@code forgetBefore}. */
    void saveRetry(QueuedRequest request, Instant forgetBefore);

    /** The failed request {@code requestId} as kept by {@link #saveRetry}, if still there. */
    Optional<QueuedRequest> retry(String requestId);

    /** Requests that were running when their process stopped, or that run now (id 0), oldest first. */
    List<RunningRequest> running();

    /** Inserts or replaces a render job. */
    void saveRenderJob(RenderJob job);

    Optional<RenderJob> renderJob(String renderId);

    /** Jobs whose outcome has not reached the person yet, oldest first. */
    List<RenderJob> unfinishedRenderJobs();

    /** The language chosen for a chat with /language (an ISO 639 code); empty when it follows each person. */
    Optional<String> chatLanguage(String chatKey);

    /** Keeps a chat's chosen language; a blank {@code language} forgets the choice. */
    void saveChatLanguage(String chatKey, String language);

    /** Inserts or replaces a project (keyed by chat and session). */
    void saveProject(Project project);

    Optional<Project> project(String chatKey, String sessionId);

    /** The project whose last export is {@code renderId}. */
    Optional<Project> projectRendering(String renderId);

    /** A chat's projects, newest first, at most {@code limit}. */
    List<Project> projects(String chatKey, int limit);

    /** Reads from the database itself, past any cache: throws {@link StoreException} if it cannot. */
    void probe();

    /** The schema version this store is at (migrations run on open). */
    int schemaVersion();

    @Override
    void close();
}
