-- Version 8: a chat may hold several noted requests at once: the one it runs, and earlier ones
-- whose cut-off notice has not gone out yet (a takeover in progress). Keyed by chat and request,
-- so starting the next request no longer overwrites a notice still owed.
ALTER TABLE running_requests DROP CONSTRAINT running_requests_pkey;
ALTER TABLE running_requests ADD PRIMARY KEY (chat_key, request_id);
