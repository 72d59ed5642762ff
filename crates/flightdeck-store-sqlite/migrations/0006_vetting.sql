-- Stored vetting: the last scoring run of each workspace (its day and peer index, as
-- JSON), and each workspace's composite weights. Scores themselves live in `scores`
-- (0001): one row per creator × persona name ('' for the brand alone); their new
-- column `suspicious` lets lists show the authenticity verdict without reading `report`.
CREATE TABLE scoring_runs (
    workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    as_of INTEGER NOT NULL,
    run TEXT NOT NULL
);

CREATE TABLE vetting_settings (
    workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    weights TEXT NOT NULL
);

CREATE INDEX accounts_by_workspace_creator ON accounts (workspace_id, creator_id);

ALTER TABLE scores ADD COLUMN suspicious INTEGER;
