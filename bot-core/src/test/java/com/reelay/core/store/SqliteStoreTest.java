package com.reelay.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.nemo.AnonymousIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {

    @TempDir
    Path dir;

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void everythingSurvivesReopening() {
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.saveChat(new ChatState("telegram:1", "1234567890123456789", "en", "{\"t\":[]}", T0));
            store.saveIdentity("telegram:1", new AnonymousIdentity("client-1", "tok", "anon_1", T0.plusSeconds(60)));
            store.enqueue(new QueuedRequest(0, "telegram:1", "u", "Ann", "en", "r1", "chat", "make it blue", T0));
            store.enqueue(new QueuedRequest(0, "telegram:1", "u", "Ann", "en", "r2", "export", "", T0));
            store.saveRenderJob(new RenderJob("render_1", "telegram:1", "r3", "42", RenderJob.State.RENDERING, 10, "", "", T0, T0));
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            assertEquals("1234567890123456789", store.chat("telegram:1").orElseThrow().sessionId());
            AnonymousIdentity id = store.identity("telegram:1").orElseThrow();
            assertEquals("client-1", id.clientId());
            assertEquals(T0.plusSeconds(60), id.expiresAt());
            List<QueuedRequest> queued = store.queued();
            assertEquals(List.of("r1", "r2"), queued.stream().map(QueuedRequest::requestId).toList());
            assertEquals("42", store.unfinishedRenderJobs().get(0).progressMessageId());
        }
    }

    @Test
    void deliveredJobsAreNotUnfinished() {
        try (SqliteStore store = SqliteStore.open(dir)) {
            RenderJob job = new RenderJob("render_1", "c:1", "r", "", RenderJob.State.RENDERING, 0, "", "", T0, T0);
            store.saveRenderJob(job);
            store.saveRenderJob(job.delivered("http://x/video.mp4", "", T0.plusSeconds(5)));
            assertEquals(List.of(), store.unfinishedRenderJobs());
            assertEquals("http://x/video.mp4", store.renderJob("render_1").orElseThrow().outputUrl());
        }
    }

    @Test
    void queueDropsPerChat() {
        try (SqliteStore store = SqliteStore.open(dir)) {
            long a = store.enqueue(new QueuedRequest(0, "c:1", "u", "", "", "r1", "chat", "x", T0));
            store.enqueue(new QueuedRequest(0, "c:1", "u", "", "", "r2", "chat", "y", T0));
            store.enqueue(new QueuedRequest(0, "c:2", "u", "", "", "r3", "chat", "z", T0));
            assertTrue(a > 0);
            assertEquals(2, store.dropQueued("c:1"));
            assertEquals(List.of("r3"), store.queued().stream().map(QueuedRequest::requestId).toList());
        }
    }

    @Test
    void migratesFromEmptyAndRefusesANewerSchema() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir)) {
            assertEquals(Migrations.latestVersion(), store.schemaVersion());
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME));
             var st = c.createStatement()) {
            st.execute("PRAGMA user_version = 999");
        }
        assertThrows(StoreException.class, () -> SqliteStore.open(dir));
    }

    @Test
    void cacheServesReadsAndWritesThrough() {
        try (SqliteStore durable = SqliteStore.open(dir); CachingStore cached = new CachingStore(durable, 10)) {
            assertEquals(Optional.empty(), cached.chat("c:1"));
            cached.saveChat(ChatState.fresh("c:1", T0).withSession("1", "en", T0));
            assertEquals("1", durable.chat("c:1").orElseThrow().sessionId());
            assertEquals("1", cached.chat("c:1").orElseThrow().sessionId());
        }
    }

    /** The store holds NemoVideo tokens: nobody but the owner may read it, whatever the umask. */
    @Test
    void theDatabaseAndItsLogsAreReadableByTheOwnerOnly() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.saveIdentity("telegram:1", new AnonymousIdentity("client-1", "tok", "anon_1", T0));
            for (String name : List.of(SqliteStore.FILE_NAME, SqliteStore.FILE_NAME + "-wal", SqliteStore.FILE_NAME + "-shm")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))), name);
            }
        }
    }
}
