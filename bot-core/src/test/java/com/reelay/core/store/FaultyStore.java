package com.reelay.core.store;

import com.reelay.core.nemo.AnonymousIdentity;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A store that fails or pauses where a test says: a full disk on dequeue, a slow write on
 * enqueue (the hook runs before the row is written), to force the engine's store paths.
 */
public final class FaultyStore implements ReelayStore {

    private final ReelayStore store;
    public final AtomicBoolean failDequeue = new AtomicBoolean();
    public final AtomicBoolean failSaveRenderJob = new AtomicBoolean();
    private volatile Runnable beforeEnqueue = () -> { };
    /** The render job written last, as written. */
    public volatile RenderJob lastRenderJob;

    public FaultyStore(ReelayStore store) {
        this.store = store;
    }

    public void beforeEnqueue(Runnable hook) {
        this.beforeEnqueue = hook;
    }

    @Override
    public Optional<ChatState> chat(String chatKey) {
        return store.chat(chatKey);
    }

    @Override
    public void saveChat(ChatState state) {
        store.saveChat(state);
    }

    @Override
    public Optional<AnonymousIdentity> identity(String chatKey) {
        return store.identity(chatKey);
    }

    @Override
    public void saveIdentity(String chatKey, AnonymousIdentity identity) {
        store.saveIdentity(chatKey, identity);
    }

    @Override
    public long enqueue(QueuedRequest request) {
        Runnable hook = beforeEnqueue;
        beforeEnqueue = () -> { };
        hook.run();
        return store.enqueue(request);
    }

    @Override
    public void dequeue(long id) {
        if (failDequeue.get()) {
            throw new StoreException("disk I/O error (simulated)", null);
        }
        store.dequeue(id);
    }

    @Override
    public int dropQueued(String chatKey) {
        return store.dropQueued(chatKey);
    }

    @Override
    public List<QueuedRequest> queued() {
        return store.queued();
    }

    @Override
    public void saveRenderJob(RenderJob job) {
        if (failSaveRenderJob.get()) {
            throw new StoreException("disk I/O error (simulated)", null);
        }
        store.saveRenderJob(job);
        lastRenderJob = job;
    }

    @Override
    public Optional<RenderJob> renderJob(String renderId) {
        return store.renderJob(renderId);
    }

    @Override
    public List<RenderJob> unfinishedRenderJobs() {
        return store.unfinishedRenderJobs();
    }

    @Override
    public List<java.time.Instant> promptsSince(String key, java.time.Instant since) {
        return store.promptsSince(key, since);
    }

    @Override
    public void recordPrompt(List<String> keys, java.time.Instant at, java.time.Instant forgetBefore) {
        store.recordPrompt(keys, at, forgetBefore);
    }

    @Override
    public void probe() {
        store.probe();
    }

    @Override
    public int schemaVersion() {
        return store.schemaVersion();
    }

    @Override
    public void close() {
        store.close();
    }
}
