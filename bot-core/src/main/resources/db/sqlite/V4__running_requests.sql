-- Version 4: the request each chat is running, so whoever runs the chat next (this process after
-- a crash, or another instance of a fleet) can tell the person it was cut off instead of
-- leaving its progress message hanging. One per chat: a chat runs one request at a time.
CREATE TABLE running_requests (chat_key TEXT PRIMARY KEY, user_id TEXT NOT NULL, user_name TEXT NOT NULL,
                               language_tag TEXT NOT NULL, request_id TEXT NOT NULL, kind TEXT NOT NULL,
                               payload TEXT NOT NULL, started_at INTEGER NOT NULL);
