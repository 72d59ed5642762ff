-- Tracking: shops and their webhook secrets, webhook deliveries (each stored once),
-- refunds (each applied once), pixel/server events (once per external id), and the
-- per-workspace secrets (the customer-hash key) that must outlive processes.

-- The secret is stored as given: it is the HMAC key every delivery is verified with.
-- It is never printed by the CLI, the API or the logs.
CREATE TABLE shops (
    id TEXT COLLATE "C" PRIMARY KEY,
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    platform TEXT COLLATE "C" NOT NULL,
    domain TEXT COLLATE "C" NOT NULL,
    secret TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    UNIQUE (platform, domain)
);
CREATE INDEX shops_by_workspace ON shops (workspace_id, domain);

CREATE TABLE webhook_deliveries (
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    platform TEXT COLLATE "C" NOT NULL,
    delivery_id TEXT COLLATE "C" NOT NULL,
    received_at TEXT COLLATE "C" NOT NULL,
    UNIQUE (workspace_id, platform, delivery_id)
);

CREATE TABLE refunds (
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    platform TEXT COLLATE "C" NOT NULL,
    refund_id TEXT COLLATE "C" NOT NULL,
    order_external_id TEXT COLLATE "C" NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT COLLATE "C" NOT NULL,
    UNIQUE (workspace_id, platform, refund_id)
);
CREATE INDEX refunds_by_order ON refunds (workspace_id, platform, order_external_id);

CREATE TABLE events (
    id TEXT COLLATE "C" PRIMARY KEY,
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    external_id TEXT COLLATE "C" NOT NULL,
    kind TEXT COLLATE "C" NOT NULL,
    at TEXT COLLATE "C" NOT NULL,
    click_id TEXT COLLATE "C",
    consent BOOLEAN NOT NULL,
    value_minor BIGINT,
    currency TEXT COLLATE "C",
    UNIQUE (workspace_id, external_id)
);
CREATE INDEX events_by_click ON events (workspace_id, click_id);

CREATE TABLE workspace_secrets (
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    purpose TEXT COLLATE "C" NOT NULL,
    secret TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (workspace_id, purpose)
);

CREATE INDEX orders_by_customer ON orders (workspace_id, customer_hash);
