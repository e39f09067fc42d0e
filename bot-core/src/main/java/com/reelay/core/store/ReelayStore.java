package com.reelay.core.store;

import com.reelay.core.guard.PromptLog;
import com.reelay.core.nemo.AnonymousIdentity;
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

    /** All waiting requests, oldest first. */
    List<QueuedRequest> queued();

    /** Inserts or replaces a render job. */
    void saveRenderJob(RenderJob job);

    Optional<RenderJob> renderJob(String renderId);

    /** Jobs whose outcome has not reached the person yet, oldest first. */
    List<RenderJob> unfinishedRenderJobs();

    /** Reads from the database itself, past any cache: throws {@link StoreException} if it cannot. */
    void probe();

    /** The schema version this store is at (migrations run on open). */
    int schemaVersion();

    @Override
    void close();
}
