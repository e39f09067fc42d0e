-- Version 2: prompts the guard let through (db/sqlite/V2), so its limits hold across a restart
-- and, the database being shared, across the fleet.
CREATE TABLE prompts (allowance TEXT NOT NULL, at BIGINT NOT NULL);
CREATE INDEX prompts_allowance ON prompts (allowance, at);
CREATE INDEX prompts_at ON prompts (at);
