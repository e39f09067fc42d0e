-- Version 6: where the fleet's one poller reads each platform feed from (Telegram's getUpdates
-- offset), so a new leader neither skips nor repeats updates. Render jobs follow their chat's
-- lease (the chat's owner watches them), so the per-job claim columns of version 3 go.
CREATE TABLE fleet_positions (feed TEXT PRIMARY KEY, next_position BIGINT NOT NULL, saved_by TEXT NOT NULL,
                              saved_at BIGINT NOT NULL);
ALTER TABLE render_jobs DROP COLUMN claimed_by, DROP COLUMN claim_epoch;
-- Done inbox rows are forgotten a day after (their ids de-duplicate Telegram's redeliveries until then).
CREATE INDEX fleet_inbox_done ON fleet_inbox (done_at) WHERE done_at IS NOT NULL;
