-- Version 3: what a fleet of instances shares (README, "Running several instances").
-- Times are epoch milliseconds from the instances' clocks; fencing epochs, not clocks, keep a
-- chat's work from running twice, so clock skew can only delay a takeover.

-- Membership: every instance registers and heartbeats; one that stops is expelled by the others.
CREATE TABLE fleet_instances (instance_id TEXT PRIMARY KEY, started_at BIGINT NOT NULL,
                              heartbeat_at BIGINT NOT NULL, expelled BOOLEAN NOT NULL DEFAULT FALSE);

-- Chat ownership: one live owner per chat; the epoch grows with every change of owner.
CREATE TABLE chat_leases (chat_key TEXT PRIMARY KEY, owner TEXT NOT NULL, epoch BIGINT NOT NULL,
                          acquired_at BIGINT NOT NULL);
CREATE INDEX chat_leases_owner ON chat_leases (owner);

-- The shared inbox: requests received by any instance, de-duplicated by their platform id
-- (Telegram's update_id, Discord's interaction id), run by the chat's owner in id order.
CREATE TABLE fleet_inbox (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, source TEXT NOT NULL,
                          source_id TEXT NOT NULL, chat_key TEXT NOT NULL, payload TEXT NOT NULL,
                          received_at BIGINT NOT NULL, received_by TEXT NOT NULL,
                          taken_epoch BIGINT, done_at BIGINT, UNIQUE (source, source_id));
CREATE INDEX fleet_inbox_open ON fleet_inbox (chat_key, id) WHERE done_at IS NULL;

-- Render jobs: the instance that polls one, and the claim's epoch (grows with every takeover).
ALTER TABLE render_jobs ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '',
                        ADD COLUMN claim_epoch BIGINT NOT NULL DEFAULT 0;
