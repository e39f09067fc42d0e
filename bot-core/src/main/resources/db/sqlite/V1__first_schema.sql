-- Version 1: the first schema, as the hand-rolled migrations created it (PRAGMA user_version = 1).
-- Released scripts are never edited: a change is a new V<n>__<what>.sql (Flyway checks checksums).
CREATE TABLE chats (chat_key TEXT PRIMARY KEY, session_id TEXT NOT NULL, language TEXT NOT NULL,
                    last_draft TEXT NOT NULL, updated_at INTEGER NOT NULL);

CREATE TABLE identities (chat_key TEXT PRIMARY KEY, client_id TEXT NOT NULL, token TEXT NOT NULL,
                         user_id TEXT NOT NULL, expires_at INTEGER);

CREATE TABLE queued_requests (id INTEGER PRIMARY KEY AUTOINCREMENT, chat_key TEXT NOT NULL,
                              user_id TEXT NOT NULL, user_name TEXT NOT NULL, language_tag TEXT NOT NULL,
                              request_id TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL,
                              queued_at INTEGER NOT NULL);
CREATE INDEX queued_requests_chat ON queued_requests (chat_key, id);

CREATE TABLE render_jobs (render_id TEXT PRIMARY KEY, chat_key TEXT NOT NULL, request_id TEXT NOT NULL,
                          progress_message_id TEXT NOT NULL, state TEXT NOT NULL, progress INTEGER NOT NULL,
                          output_url TEXT NOT NULL, error TEXT NOT NULL, created_at INTEGER NOT NULL,
                          updated_at INTEGER NOT NULL);
CREATE INDEX render_jobs_state ON render_jobs (state, created_at);
