-- Flightdeck's first schema (SQLite). Every row carries its workspace.
CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    brand TEXT NOT NULL,
    settings TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE personas (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (workspace_id, name)
);

CREATE TABLE creators (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email_hash TEXT,
    followers INTEGER NOT NULL DEFAULT 0,
    tier_rank INTEGER NOT NULL DEFAULT 0,
    UNIQUE (workspace_id, name)
);
CREATE INDEX creators_by_followers ON creators (workspace_id, followers DESC);
CREATE INDEX creators_by_tier ON creators (workspace_id, tier_rank);

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    creator_id TEXT NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    handle TEXT NOT NULL,
    handle_key TEXT NOT NULL,
    followers INTEGER NOT NULL,
    country TEXT,
    language TEXT,
    niche TEXT,
    url TEXT,
    UNIQUE (workspace_id, platform, handle_key)
);
CREATE INDEX accounts_by_creator ON accounts (creator_id);

CREATE TABLE metrics (
    workspace_id TEXT NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    day INTEGER NOT NULL,
    followers INTEGER NOT NULL,
    following INTEGER,
    posts INTEGER,
    reach INTEGER,
    impressions INTEGER,
    views INTEGER,
    likes INTEGER,
    comments INTEGER,
    saves INTEGER,
    shares INTEGER,
    PRIMARY KEY (account_id, day)
) WITHOUT ROWID;

CREATE TABLE audiences (
    account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    workspace_id TEXT NOT NULL,
    data TEXT NOT NULL
);

CREATE TABLE posts (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    external_id TEXT,
    published_at TEXT NOT NULL,
    format TEXT NOT NULL,
    data TEXT NOT NULL,
    compliance TEXT,
    verdict TEXT
);
CREATE INDEX posts_by_account ON posts (account_id, published_at);

CREATE TABLE comments (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    author_hash TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX comments_by_post ON comments (post_id);

-- Campaign-side documents: campaign, flight, collaboration, brief, contract, deliverable.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    parent_id TEXT,
    creator_id TEXT,
    data TEXT NOT NULL
);
CREATE INDEX documents_by_kind ON documents (workspace_id, kind);
CREATE INDEX documents_by_parent ON documents (parent_id);

CREATE TABLE links (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    code TEXT NOT NULL UNIQUE,
    campaign_id TEXT NOT NULL,
    creator_id TEXT NOT NULL,
    deliverable_id TEXT,
    destination TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX links_by_workspace ON links (workspace_id, created_at);

CREATE TABLE codes (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    code_key TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    creator_id TEXT,
    percent_off INTEGER NOT NULL,
    UNIQUE (workspace_id, code_key)
);

CREATE TABLE clicks (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    link_id TEXT NOT NULL REFERENCES links(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    agent TEXT NOT NULL,
    referrer_host TEXT,
    country TEXT,
    consent INTEGER NOT NULL,
    visitor_hash TEXT
);
CREATE INDEX clicks_by_workspace ON clicks (workspace_id, at);
CREATE INDEX clicks_by_link ON clicks (link_id, at);

CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    shop_platform TEXT NOT NULL,
    external_id TEXT NOT NULL,
    placed_at TEXT NOT NULL,
    total_minor INTEGER NOT NULL,
    refunded_minor INTEGER NOT NULL DEFAULT 0,
    currency TEXT NOT NULL,
    codes TEXT NOT NULL,
    utm_source TEXT,
    utm_medium TEXT,
    utm_campaign TEXT,
    click_id TEXT,
    customer_hash TEXT,
    UNIQUE (workspace_id, shop_platform, external_id)
);
CREATE INDEX orders_by_workspace ON orders (workspace_id, placed_at);

CREATE TABLE scores (
    workspace_id TEXT NOT NULL,
    creator_id TEXT NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
    persona TEXT NOT NULL DEFAULT '',
    score REAL,
    report TEXT NOT NULL,
    PRIMARY KEY (creator_id, persona)
);
CREATE INDEX scores_by_value ON scores (workspace_id, persona, score DESC);
