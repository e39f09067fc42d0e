package com.reelay.core.store;

import com.reelay.core.nemo.AnonymousIdentity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store in the SQL that SQLite and PostgreSQL both speak; a backend says only where a
 * connection comes from ({@link #withConnection}) and keeps its own schema scripts.
 * Every method is one statement, committed when it returns.
 */
public abstract class SqlStore implements ReelayStore {

    private final int schemaVersion;

    protected SqlStore(int schemaVersion) {
        this.schemaVersion = schemaVersion;
    }

    /** One unit of work on a connection in auto-commit mode. */
    @FunctionalInterface
    protected interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on a connection this store may use for it alone. */
    protected abstract <T> T withConnection(Work<T> work) throws SQLException;

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    @Override
    public Optional<ChatState> chat(String chatKey) {
        return queryOne("SELECT chat_key, session_id, language, last_draft, updated_at FROM chats WHERE chat_key = ?",
                rs -> new ChatState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5))), chatKey);
    }

    @Override
    public void saveChat(ChatState state) {
        update("INSERT INTO chats (chat_key, session_id, language, last_draft, updated_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (chat_key) DO UPDATE SET session_id = excluded.session_id,"
                        + " language = excluded.language, last_draft = excluded.last_draft, updated_at = excluded.updated_at",
                state.chatKey(), state.sessionId(), state.language(), state.lastDraft(), state.updatedAt().toEpochMilli());
    }

    @Override
    public Optional<AnonymousIdentity> identity(String chatKey) {
        return queryOne("SELECT client_id, token, user_id, expires_at FROM identities WHERE chat_key = ?",
                rs -> {
                    long expires = rs.getLong(4);
                    Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
                    return new AnonymousIdentity(rs.getString(1), rs.getString(2), rs.getString(3), expiresAt);
                }, chatKey);
    }

    @Override
    public void saveIdentity(String chatKey, AnonymousIdentity identity) {
        update("INSERT INTO identities (chat_key, client_id, token, user_id, expires_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (chat_key) DO UPDATE SET client_id = excluded.client_id, token = excluded.token,"
                        + " user_id = excluded.user_id, expires_at = excluded.expires_at",
                chatKey, identity.clientId(), identity.token(), identity.userId(),
                identity.expiresAt() == null ? null : identity.expiresAt().toEpochMilli());
    }

    @Override
    public long enqueue(QueuedRequest r) {
        return queryOne("INSERT INTO queued_requests (chat_key, user_id, user_name, language_tag, request_id, kind, payload,"
                        + " queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                rs -> rs.getLong(1), r.chatKey(), r.userId(), r.userName(), r.languageTag(), r.requestId(), r.kind(),
                r.payload(), r.queuedAt().toEpochMilli())
                .orElseThrow(() -> new StoreException("no id for queued request", null));
    }

    @Override
    public void dequeue(long id) {
        update("DELETE FROM queued_requests WHERE id = ?", id);
    }

    @Override
    public int dropQueued(String chatKey) {
        return update("DELETE FROM queued_requests WHERE chat_key = ?", chatKey);
    }

    @Override
    public List<QueuedRequest> queued() {
        return queryAll("SELECT id, chat_key, user_id, user_name, language_tag, request_id, kind, payload, queued_at"
                        + " FROM queued_requests ORDER BY id",
                rs -> new QueuedRequest(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), Instant.ofEpochMilli(rs.getLong(9))));
    }

    @Override
    public void saveRenderJob(RenderJob j) {
        update("INSERT INTO render_jobs (render_id, chat_key, request_id, progress_message_id, state, progress, output_url,"
                        + " error, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (render_id) DO UPDATE SET progress_message_id = excluded.progress_message_id,"
                        + " state = excluded.state, progress = excluded.progress, output_url = excluded.output_url,"
                        + " error = excluded.error, updated_at = excluded.updated_at",
                j.renderId(), j.chatKey(), j.requestId(), j.progressMessageId(), j.state().name(), j.progress(),
                j.outputUrl(), j.error(), j.createdAt().toEpochMilli(), j.updatedAt().toEpochMilli());
    }

    @Override
    public Optional<RenderJob> renderJob(String renderId) {
        return queryOne(RENDER_JOB_COLUMNS + " WHERE render_id = ?", SqlStore::renderJob, renderId);
    }

    @Override
    public List<RenderJob> unfinishedRenderJobs() {
        return queryAll(RENDER_JOB_COLUMNS + " WHERE state <> 'DELIVERED' ORDER BY created_at", SqlStore::renderJob);
    }

    private static final String RENDER_JOB_COLUMNS = "SELECT render_id, chat_key, request_id, progress_message_id, state,"
            + " progress, output_url, error, created_at, updated_at FROM render_jobs";

    private static RenderJob renderJob(ResultSet rs) throws SQLException {
        return new RenderJob(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                RenderJob.State.valueOf(rs.getString(5)), rs.getInt(6), rs.getString(7), rs.getString(8),
                Instant.ofEpochMilli(rs.getLong(9)), Instant.ofEpochMilli(rs.getLong(10)));
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    protected interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    protected final <T> Optional<T> queryOne(String sql, Row<T> row, Object... args) {
        List<T> all = queryAll(sql, row, args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    protected final <T> List<T> queryAll(String sql, Row<T> row, Object... args) {
        try {
            return withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    bind(ps, args);
                    try (ResultSet rs = ps.executeQuery()) {
                        List<T> out = new ArrayList<>();
                        while (rs.next()) {
                            out.add(row.read(rs));
                        }
                        return out;
                    }
                }
            });
        } catch (SQLException e) {
            throw new StoreException("store read failed", e);
        }
    }

    protected final int update(String sql, Object... args) {
        try {
            return withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    bind(ps, args);
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new StoreException("store write failed", e);
        }
    }

    protected static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
