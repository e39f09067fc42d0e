package com.reelay.core.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.reelay.core.nemo.AnonymousIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps hot chat state in memory in front of a durable store. Writes go through to the store
 * first, so the cache never holds anything the store does not; its size is bounded.
 */
public final class CachingStore implements ReelayStore {

    private final ReelayStore durable;
    private final Cache<String, Optional<ChatState>> chats;
    private final Cache<String, Optional<AnonymousIdentity>> identities;

    public CachingStore(ReelayStore durable, long maxChats) {
        this.durable = durable;
        this.chats = Caffeine.newBuilder().maximumSize(maxChats).build();
        this.identities = Caffeine.newBuilder().maximumSize(maxChats).build();
    }

    @Override
    public Optional<ChatState> chat(String chatKey) {
        return chats.get(chatKey, durable::chat);
    }

    @Override
    public void saveChat(ChatState state) {
        durable.saveChat(state);
        chats.put(state.chatKey(), Optional.of(state));
    }

    @Override
    public Optional<AnonymousIdentity> identity(String chatKey) {
        return identities.get(chatKey, durable::identity);
    }

    @Override
    public void saveIdentity(String chatKey, AnonymousIdentity identity) {
        durable.saveIdentity(chatKey, identity);
        identities.put(chatKey, Optional.of(identity));
    }

    @Override
    public long enqueue(QueuedRequest request) {
        return durable.enqueue(request);
    }

    @Override
    public void dequeue(long id) {
        durable.dequeue(id);
    }

    @Override
    public int dropQueued(String chatKey) {
        return durable.dropQueued(chatKey);
    }

    @Override
    public List<QueuedRequest> queued() {
        return durable.queued();
    }

    @Override
    public void saveRenderJob(RenderJob job) {
        durable.saveRenderJob(job);
    }

    @Override
    public Optional<RenderJob> renderJob(String renderId) {
        return durable.renderJob(renderId);
    }

    @Override
    public List<RenderJob> unfinishedRenderJobs() {
        return durable.unfinishedRenderJobs();
    }

    /** Not cached: the guard reads a few rows per prompt, and a restart must see every one. */
    @Override
    public List<Instant> promptsSince(String key, Instant since) {
        return durable.promptsSince(key, since);
    }

    @Override
    public void recordPrompt(List<String> keys, Instant at, Instant forgetBefore) {
        durable.recordPrompt(keys, at, forgetBefore);
    }

    @Override
    public void probe() {
        durable.probe();
    }

    @Override
    public int schemaVersion() {
        return durable.schemaVersion();
    }

    @Override
    public void close() {
        durable.close();
    }
}
