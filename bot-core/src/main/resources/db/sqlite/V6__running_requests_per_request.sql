-- Version 6: a chat may hold several noted requests at once: the one it runs, and earlier ones
-- whose cut-off notice has not gone out yet (a takeover in progress). Keyed by chat and request,
-- so starting the next request no longer overwrites a notice still owed.
CREATE TABLE running_requests_new (chat_key TEXT NOT NULL, user_id TEXT NOT NULL, user_name TEXT NOT NULL,
                                   language_tag TEXT NOT NULL, request_id TEXT NOT NULL, kind TEXT NOT NULL,
                                   payload TEXT NOT NULL, started_at INTEGER NOT NULL,
                                   PRIMARY KEY (chat_key, request_id));
INSERT INTO running_requests_new SELECT chat_key, user_id, user_name, language_tag, request_id, kind, payload, started_at
    FROM running_requests;
DROP TABLE running_requests;
ALTER TABLE running_requests_new RENAME TO running_requests;
