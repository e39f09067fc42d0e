package com.reelay.core.store;

import com.reelay.core.guard.PromptLog;
import com.reelay.core.nemo.AnonymousIdentity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The store in the SQL that SQLite and PostgreSQL both speak; a backend says only where a
 * connection comes from (its {@link Sql}) and keeps its own schema scripts. Every method is one
 * statement, committed when it returns.
 */
public abstract class SqlStore implements ReelayStore {

    private final Sql sql;
    private final int schemaVersion;

    protected SqlStore(Sql sql, int schemaVersion) {
        this.sql = sql;
        this.schemaVersion = schemaVersion;
    }

    @Override
    public void probe() {
        sql.queryOne("SELECT 1", rs -> rs.getInt(1)); // reads the database itself, never the cache
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    @Override
    public Optional<ChatState> chat(String chatKey) {
        return sql.queryOne("SELECT chat_key, session_id, language, last_draft, updated_at FROM chats WHERE chat_key = ?",
                rs -> new ChatState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5))), chatKey);
    }

    @Override
    public void saveChat(ChatState state) {
        sql.update("INSERT INTO chats (chat_key, session_id, language, last_draft, updated_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (chat_key) DO UPDATE SET session_id = excluded.session_id,"
                        + " language = excluded.language, last_draft = excluded.last_draft, updated_at = excluded.updated_at",
                state.chatKey(), state.sessionId(), state.language(), state.lastDraft(), state.updatedAt().toEpochMilli());
    }

    @Override
    public Optional<AnonymousIdentity> identity(String chatKey) {
        return sql.queryOne("SELECT client_id, token, user_id, expires_at FROM identities WHERE chat_key = ?",
                rs -> {
                    long expires = rs.getLong(4);
                    Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
                    return new AnonymousIdentity(rs.getString(1), rs.getString(2), rs.getString(3), expiresAt);
                }, chatKey);
    }

    @Override
    public void saveIdentity(String chatKey, AnonymousIdentity identity) {
        sql.update("INSERT INTO identities (chat_key, client_id, token, user_id, expires_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (chat_key) DO UPDATE SET client_id = excluded.client_id, token = excluded.token,"
                        + " user_id = excluded.user_id, expires_at = excluded.expires_at",
                chatKey, identity.clientId(), identity.token(), identity.userId(),
                identity.expiresAt() == null ? null : identity.expiresAt().toEpochMilli());
    }

    @Override
    public long enqueue(QueuedRequest r) {
        return sql.queryOne("INSERT INTO queued_requests (chat_key, user_id, user_name, language_tag, request_id, kind, payload,"
                        + " queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                rs -> rs.getLong(1), r.chatKey(), r.userId(), r.userName(), r.languageTag(), r.requestId(), r.kind(),
                r.payload(), r.queuedAt().toEpochMilli())
                .orElseThrow(() -> new StoreException("no id for queued request", null));
    }

    @Override
    public void dequeue(long id) {
        sql.update("DELETE FROM queued_requests WHERE id = ?", id);
    }

    @Override
    public int dropQueued(String chatKey) {
        return sql.update("DELETE FROM queued_requests WHERE chat_key = ?", chatKey);
    }

    @Override
    public void noteQueuedMessage(long id, String ackMessageId) {
        sql.update("UPDATE queued_requests SET ack_message_id = ? WHERE id = ?", ackMessageId, id);
    }

    @Override
    public List<WaitingRequest> queued() {
        return sql.queryAll("SELECT id, chat_key, user_id, user_name, language_tag, request_id, kind, payload, queued_at,"
                        + " ack_message_id FROM queued_requests ORDER BY id",
                rs -> new WaitingRequest(new QueuedRequest(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        Instant.ofEpochMilli(rs.getLong(9))), rs.getString(10)));
    }

    @Override
    public void saveRetry(QueuedRequest r, Instant forgetBefore) {
        sql.inTransaction(c -> {
            Sql.update(c, "INSERT INTO retry_requests (request_id, chat_key, user_id, user_name, language_tag, kind, payload,"
                            + " failed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO UPDATE SET"
                            + " chat_key = excluded.chat_key, kind = excluded.kind, payload = excluded.payload,"
                            + " failed_at = excluded.failed_at",
                    r.requestId(), r.chatKey(), r.userId(), r.userName(), r.languageTag(), r.kind(), r.payload(),
                    r.queuedAt().toEpochMilli());
            return Sql.update(c, "DELETE FROM retry_requests WHERE failed_at < ?", forgetBefore.toEpochMilli());
        });
    }

    @Override
    public Optional<QueuedRequest> retry(String requestId) {
        return sql.queryOne("SELECT chat_key, user_id, user_name, language_tag, request_id, kind, payload, failed_at"
                        + " FROM retry_requests WHERE request_id = ?",
                rs -> new QueuedRequest(0, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), Instant.ofEpochMilli(rs.getLong(8))), requestId);
    }

    @Override
    public void markRunning(QueuedRequest r) {
        sql.update("INSERT INTO running_requests (chat_key, user_id, user_name, language_tag, request_id, kind, payload,"
                        + " started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (chat_key, request_id) DO UPDATE SET"
                        + " kind = excluded.kind, payload = excluded.payload, started_at = excluded.started_at,"
                        + " progress_message_id = '', answer = ''",
                r.chatKey(), r.userId(), r.userName(), r.languageTag(), r.requestId(), r.kind(), r.payload(),
                r.queuedAt().toEpochMilli());
    }

    @Override
    public void clearRunning(String chatKey, String requestId) {
        sql.update("DELETE FROM running_requests WHERE chat_key = ? AND request_id = ?", chatKey, requestId);
    }

    @Override
    public void noteRunningMessage(String chatKey, String requestId, String progressMessageId) {
        sql.update("UPDATE running_requests SET progress_message_id = ? WHERE chat_key = ? AND request_id = ?",
                progressMessageId, chatKey, requestId);
    }

    @Override
    public void noteAnswer(String chatKey, String requestId, String answer) {
        sql.update("UPDATE running_requests SET answer = ? WHERE chat_key = ? AND request_id = ?", answer, chatKey,
                requestId);
    }

    @Override
    public List<RunningRequest> running() {
        return sql.queryAll("SELECT chat_key, user_id, user_name, language_tag, request_id, kind, payload, started_at,"
                        + " progress_message_id, answer FROM running_requests ORDER BY started_at",
                rs -> new RunningRequest(new QueuedRequest(0, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        Instant.ofEpochMilli(rs.getLong(8))), rs.getString(9), rs.getString(10)));
    }

    @Override
    public void saveRenderJob(RenderJob j) {
        sql.update("INSERT INTO render_jobs (render_id, chat_key, request_id, progress_message_id, state, progress, output_url,"
                        + " error, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (render_id) DO UPDATE SET progress_message_id = excluded.progress_message_id,"
                        + " state = excluded.state, progress = excluded.progress, output_url = excluded.output_url,"
                        + " error = excluded.error, updated_at = excluded.updated_at",
                j.renderId(), j.chatKey(), j.requestId(), j.progressMessageId(), j.state().name(), j.progress(),
                j.outputUrl(), j.error(), j.createdAt().toEpochMilli(), j.updatedAt().toEpochMilli());
    }

    @Override
    public Optional<RenderJob> renderJob(String renderId) {
        return sql.queryOne(RENDER_JOB_COLUMNS + " WHERE render_id = ?", SqlStore::renderJob, renderId);
    }

    @Override
    public List<RenderJob> unfinishedRenderJobs() {
        return sql.queryAll(RENDER_JOB_COLUMNS + " WHERE state = 'RENDERING' ORDER BY created_at", SqlStore::renderJob);
    }

    @Override
    public List<Instant> promptsSince(String key, Instant since) {
        return sql.inTransaction(c -> promptsSince(c, key, since));
    }

    @Override
    public void recordPrompt(List<String> keys, Instant at, Instant forgetBefore) {
        sql.inTransaction(c -> {
            recordPrompt(c, keys, at, forgetBefore);
            return null;
        });
    }

    /** The guard's log on one connection: a check that holds locks there counts there too. */
    protected static PromptLog promptLogOn(Connection c) {
        return new PromptLog() {
            @Override
            public List<Instant> promptsSince(String key, Instant since) {
                return unchecked(() -> SqlStore.promptsSince(c, key, since));
            }

            @Override
            public void recordPrompt(List<String> keys, Instant at, Instant forgetBefore) {
                unchecked(() -> {
                    SqlStore.recordPrompt(c, keys, at, forgetBefore);
                    return null;
                });
            }
        };
    }

    private static List<Instant> promptsSince(Connection c, String key, Instant since) throws SQLException {
        return Sql.queryAll(c, "SELECT at FROM prompts WHERE allowance = ? AND at >= ? ORDER BY at",
                rs -> Instant.ofEpochMilli(rs.getLong(1)), key, since.toEpochMilli());
    }

    private static void recordPrompt(Connection c, List<String> keys, Instant at, Instant forgetBefore) throws SQLException {
        for (String key : keys) {
            Sql.update(c, "INSERT INTO prompts (allowance, at) VALUES (?, ?)", key, at.toEpochMilli());
        }
        Sql.update(c, "DELETE FROM prompts WHERE at < ?", forgetBefore.toEpochMilli());
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private static <T> T unchecked(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new StoreException("store statement failed", e);
        }
    }

    @Override
    public Optional<String> chatLanguage(String chatKey) {
        return sql.queryOne("SELECT language FROM chat_languages WHERE chat_key = ?", rs -> rs.getString(1), chatKey);
    }

    @Override
    public void saveChatLanguage(String chatKey, String language) {
        if (language == null || language.isBlank()) {
            sql.update("DELETE FROM chat_languages WHERE chat_key = ?", chatKey);
            return;
        }
        sql.update("INSERT INTO chat_languages (chat_key, language) VALUES (?, ?)"
                + " ON CONFLICT (chat_key) DO UPDATE SET language = excluded.language", chatKey, language);
    }

    @Override
    public void saveProject(Project p) {
        sql.update("INSERT INTO projects (chat_key, session_id, language, title, last_render_id, last_export_url, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (chat_key, session_id) DO UPDATE SET language = excluded.language,"
                        + " title = excluded.title, last_render_id = excluded.last_render_id,"
                        + " last_export_url = excluded.last_export_url, updated_at = excluded.updated_at",
                p.chatKey(), p.sessionId(), p.language(), p.title(), p.lastRenderId(), p.lastExportUrl(),
                p.createdAt().toEpochMilli(), p.updatedAt().toEpochMilli());
    }

    @Override
    public Optional<Project> project(String chatKey, String sessionId) {
        return sql.queryOne(PROJECT_COLUMNS + " WHERE chat_key = ? AND session_id = ?", SqlStore::project, chatKey, sessionId);
    }

    @Override
    public Optional<Project> projectRendering(String renderId) {
        return sql.queryOne(PROJECT_COLUMNS + " WHERE last_render_id = ?", SqlStore::project, renderId);
    }

    @Override
    public List<Project> projects(String chatKey, int limit) {
        return sql.queryAll(PROJECT_COLUMNS + " WHERE chat_key = ? ORDER BY created_at DESC, session_id DESC LIMIT ?",
                SqlStore::project, chatKey, limit);
    }

    private static final String PROJECT_COLUMNS = "SELECT chat_key, session_id, language, title, last_render_id,"
            + " last_export_url, created_at, updated_at FROM projects";

    private static Project project(ResultSet rs) throws SQLException {
        return new Project(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)));
    }

    private static final String RENDER_JOB_COLUMNS = "SELECT render_id, chat_key, request_id, progress_message_id, state,"
            + " progress, output_url, error, created_at, updated_at FROM render_jobs";

    private static RenderJob renderJob(ResultSet rs) throws SQLException {
        return new RenderJob(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                RenderJob.State.valueOf(rs.getString(5)), rs.getInt(6), rs.getString(7), rs.getString(8),
                Instant.ofEpochMilli(rs.getLong(9)), Instant.ofEpochMilli(rs.getLong(10)));
    }
}
