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

class SqliteStoreTest extends ReelayStoreContract {

    @TempDir
    Path dir;

    @Override
    protected ReelayStore openFresh() {
        return SqliteStore.open(dir);
    }

    @Override
    protected ReelayStore reopen() {
        return SqliteStore.open(dir);
    }

    @Override
    protected int latestSchemaVersion() {
        return 8;
    }

    /** Schema version 2 exactly as the hand-rolled migrations of earlier Reelays made it, with some rows. */
    private static final List<String> HAND_ROLLED_V2 = List.of(
            "CREATE TABLE chats (chat_key TEXT PRIMARY KEY, session_id TEXT NOT NULL, language TEXT NOT NULL,"
                    + " last_draft TEXT NOT NULL, updated_at INTEGER NOT NULL)",
            "CREATE TABLE identities (chat_key TEXT PRIMARY KEY, client_id TEXT NOT NULL, token TEXT NOT NULL,"
                    + " user_id TEXT NOT NULL, expires_at INTEGER)",
            "CREATE TABLE queued_requests (id INTEGER PRIMARY KEY AUTOINCREMENT, chat_key TEXT NOT NULL,"
                    + " user_id TEXT NOT NULL, user_name TEXT NOT NULL, language_tag TEXT NOT NULL,"
                    + " request_id TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL, queued_at INTEGER NOT NULL)",
            "CREATE INDEX queued_requests_chat ON queued_requests (chat_key, id)",
            "CREATE TABLE render_jobs (render_id TEXT PRIMARY KEY, chat_key TEXT NOT NULL, request_id TEXT NOT NULL,"
                    + " progress_message_id TEXT NOT NULL, state TEXT NOT NULL, progress INTEGER NOT NULL,"
                    + " output_url TEXT NOT NULL, error TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)",
            "CREATE INDEX render_jobs_state ON render_jobs (state, created_at)",
            "CREATE TABLE prompts (allowance TEXT NOT NULL, at INTEGER NOT NULL)",
            "CREATE INDEX prompts_allowance ON prompts (allowance, at)",
            "CREATE INDEX prompts_at ON prompts (at)",
            "INSERT INTO prompts VALUES ('user:telegram:7', 5)",
            "INSERT INTO chats VALUES ('telegram:7', 'session-7', 'en', '', 1)",
            "INSERT INTO queued_requests (chat_key, user_id, user_name, language_tag, request_id, kind, payload, queued_at)"
                    + " VALUES ('telegram:7', 'u', 'Ann', 'en', 'r7', 'chat', 'make it blue', 1)",
            "PRAGMA user_version = 2");

    private void handRolledStore(int userVersion) throws Exception {
        Path file = dir.resolve("old");
        java.nio.file.Files.createDirectories(file);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file.resolve(SqliteStore.FILE_NAME));
             var st = c.createStatement()) {
            for (String sql : HAND_ROLLED_V2) {
                st.execute(sql);
            }
            st.execute("PRAGMA user_version = " + userVersion);
        }
    }

    @Test
    void adoptsAStoreFromBeforeFlywayWithItsData() throws Exception {
        handRolledStore(2);
        try (SqliteStore store = SqliteStore.open(dir.resolve("old"))) {
            assertEquals(latestSchemaVersion(), store.schemaVersion());
            assertEquals("session-7", store.chat("telegram:7").orElseThrow().sessionId());
            assertEquals(List.of(Instant.ofEpochMilli(5)), store.promptsSince("user:telegram:7", Instant.EPOCH));
            assertEquals(List.of("r7"), store.queued().stream().map(WaitingRequest::requestId).toList());
            long next = store.enqueue(new QueuedRequest(0, "telegram:7", "u", "", "", "r8", "chat", "x", T0));
            assertTrue(next > store.queued().get(0).id());
        }
        try (SqliteStore store = SqliteStore.open(dir.resolve("old"))) {
            assertEquals(List.of("r7", "r8"), store.queued().stream().map(WaitingRequest::requestId).toList());
        }
    }

    @Test
    void refusesAHandRolledSchemaNewerThanItKnows() throws Exception {
        handRolledStore(999);
        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(dir.resolve("old")));
        assertTrue(e.getMessage().contains("newer than this Reelay"), e.getMessage());
    }

    @Test
    void refusesASchemaNewerThanItKnows() throws Exception {
        store().close();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME));
             var st = c.createStatement()) {
            st.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, execution_time, success) VALUES (99, '999', 'from the future', 'SQL',"
                    + " 'V999__from_the_future.sql', 0, 'test', 0, 1)");
        }
        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(dir));
        assertTrue(e.getMessage().contains("newer than this Reelay"), e.getMessage());
    }

    /** The store holds NemoVideo tokens: nobody but the owner may read it, whatever the umask. */
    @Test
    void theDatabaseAndItsLogsAreReadableByTheOwnerOnly() throws Exception {
        store().saveIdentity("telegram:1", new AnonymousIdentity("client-1", "tok", "anon_1", T0));
        for (String name : List.of(SqliteStore.FILE_NAME, SqliteStore.FILE_NAME + "-wal", SqliteStore.FILE_NAME + "-shm")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))), name);
        }
    }

    @Test
    void cacheServesReadsAndWritesThrough() {
        try (CachingStore cached = new CachingStore(store(), 10)) {
            assertEquals(Optional.empty(), cached.chat("c:1"));
            cached.saveChat(ChatState.fresh("c:1", T0).withSession("1", "en", T0));
            assertEquals("1", store().chat("c:1").orElseThrow().sessionId());
            assertEquals("1", cached.chat("c:1").orElseThrow().sessionId());
        }
    }
}
