package com.reelay.core.store;

import com.reelay.core.nemo.AnonymousIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store: one SQLite file in the data directory. Write-ahead logging with full
 * synchronous commits means every write that returned survives {@code kill -9} and power loss.
 * One connection, used under this object's lock: SQLite serialises writers anyway, and the
 * write rate of a chat bot is far below what one connection sustains.
 */
public final class SqliteStore implements ReelayStore {

    private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);
    public static final String FILE_NAME = "reelay.db";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Connection connection;
    private final int schemaVersion;

    private SqliteStore(Connection connection, int schemaVersion) {
        this.connection = connection;
        this.schemaVersion = schemaVersion;
    }

    /** Opens (creating if needed) the store in {@code dataDir} and migrates it to the latest schema. */
    public static SqliteStore open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dataDir, e);
        }
        Path file = dataDir.resolve(FILE_NAME);
        ownerOnly(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        try {
            Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            int version = migrate(connection);
            log.info("store opened path={} schema={}", file.toAbsolutePath(), version);
            return new SqliteStore(connection, version);
        } catch (SQLException e) {
            throw new StoreException("cannot open store " + file, e);
        }
    }

    /**
     * The store holds NemoVideo tokens: it is created readable by its owner only, and an older,
     * wider one is narrowed. SQLite gives its -wal and -shm files the database file's permissions.
     */
    private static void ownerOnly(Path file) {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            if (Files.notExists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Path part = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(part) && !Files.getPosixFilePermissions(part).equals(OWNER_ONLY)) {
                    Files.setPosixFilePermissions(part, OWNER_ONLY);
                    log.info("store file made readable by its owner only path={}", part.toAbsolutePath());
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot make the store " + file + " owner-only", e);
        }
    }

    private static int migrate(Connection connection) throws SQLException {
        int current;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            current = rs.next() ? rs.getInt(1) : 0;
        }
        if (current > Migrations.latestVersion()) {
            throw new SQLException("store schema " + current + " is newer than this Reelay ("
                    + Migrations.latestVersion() + "): refusing to touch it");
        }
        for (int version = current + 1; version <= Migrations.latestVersion(); version++) {
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                for (String sql : Migrations.STEPS.get(version - 1)) {
                    st.execute(sql);
                }
                st.execute("PRAGMA user_version = " + version);
                connection.commit();
                log.info("store migrated to schema {}", version);
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
        return Migrations.latestVersion();
    }

    @Override
    public synchronized void probe() {
        queryOne("SELECT count(*) FROM sqlite_master", rs -> rs.getLong(1));
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    @Override
    public synchronized Optional<ChatState> chat(String chatKey) {
        return queryOne("SELECT chat_key, session_id, language, last_draft, updated_at FROM chats WHERE chat_key = ?",
                rs -> new ChatState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5))), chatKey);
    }

    @Override
    public synchronized void saveChat(ChatState state) {
        update("INSERT INTO chats (chat_key, session_id, language, last_draft, updated_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (chat_key) DO UPDATE SET session_id = excluded.session_id,"
                        + " language = excluded.language, last_draft = excluded.last_draft, updated_at = excluded.updated_at",
                state.chatKey(), state.sessionId(), state.language(), state.lastDraft(), state.updatedAt().toEpochMilli());
    }

    @Override
    public synchronized Optional<AnonymousIdentity> identity(String chatKey) {
        return queryOne("SELECT client_id, token, user_id, expires_at FROM identities WHERE chat_key = ?",
                rs -> {
                    long expires = rs.getLong(4);
                    Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
                    return new AnonymousIdentity(rs.getString(1), rs.getString(2), rs.getString(3), expiresAt);
                }, chatKey);
    }

    @Override
    public synchronized void saveIdentity(String chatKey, AnonymousIdentity identity) {
        update("INSERT INTO identities (chat_key, client_id, token, user_id, expires_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (chat_key) DO UPDATE SET client_id = excluded.client_id, token = excluded.token,"
                        + " user_id = excluded.user_id, expires_at = excluded.expires_at",
                chatKey, identity.clientId(), identity.token(), identity.userId(),
                identity.expiresAt() == null ? null : identity.expiresAt().toEpochMilli());
    }

    @Override
    public synchronized long enqueue(QueuedRequest r) {
        String sql = "INSERT INTO queued_requests (chat_key, user_id, user_name, language_tag, request_id, kind, payload, queued_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, r.chatKey(), r.userId(), r.userName(), r.languageTag(), r.requestId(), r.kind(), r.payload(),
                    r.queuedAt().toEpochMilli());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no id for queued request");
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot queue request", e);
        }
    }

    @Override
    public synchronized void dequeue(long id) {
        update("DELETE FROM queued_requests WHERE id = ?", id);
    }

    @Override
    public synchronized int dropQueued(String chatKey) {
        return update("DELETE FROM queued_requests WHERE chat_key = ?", chatKey);
    }

    @Override
    public synchronized List<QueuedRequest> queued() {
        return queryAll("SELECT id, chat_key, user_id, user_name, language_tag, request_id, kind, payload, queued_at"
                        + " FROM queued_requests ORDER BY id",
                rs -> new QueuedRequest(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), Instant.ofEpochMilli(rs.getLong(9))));
    }

    @Override
    public synchronized void saveRenderJob(RenderJob j) {
        update("INSERT INTO render_jobs (render_id, chat_key, request_id, progress_message_id, state, progress, output_url,"
                        + " error, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (render_id) DO UPDATE SET progress_message_id = excluded.progress_message_id,"
                        + " state = excluded.state, progress = excluded.progress, output_url = excluded.output_url,"
                        + " error = excluded.error, updated_at = excluded.updated_at",
                j.renderId(), j.chatKey(), j.requestId(), j.progressMessageId(), j.state().name(), j.progress(),
                j.outputUrl(), j.error(), j.createdAt().toEpochMilli(), j.updatedAt().toEpochMilli());
    }

    @Override
    public synchronized Optional<RenderJob> renderJob(String renderId) {
        return queryOne(RENDER_JOB_COLUMNS + " WHERE render_id = ?", SqliteStore::renderJob, renderId);
    }

    @Override
    public synchronized List<RenderJob> unfinishedRenderJobs() {
        return queryAll(RENDER_JOB_COLUMNS + " WHERE state = 'RENDERING' ORDER BY created_at", SqliteStore::renderJob);
    }

    private static final String RENDER_JOB_COLUMNS = "SELECT render_id, chat_key, request_id, progress_message_id, state,"
            + " progress, output_url, error, created_at, updated_at FROM render_jobs";

    private static RenderJob renderJob(ResultSet rs) throws SQLException {
        return new RenderJob(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                RenderJob.State.valueOf(rs.getString(5)), rs.getInt(6), rs.getString(7), rs.getString(8),
                Instant.ofEpochMilli(rs.getLong(9)), Instant.ofEpochMilli(rs.getLong(10)));
    }

    @Override
    public synchronized List<Instant> promptsSince(String key, Instant since) {
        return queryAll("SELECT at FROM prompts WHERE allowance = ? AND at >= ? ORDER BY at",
                rs -> Instant.ofEpochMilli(rs.getLong(1)), key, since.toEpochMilli());
    }

    @Override
    public synchronized void recordPrompt(List<String> keys, Instant at, Instant forgetBefore) {
        inTransaction("cannot record a prompt", () -> {
            for (String key : keys) {
                update("INSERT INTO prompts (allowance, at) VALUES (?, ?)", key, at.toEpochMilli());
            }
            update("DELETE FROM prompts WHERE at < ?", forgetBefore.toEpochMilli());
        });
    }

    /** Runs {@code work} as one commit: all of it survives a crash, or none. */
    private void inTransaction(String what, Runnable work) {
        try {
            connection.setAutoCommit(false);
            try {
                work.run();
                connection.commit();
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("store close failed: {}", e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> Optional<T> queryOne(String sql, Row<T> row, Object... args) {
        List<T> all = queryAll(sql, row, args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private <T> List<T> queryAll(String sql, Row<T> row, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.read(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException("store read failed", e);
        }
    }

    private int update(String sql, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("store write failed", e);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
