-- Shop webhooks: the shop's own `updated_at` of the stored order payload, so that a
-- delivery older than the stored one (shops do not deliver in order) changes nothing
-- but the refunded sum; and indexes for erasure and retention.
ALTER TABLE orders ADD COLUMN source_updated_at TEXT COLLATE "C";
CREATE INDEX events_by_time ON events (workspace_id, at);
CREATE INDEX webhook_deliveries_by_time ON webhook_deliveries (workspace_id, received_at);
