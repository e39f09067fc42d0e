-- Version 5: what failed requests asked for, so their Retry buttons work after a restart and on
-- whichever instance of a fleet runs the chat next. Kept a day (files are not: their platform
-- handles expire, so their buttons work only in the process that saw them).
CREATE TABLE retry_requests (request_id TEXT PRIMARY KEY, chat_key TEXT NOT NULL, user_id TEXT NOT NULL,
                             user_name TEXT NOT NULL, language_tag TEXT NOT NULL, kind TEXT NOT NULL,
                             payload TEXT NOT NULL, failed_at INTEGER NOT NULL);
CREATE INDEX retry_requests_age ON retry_requests (failed_at);
