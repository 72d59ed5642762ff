-- Flightdeck's first schema (PostgreSQL). Every row carries its workspace.
--
-- The same tables as the SQLite backend, so that both give byte-identical answers:
-- every text column uses the "C" collation (byte order, as SQLite's BINARY, whatever
-- the database's default collation is); JSON documents are TEXT, read back exactly as
-- written; timestamps are RFC 3339 UTC text; dates are day numbers since 1970-01-01.
CREATE TABLE workspaces (
    id TEXT COLLATE "C" PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL UNIQUE,
    brand TEXT NOT NULL,
    settings TEXT NOT NULL DEFAULT '{}',
    created_at TEXT COLLATE "C" NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
);

CREATE TABLE personas (
    id TEXT COLLATE "C" PRIMARY KEY,
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name TEXT COLLATE "C" NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (workspace_id, name)
);

CREATE TABLE creators (
    id TEXT COLLATE "C" PRIMARY KEY,
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name TEXT COLLATE "C" NOT NULL,
    email_hash TEXT COLLATE "C",
    followers BIGINT NOT NULL DEFAULT 0,
    tier_rank BIGINT NOT NULL DEFAULT 0,
    UNIQUE (workspace_id, name)
);
CREATE INDEX creators_by_followers ON creators (workspace_id, followers DESC);
CREATE INDEX creators_by_tier ON creators (workspace_id, tier_rank);

CREATE TABLE accounts (
    id TEXT COLLATE "C" PRIMARY KEY,
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    creator_id TEXT COLLATE "C" NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
    platform TEXT COLLATE "C" NOT NULL,
    handle TEXT COLLATE "C" NOT NULL,
    handle_key TEXT COLLATE "C" NOT NULL,
    followers BIGINT NOT NULL,
    country TEXT COLLATE "C",
    language TEXT COLLATE "C",
    niche TEXT COLLATE "C",
    url TEXT COLLATE "C",
    UNIQUE (workspace_id, platform, handle_key)
);
CREATE INDEX accounts_by_creator ON accounts (creator_id);

CREATE TABLE metrics (
    workspace_id TEXT COLLATE "C" NOT NULL,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    day BIGINT NOT NULL,
    followers BIGINT NOT NULL,
    following BIGINT,
    posts BIGINT,
    reach BIGINT,
    impressions BIGINT,
    views BIGINT,
    likes BIGINT,
    comments BIGINT,
    saves BIGINT,
    shares BIGINT,
    PRIMARY KEY (account_id, day)
);
CREATE INDEX metrics_by_workspace ON metrics (workspace_id);

CREATE TABLE audiences (
    account_id TEXT COLLATE "C" PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    workspace_id TEXT COLLATE "C" NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX audiences_by_workspace ON audiences (workspace_id);

CREATE TABLE posts (
    id TEXT COLLATE "C" PRIMARY KEY,
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    external_id TEXT COLLATE "C",
    published_at TEXT COLLATE "C" NOT NULL,
    format TEXT COLLATE "C" NOT NULL,
    data TEXT NOT NULL,
    compliance TEXT,
    verdict TEXT COLLATE "C"
);
CREATE INDEX posts_by_account ON posts (account_id, published_at);
CREATE INDEX posts_by_workspace ON posts (workspace_id);

CREATE TABLE comments (
    id TEXT COLLATE "C" PRIMARY KEY,
    workspace_id TEXT COLLATE "C" NOT NULL,
    post_id TEXT COLLATE "C" NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    author_hash TEXT COLLATE "C" NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX comments_by_post ON comments (post_id);
CREATE INDEX comments_by_workspace ON comments (workspace_id);

-- Campaign-side documents: campaign, flight, collaboration, brief, contract, deliverable.
CREATE TABLE documents (
    id TEXT COLLATE "C" PRIMARY KEY,
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    kind TEXT COLLATE "C" NOT NULL,
    parent_id TEXT COLLATE "C",
    creator_id TEXT COLLATE "C",
    data TEXT NOT NULL
);
CREATE INDEX documents_by_kind ON documents (workspace_id, kind);
CREATE INDEX documents_by_parent ON documents (parent_id);

CREATE TABLE links (
    id TEXT COLLATE "C" PRIMARY KEY,
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    code TEXT COLLATE "C" NOT NULL UNIQUE,
    campaign_id TEXT COLLATE "C" NOT NULL,
    creator_id TEXT COLLATE "C" NOT NULL,
    deliverable_id TEXT COLLATE "C",
    destination TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX links_by_workspace ON links (workspace_id, created_at);

CREATE TABLE codes (
    id TEXT COLLATE "C" PRIMARY KEY,
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    code TEXT COLLATE "C" NOT NULL,
    code_key TEXT COLLATE "C" NOT NULL,
    campaign_id TEXT COLLATE "C" NOT NULL,
    creator_id TEXT COLLATE "C",
    percent_off BIGINT NOT NULL,
    UNIQUE (workspace_id, code_key)
);

CREATE TABLE clicks (
    id TEXT COLLATE "C" PRIMARY KEY,
    workspace_id TEXT COLLATE "C" NOT NULL,
    link_id TEXT COLLATE "C" NOT NULL REFERENCES links(id) ON DELETE CASCADE,
    at TEXT COLLATE "C" NOT NULL,
    agent TEXT COLLATE "C" NOT NULL,
    referrer_host TEXT COLLATE "C",
    country TEXT COLLATE "C",
    consent BOOLEAN NOT NULL,
    visitor_hash TEXT COLLATE "C"
);
CREATE INDEX clicks_by_workspace ON clicks (workspace_id, at);
CREATE INDEX clicks_by_link ON clicks (link_id, at);

CREATE TABLE orders (
    id TEXT COLLATE "C" PRIMARY KEY,
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    shop_platform TEXT COLLATE "C" NOT NULL,
    external_id TEXT COLLATE "C" NOT NULL,
    placed_at TEXT COLLATE "C" NOT NULL,
    total_minor BIGINT NOT NULL,
    refunded_minor BIGINT NOT NULL DEFAULT 0,
    currency TEXT COLLATE "C" NOT NULL,
    codes TEXT NOT NULL,
    utm_source TEXT COLLATE "C",
    utm_medium TEXT COLLATE "C",
    utm_campaign TEXT COLLATE "C",
    click_id TEXT COLLATE "C",
    customer_hash TEXT COLLATE "C",
    UNIQUE (workspace_id, shop_platform, external_id)
);
CREATE INDEX orders_by_workspace ON orders (workspace_id, placed_at);

CREATE TABLE scores (
    workspace_id TEXT COLLATE "C" NOT NULL,
    creator_id TEXT COLLATE "C" NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
    persona TEXT COLLATE "C" NOT NULL DEFAULT '',
    score DOUBLE PRECISION,
    report TEXT NOT NULL,
    PRIMARY KEY (creator_id, persona)
);
CREATE INDEX scores_by_value ON scores (workspace_id, persona, score DESC);
