-- The dashboard's compliance findings: a workspace's flagged posts by verdict, newest first.
CREATE INDEX posts_by_verdict ON posts (workspace_id, verdict, published_at);
