package com.reelay.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.nemo.AnonymousIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store backend promises, run against each of them (SQLite here, PostgreSQL in
 * store-postgres): a backend's test extends this and says how to open its store on fresh state
 * and how to open it again on the same state.
 */
public abstract class ReelayStoreContract {

    protected static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private ReelayStore store;

    /** A store on empty, freshly migrated state; called once per test, before {@link #reopen()}. */
    protected abstract ReelayStore openFresh() throws Exception;

    /** A new store on the same state as the last one opened (which has been closed). */
    protected abstract ReelayStore reopen() throws Exception;

    /** The schema version this backend's scripts end at. */
    protected abstract int latestSchemaVersion();

    @BeforeEach
    void openStore() throws Exception {
        store = openFresh();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected final ReelayStore store() {
        return store;
    }

    private ReelayStore closeAndReopen() throws Exception {
        store.close();
        store = reopen();
        return store;
    }

    @Test
    void everythingSurvivesReopening() throws Exception {
        store.saveChat(new ChatState("telegram:1", "1234567890123456789", "en", "{\"t\":[]}", T0));
        store.saveIdentity("telegram:1", new AnonymousIdentity("client-1", "tok", "anon_1", T0.plusSeconds(60)));
        store.enqueue(new QueuedRequest(0, "telegram:1", "u", "Ann", "en", "r1", "chat", "make it blue", T0));
        store.enqueue(new QueuedRequest(0, "telegram:1", "u", "Ann", "en", "r2", "export", "", T0));
        store.saveRenderJob(new RenderJob("render_1", "telegram:1", "r3", "42", RenderJob.State.RENDERING, 10, "", "", T0, T0));

        ReelayStore again = closeAndReopen();
        ChatState chat = again.chat("telegram:1").orElseThrow();
        assertEquals(new ChatState("telegram:1", "1234567890123456789", "en", "{\"t\":[]}", T0), chat);
        AnonymousIdentity id = again.identity("telegram:1").orElseThrow();
        assertEquals(new AnonymousIdentity("client-1", "tok", "anon_1", T0.plusSeconds(60)), id);
        List<QueuedRequest> queued = again.queued().stream().map(WaitingRequest::request).toList();
        assertEquals(List.of("r1", "r2"), queued.stream().map(QueuedRequest::requestId).toList());
        assertEquals(new QueuedRequest(queued.get(0).id(), "telegram:1", "u", "Ann", "en", "r1", "chat", "make it blue", T0),
                queued.get(0));
        assertEquals(List.of(new RenderJob("render_1", "telegram:1", "r3", "42", RenderJob.State.RENDERING, 10, "", "", T0, T0)),
                again.unfinishedRenderJobs());
    }

    @Test
    void unknownKeysReadAsEmpty() {
        assertEquals(Optional.empty(), store.chat("c:none"));
        assertEquals(Optional.empty(), store.identity("c:none"));
        assertEquals(Optional.empty(), store.renderJob("render_none"));
        assertEquals(List.of(), store.queued());
        assertEquals(List.of(), store.unfinishedRenderJobs());
    }

    @Test
    void savingAgainReplaces() {
        store.saveChat(ChatState.fresh("c:1", T0));
        store.saveChat(ChatState.fresh("c:1", T0).withSession("s2", "fr", T0.plusSeconds(1)).withLastDraft("{}", T0.plusSeconds(2)));
        assertEquals(new ChatState("c:1", "s2", "fr", "{}", T0.plusSeconds(2)), store.chat("c:1").orElseThrow());
        store.saveIdentity("c:1", new AnonymousIdentity("a", "t1", "u1", T0));
        store.saveIdentity("c:1", new AnonymousIdentity("b", "t2", "u2", null));
        AnonymousIdentity id = store.identity("c:1").orElseThrow();
        assertEquals("b", id.clientId());
        assertNull(id.expiresAt(), "an identity without expiry keeps none");
    }

    @Test
    void deliveredJobsAreNotUnfinished() {
        RenderJob job = new RenderJob("render_1", "c:1", "r", "", RenderJob.State.RENDERING, 0, "", "", T0, T0);
        store.saveRenderJob(job);
        store.saveRenderJob(new RenderJob("render_2", "c:2", "r", "", RenderJob.State.RENDERING, 0, "", "", T0.plusSeconds(1),
                T0.plusSeconds(1)));
        store.saveRenderJob(job.withProgress(50, T0.plusSeconds(2)).delivered("http://x/video.mp4", "", T0.plusSeconds(5)));
        assertEquals(List.of("render_2"), store.unfinishedRenderJobs().stream().map(RenderJob::renderId).toList());
        RenderJob delivered = store.renderJob("render_1").orElseThrow();
        assertEquals(RenderJob.State.DELIVERED, delivered.state());
        assertEquals(50, delivered.progress());
        assertEquals("http://x/video.mp4", delivered.outputUrl());
        assertEquals(T0, delivered.createdAt(), "a job keeps when it was created");
    }

    @Test
    void undeliverableJobsAreNotUnfinished() {
        RenderJob job = new RenderJob("render_1", "c:1", "r", "", RenderJob.State.RENDERING, 0, "", "", T0, T0);
        store.saveRenderJob(job);
        store.saveRenderJob(job.undeliverable("bot blocked", T0.plusSeconds(3)));
        assertEquals(List.of(), store.unfinishedRenderJobs());
        assertEquals(RenderJob.State.UNDELIVERABLE, store.renderJob("render_1").orElseThrow().state());
    }

    @Test
    void unfinishedJobsComeOldestFirst() {
        store.saveRenderJob(new RenderJob("late", "c:1", "r", "", RenderJob.State.RENDERING, 0, "", "", T0.plusSeconds(9), T0));
        store.saveRenderJob(new RenderJob("early", "c:2", "r", "", RenderJob.State.RENDERING, 0, "", "", T0, T0));
        assertEquals(List.of("early", "late"), store.unfinishedRenderJobs().stream().map(RenderJob::renderId).toList());
    }

    @Test
    void queueIdsIncreaseAndDequeueForgets() {
        long a = store.enqueue(new QueuedRequest(0, "c:1", "u", "", "", "r1", "chat", "x", T0));
        long b = store.enqueue(new QueuedRequest(0, "c:1", "u", "", "", "r2", "chat", "y", T0));
        assertTrue(a > 0 && b > a, "ids increase: " + a + ", " + b);
        store.dequeue(a);
        assertEquals(List.of(b), store.queued().stream().map(WaitingRequest::id).toList());
    }

    @Test
    void queueDropsPerChat() {
        store.enqueue(new QueuedRequest(0, "c:1", "u", "", "", "r1", "chat", "x", T0));
        store.enqueue(new QueuedRequest(0, "c:1", "u", "", "", "r2", "chat", "y", T0));
        store.enqueue(new QueuedRequest(0, "c:2", "u", "", "", "r3", "chat", "z", T0));
        assertEquals(2, store.dropQueued("c:1"));
        assertEquals(0, store.dropQueued("c:1"));
        assertEquals(List.of("r3"), store.queued().stream().map(WaitingRequest::requestId).toList());
    }

    @Test
    void aChatsNotedRequestsStayUntilEachIsCleared() throws Exception {
        store.markRunning(new QueuedRequest(0, "c:1", "u", "Ann", "en", "r1", "chat", "make a video", T0));
        store.markRunning(new QueuedRequest(0, "c:2", "u", "", "", "r9", "export", "", T0.plusSeconds(1)));
        // The next request starts while r1's cut-off notice is still owed: both stay noted.
        store.markRunning(new QueuedRequest(0, "c:1", "u", "Ann", "en", "r2", "chat", "shorter", T0.plusSeconds(2)));
        assertEquals(List.of("r1", "r9", "r2"), store.running().stream().map(RunningRequest::requestId).toList());
        store.clearRunning("c:1", "r1"); // clearing one leaves the chat's other
        assertEquals(List.of("r9", "r2"), closeAndReopen().running().stream().map(RunningRequest::requestId).toList());
        RunningRequest r2 = store.running().get(1);
        assertEquals(new RunningRequest(new QueuedRequest(0, "c:1", "u", "Ann", "en", "r2", "chat", "shorter",
                T0.plusSeconds(2)), "", ""), r2);
        store.clearRunning("c:1", "r2");
        assertEquals(List.of("r9"), store.running().stream().map(RunningRequest::requestId).toList());
    }

    @Test
    void aWaitingRequestKeepsItsAcknowledgement() throws Exception {
        QueuedRequest r1 = new QueuedRequest(0, "c:1", "u", "Ann", "en", "r1", "chat", "make it blue", T0);
        long id = store.enqueue(r1);
        long other = store.enqueue(new QueuedRequest(0, "c:1", "u", "Ann", "en", "r2", "export", "", T0));
        store.noteQueuedMessage(id, "812");
        assertEquals(List.of(new WaitingRequest(r1.withId(id), "812"),
                        new WaitingRequest(new QueuedRequest(other, "c:1", "u", "Ann", "en", "r2", "export", "", T0), "")),
                closeAndReopen().queued());
        // Noted after the request left the line (a late callback): nothing comes back.
        store.dequeue(id);
        store.noteQueuedMessage(id, "813");
        assertEquals(List.of("r2"), store.queued().stream().map(WaitingRequest::requestId).toList());
    }

    @Test
    void aRunningRequestKeepsWhereItShowsItselfAndTheAnswerItHandedOut() throws Exception {
        QueuedRequest r1 = new QueuedRequest(0, "c:1", "u", "Ann", "en", "r1", "chat", "make a video", T0);
        store.markRunning(r1);
        store.markRunning(new QueuedRequest(0, "c:1", "u", "Ann", "en", "r2", "chat", "shorter", T0.plusSeconds(1)));
        store.noteRunningMessage("c:1", "r1", "4711");
        assertEquals(new RunningRequest(r1, "4711", ""), closeAndReopen().running().get(0));
        String answer = "{\"text\":\"Here is your plan: 3 scenes.\",\"buttons\":[]}";
        store.noteAnswer("c:1", "r1", answer);
        assertEquals(List.of(new RunningRequest(r1, "4711", answer),
                        new RunningRequest(new QueuedRequest(0, "c:1", "u", "Ann", "en", "r2", "chat", "shorter",
                                T0.plusSeconds(1)), "", "")),
                closeAndReopen().running(), "the chat's other request is untouched");
        // Noted again (a request that waited, now starting): it starts over with no message.
        store.markRunning(r1);
        assertEquals(new RunningRequest(r1, "", ""), store.running().get(0));
        // A note arriving after the request was cleared (a late callback) brings nothing back.
        store.clearRunning("c:1", "r1");
        store.noteRunningMessage("c:1", "r1", "4712");
        store.noteAnswer("c:1", "r1", answer);
        assertEquals(List.of("r2"), store.running().stream().map(RunningRequest::requestId).toList());
    }

    @Test
    void aFailedRequestIsKeptForItsRetryUntilItIsTooOld() throws Exception {
        QueuedRequest failed = new QueuedRequest(0, "c:1", "u", "Ann", "zh", "r1", "chat", "make a video", T0);
        store.saveRetry(failed, T0.minusSeconds(60));
        assertEquals(Optional.of(failed), closeAndReopen().retry("r1"));
        assertEquals(Optional.empty(), store.retry("r2"));
        store.saveRetry(new QueuedRequest(0, "c:1", "u", "Ann", "zh", "r2", "export", "", T0.plusSeconds(90)),
                T0.plusSeconds(1)); // r1 failed before the cut-off: forgotten
        assertEquals(Optional.empty(), store.retry("r1"));
        assertEquals("export", store.retry("r2").orElseThrow().kind());
    }

    @Test
    void concurrentWritersAllLandWithDistinctIds() throws Exception {
        int writers = 8;
        int each = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<List<Long>>> ids = new java.util.ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                ids.add(pool.submit(() -> {
                    start.await();
                    List<Long> mine = new java.util.ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        String chat = "c:" + writer;
                        mine.add(store.enqueue(new QueuedRequest(0, chat, "u", "", "", "r" + writer + "-" + i, "chat", "x", T0)));
                        store.saveChat(ChatState.fresh(chat, T0).withSession("s" + i, "en", T0));
                    }
                    return mine;
                }));
            }
            start.countDown();
            java.util.Set<Long> distinct = new java.util.HashSet<>();
            for (var f : ids) {
                List<Long> mine = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(mine.stream().sorted().toList(), mine, "one writer's ids increase");
                distinct.addAll(mine);
            }
            assertEquals(writers * each, distinct.size());
            assertEquals(writers * each, store.queued().size());
            for (int w = 0; w < writers; w++) {
                assertEquals("s" + (each - 1), store.chat("c:" + w).orElseThrow().sessionId(), "the last write wins");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thePromptLogCountsPerAllowanceAndForgetsWhatNoWindowReaches() throws Exception {
        store.recordPrompt(List.of("user:telegram:1", "chat:telegram:1"), T0, T0.minusSeconds(86_400));
        store.recordPrompt(List.of("user:telegram:1"), T0.plusSeconds(60), T0.minusSeconds(86_400));
        assertEquals(List.of(T0, T0.plusSeconds(60)), store.promptsSince("user:telegram:1", T0));
        assertEquals(List.of(T0.plusSeconds(60)), store.promptsSince("user:telegram:1", T0.plusSeconds(1)));
        assertEquals(List.of(T0), store.promptsSince("chat:telegram:1", T0.minusSeconds(5)));
        store.recordPrompt(List.of("user:telegram:2"), T0.plusSeconds(120), T0.plusSeconds(30));
        assertEquals(List.of(T0.plusSeconds(60)), store.promptsSince("user:telegram:1", T0.minusSeconds(5)),
                "prompts before forgetBefore are gone");
        assertEquals(List.of(), store.promptsSince("chat:telegram:1", T0.minusSeconds(5)));
        assertEquals(List.of(T0.plusSeconds(120)), closeAndReopen().promptsSince("user:telegram:2", T0), "and kept across a restart");
    }

    @Test
    void textKeepsEveryCharacter() {
        String draft = "{\"title\":\"caf\u00e9 \u2014 \ud83c\udfac 'quoted' \\\"x\\\"\"}";
        store.saveChat(ChatState.fresh("c:1", T0).withLastDraft(draft, T0));
        assertEquals(draft, store.chat("c:1").orElseThrow().lastDraft());
    }

    @Test
    void aChatsChosenLanguageIsKeptUntilForgotten() throws Exception {
        assertEquals(Optional.empty(), store.chatLanguage("telegram:1"));
        store.saveChatLanguage("telegram:1", "zh");
        store.saveChatLanguage("telegram:2", "en");
        assertEquals(Optional.of("zh"), closeAndReopen().chatLanguage("telegram:1"));
        store.saveChatLanguage("telegram:1", "en");
        assertEquals(Optional.of("en"), store.chatLanguage("telegram:1"));
        store.saveChatLanguage("telegram:1", "");
        assertEquals(Optional.empty(), store.chatLanguage("telegram:1"));
        assertEquals(Optional.of("en"), store.chatLanguage("telegram:2"), "one chat's choice is its own");
    }

    @Test
    void projectsAreListedNewestFirstPerChatAndFoundByTheirExport() throws Exception {
        store.saveProject(Project.started("telegram:1", "1000000000000000001", "en", T0));
        store.saveProject(Project.started("telegram:1", "1000000000000000002", "zh-CN", T0.plusSeconds(60))
                .titled("做一个视频", T0.plusSeconds(61)).rendering("render_2", T0.plusSeconds(62)));
        store.saveProject(Project.started("telegram:2", "1000000000000000003", "en", T0.plusSeconds(120)));
        store.saveProject(store.projectRendering("render_2").orElseThrow().exported("https://cdn/2.mp4", T0.plusSeconds(90)));

        List<Project> listed = closeAndReopen().projects("telegram:1", 10);
        assertEquals(List.of("1000000000000000002", "1000000000000000001"), listed.stream().map(Project::sessionId).toList());
        Project newest = listed.get(0);
        assertEquals("做一个视频", newest.title());
        assertEquals("https://cdn/2.mp4", newest.lastExportUrl());
        assertEquals(T0.plusSeconds(60), newest.createdAt());
        assertEquals(1, store.projects("telegram:1", 1).size(), "at most the limit");
        assertEquals(Optional.empty(), store.project("telegram:2", "1000000000000000001"), "only the chat's own");
    }

    @Test
    void opensAtTheLatestSchema() throws Exception {
        assertEquals(latestSchemaVersion(), store.schemaVersion());
        assertEquals(latestSchemaVersion(), closeAndReopen().schemaVersion(), "reopening migrates nothing twice");
    }
}
