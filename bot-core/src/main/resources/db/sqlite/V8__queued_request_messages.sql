-- Version 8: the acknowledgement a waiting request was answered with ("#1 in line"), so that
-- after a restart or a takeover the request carries on in it instead of leaving it behind.
ALTER TABLE queued_requests ADD COLUMN ack_message_id TEXT NOT NULL DEFAULT '';
