-- Version 9: where a running request shows itself (its progress message), and the final reply
-- it handed to the platform, if it got that far. The next owner after a crash repeats that reply
-- in that message, or edits the cut-off notice into it: an edit made twice reads once, so an
-- owner dying right after saying either leaves nothing said twice.
ALTER TABLE running_requests ADD COLUMN progress_message_id TEXT NOT NULL DEFAULT '',
                             ADD COLUMN answer TEXT NOT NULL DEFAULT '';
