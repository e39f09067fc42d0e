package com.reelay.core.store;

import java.util.List;

/**
 * The embedded schema, one entry per version, applied in order and never edited once released:
 * a change is a new entry. SQLite keeps the applied version in {@code PRAGMA user_version}.
 */
final class Migrations {

    static final List<List<String>> STEPS = List.of(
            // Version 1: the first schema.
            List.of(
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
                    "CREATE INDEX render_jobs_state ON render_jobs (state, created_at)"),
            // Version 2: prompts the guard let through, so its limits hold across a restart.
            List.of(
                    "CREATE TABLE prompts (allowance TEXT NOT NULL, at INTEGER NOT NULL)",
                    "CREATE INDEX prompts_allowance ON prompts (allowance, at)",
                    "CREATE INDEX prompts_at ON prompts (at)"));

    private Migrations() {
    }

    static int latestVersion() {
        return STEPS.size();
    }
}
