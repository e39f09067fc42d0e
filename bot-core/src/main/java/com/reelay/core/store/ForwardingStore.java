package com.reelay.core.store;

import com.reelay.core.nemo.AnonymousIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A store that hands every call to another: extend it and override only what the wrapper
 * changes (a cache in front, a fault in tests), so a new store method is added in one place.
 */
public abstract class ForwardingStore implements ReelayStore {

    private final ReelayStore delegate;

    protected ForwardingStore(ReelayStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<ChatState> chat(String chatKey) {
        return delegate.chat(chatKey);
    }

    @Override
    public void saveChat(ChatState state) {
        delegate.saveChat(state);
    }

    @Override
    public Optional<AnonymousIdentity> identity(String chatKey) {
        return delegate.identity(chatKey);
    }

    @Override
    public void saveIdentity(String chatKey, AnonymousIdentity identity) {
        delegate.saveIdentity(chatKey, identity);
    }

    @Override
    public long enqueue(QueuedRequest request) {
        return delegate.enqueue(request);
    }

    @Override
    public void dequeue(long id) {
        delegate.dequeue(id);
    }

    @Override
    public int dropQueued(String chatKey) {
        return delegate.dropQueued(chatKey);
    }

    @Override
    public void noteQueuedMessage(long id, String ackMessageId) {
        delegate.noteQueuedMessage(id, ackMessageId);
    }

    @Override
    public List<WaitingRequest> queued() {
        return delegate.queued();
    }

    @Override
    public void saveRetry(QueuedRequest request, Instant forgetBefore) {
        delegate.saveRetry(request, forgetBefore);
    }

    @Override
    public Optional<QueuedRequest> retry(String requestId) {
        return delegate.retry(requestId);
    }

    @Override
    public void markRunning(QueuedRequest request) {
        delegate.markRunning(request);
    }

    @Override
    public void clearRunning(String chatKey, String requestId) {
        delegate.clearRunning(chatKey, requestId);
    }

    @Override
    public void noteRunningMessage(String chatKey, String requestId, String progressMessageId) {
        delegate.noteRunningMessage(chatKey, requestId, progressMessageId);
    }

    @Override
    public void noteAnswer(String chatKey, String requestId, String answer) {
        delegate.noteAnswer(chatKey, requestId, answer);
    }

    @Override
    public List<RunningRequest> running() {
        return delegate.running();
    }

    @Override
    public void saveRenderJob(RenderJob job) {
        delegate.saveRenderJob(job);
    }

    @Override
    public Optional<RenderJob> renderJob(String renderId) {
        return delegate.renderJob(renderId);
    }

    @Override
    public List<RenderJob> unfinishedRenderJobs() {
        return delegate.unfinishedRenderJobs();
    }

    @Override
    public List<Instant> promptsSince(String key, Instant since) {
        return delegate.promptsSince(key, since);
    }

    @Override
    public void recordPrompt(List<String> keys, Instant at, Instant forgetBefore) {
        delegate.recordPrompt(keys, at, forgetBefore);
    }

    @Override
    public <T> T exclusively(List<String> keys, java.util.function.Function<com.reelay.core.guard.PromptLog, T> check) {
        return delegate.exclusively(keys, check);
    }

    @Override
    public void probe() {
        delegate.probe();
    }

    @Override
    public Optional<String> chatLanguage(String chatKey) {
        return delegate.chatLanguage(chatKey);
    }

    @Override
    public void saveChatLanguage(String chatKey, String language) {
        delegate.saveChatLanguage(chatKey, language);
    }

    @Override
    public void saveProject(Project project) {
        delegate.saveProject(project);
    }

    @Override
    public Optional<Project> project(String chatKey, String sessionId) {
        return delegate.project(chatKey, sessionId);
    }

    @Override
    public Optional<Project> projectRendering(String renderId) {
        return delegate.projectRendering(renderId);
    }

    @Override
    public List<Project> projects(String chatKey, int limit) {
        return delegate.projects(chatKey, limit);
    }

    @Override
    public int schemaVersion() {
        return delegate.schemaVersion();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
