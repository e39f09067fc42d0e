package com.reelay.core.store;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A store that fails or pauses where a test says: a full disk on dequeue, a slow write on
 * enqueue (the hook runs before the row is written), to force the engine's store paths; it also
 * remembers the render job written last.
 */
public final class FaultyStore extends ForwardingStore {

    private final ReelayStore store;
    public final AtomicBoolean failDequeue = new AtomicBoolean();
    private volatile Runnable beforeEnqueue = () -> { };
    /** The render job written last, as written. */
    public volatile RenderJob lastRenderJob;

    public FaultyStore(ReelayStore store) {
        super(store);
        this.store = store;
    }

    public void beforeEnqueue(Runnable hook) {
        this.beforeEnqueue = hook;
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
    public void saveRenderJob(RenderJob job) {
        store.saveRenderJob(job);
        lastRenderJob = job;
    }
}
