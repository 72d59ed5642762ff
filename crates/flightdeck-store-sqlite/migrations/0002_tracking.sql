-- Tracking: shops and their webhook secrets, webhook deliveries (each stored once),
-- refunds (each applied once), pixel/server events (once per external id), and the
-- per-workspace secrets (the customer-hash key) that must outlive processes.

-- The secret is stored as given: it is the HMAC key every delivery is verified with.
-- It is never printed by the CLI, the API or the logs.
CREATE TABLE shops (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    domain TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (platform, domain)
);
CREATE INDEX shops_by_workspace ON shops (workspace_id, domain);

CREATE TABLE webhook_deliveries (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    delivery_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (workspace_id, platform, delivery_id)
);

CREATE TABLE refunds (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    refund_id TEXT NOT NULL,
    order_external_id TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    UNIQUE (workspace_id, platform, refund_id)
);
CREATE INDEX refunds_by_order ON refunds (workspace_id, platform, order_external_id);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    external_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    click_id TEXT,
    consent INTEGER NOT NULL,
    value_minor INTEGER,
    currency TEXT,
    UNIQUE (workspace_id, external_id)
);
CREATE INDEX events_by_click ON events (workspace_id, click_id);

CREATE TABLE workspace_secrets (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    secret TEXT NOT NULL,
    PRIMARY KEY (workspace_id, purpose)
);

CREATE INDEX orders_by_customer ON orders (workspace_id, customer_hash);
