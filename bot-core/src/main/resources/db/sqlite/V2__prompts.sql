-- Version 2: prompts the guard let through, so its limits hold across a restart (hand-rolled
-- migrations made the same as PRAGMA user_version = 2).
CREATE TABLE prompts (allowance TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX prompts_allowance ON prompts (allowance, at);
CREATE INDEX prompts_at ON prompts (at);
