//! [`PostStore`] for SQLite: posts with their publisher and stored compliance result.

use async_trait::async_trait;
use flightdeck_core::domain::WorkspaceId;
use flightdeck_store::posts::{list_posts_sql, CONTENT_COUNTS_SQL};
use flightdeck_store::{ContentCounts, PostFilter, PostStore, StoreResult, StoredPost, VerdictCounts};
use sqlx::Row;

use crate::{db_err, SqliteStore};

#[async_trait]
impl PostStore for SqliteStore {
    async fn list_posts(&self, workspace: &WorkspaceId, filter: &PostFilter) -> StoreResult<Vec<StoredPost>> {
        let limit = filter.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let offset = i64::try_from(filter.offset).unwrap_or(i64::MAX);
        let mut sql = list_posts_sql(filter);
        if filter.creator.is_some() {
            // One creator's posts: start from their accounts (accounts_by_creator, then
            // posts_by_account). Without the `+`, SQLite walks every post of the
            // workspace through posts_by_verdict (300 ms instead of 5 on the demo).
            sql = sql.replacen("WHERE p.workspace_id = ?", "WHERE +p.workspace_id = ?", 1);
        }
        let sql = format!("{sql} LIMIT {limit} OFFSET {offset}");
        let mut q = sqlx::query(&sql).bind(workspace.as_str());
        if let Some(c) = &filter.creator {
            q = q.bind(c.as_str());
        }
        let rows = q.fetch_all(self.pool()).await.map_err(db_err)?;
        rows.iter()
            .map(|r| {
                StoredPost::decode(
                    r.get::<&str, _>(0),
                    r.get::<&str, _>(1),
                    r.get(2),
                    r.get(3),
                    r.get(4),
                    r.get(5),
                    r.get(6),
                )
            })
            .collect()
    }

    async fn content_counts(&self, workspace: &WorkspaceId) -> StoreResult<ContentCounts> {
        let sql = CONTENT_COUNTS_SQL.to_owned();
        let ws = workspace.as_str();
        let r = sqlx::query(&sql).bind(ws).bind(ws).bind(ws).fetch_one(self.pool()).await.map_err(db_err)?;
        let n = |i: usize| u64::try_from(r.get::<i64, _>(i)).unwrap_or(0);
        Ok(ContentCounts { creators: n(0), accounts: n(1), posts: n(2) })
    }

    async fn verdict_counts(&self, workspace: &WorkspaceId) -> StoreResult<VerdictCounts> {
        let rows = sqlx::query(
            "SELECT verdict, COUNT(*) FROM posts WHERE workspace_id = ? AND verdict IS NOT NULL GROUP BY verdict",
        )
        .bind(workspace.as_str())
        .fetch_all(self.pool())
        .await
        .map_err(db_err)?;
        let mut out = VerdictCounts::default();
        for r in &rows {
            let n = u64::try_from(r.get::<i64, _>(1)).unwrap_or(0);
            match r.get::<&str, _>(0) {
                "violation" => out.violation = n,
                "warning" => out.warning = n,
                "ok" => out.ok = n,
                _ => {}
            }
        }
        Ok(out)
    }
}
