-- View-through exposures, imported from the ad-platform reports of whitelisted posts:
-- a customer (a keyed customer hash or a click id, never an address) saw a creator's
-- post for a campaign. Each is stored once by its natural key, so re-importing a
-- report changes nothing; `deliverable_id` is '' when the report names no post.
CREATE TABLE view_exposures (
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    customer TEXT COLLATE "C" NOT NULL,
    seen_at TEXT COLLATE "C" NOT NULL,
    creator_id TEXT COLLATE "C" NOT NULL,
    campaign_id TEXT COLLATE "C" NOT NULL,
    deliverable_id TEXT COLLATE "C" NOT NULL DEFAULT '',
    source TEXT COLLATE "C",
    PRIMARY KEY (workspace_id, customer, seen_at, creator_id, campaign_id, deliverable_id)
);
CREATE INDEX view_exposures_by_time ON view_exposures (workspace_id, seen_at);
