-- Version 4 (db/sqlite/V3): the language chosen for a chat with /language, and each chat's
-- projects for /projects (newest first, with the link of the last export).
CREATE TABLE chat_languages (chat_key TEXT PRIMARY KEY, language TEXT NOT NULL);
CREATE TABLE projects (chat_key TEXT NOT NULL, session_id TEXT NOT NULL, language TEXT NOT NULL,
                       title TEXT NOT NULL, last_render_id TEXT NOT NULL, last_export_url TEXT NOT NULL,
                       created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                       PRIMARY KEY (chat_key, session_id));
CREATE INDEX projects_newest ON projects (chat_key, created_at);
CREATE INDEX projects_render ON projects (last_render_id);
