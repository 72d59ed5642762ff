//! [`PostStore`] for PostgreSQL: posts with their publisher and stored compliance result.

use async_trait::async_trait;
use flightdeck_core::domain::WorkspaceId;
use flightdeck_store::posts::{list_posts_sql, CONTENT_COUNTS_SQL};
use flightdeck_store::{ContentCounts, PostFilter, PostStore, StoreResult, StoredPost, VerdictCounts};
use sqlx::Row;

use crate::{db_err, PgStore};

#[async_trait]
impl PostStore for PgStore {
    async fn list_posts(&self, workspace: &WorkspaceId, filter: &PostFilter) -> StoreResult<Vec<StoredPost>> {
        let limit = filter.limit.map_or_else(|| "ALL".to_owned(), |l| l.min(i64::MAX as u64).to_string());
        let offset = filter.offset.min(i64::MAX as u64);
        let sql = numbered(&format!("{} LIMIT {limit} OFFSET {offset}", list_posts_sql(filter)));
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
        let sql = numbered(CONTENT_COUNTS_SQL);
        let ws = workspace.as_str();
        let r = sqlx::query(&sql).bind(ws).bind(ws).bind(ws).fetch_one(self.pool()).await.map_err(db_err)?;
        let n = |i: usize| u64::try_from(r.get::<i64, _>(i)).unwrap_or(0);
        Ok(ContentCounts { creators: n(0), accounts: n(1), posts: n(2) })
    }

    async fn verdict_counts(&self, workspace: &WorkspaceId) -> StoreResult<VerdictCounts> {
        let rows = sqlx::query(
            "SELECT verdict, COUNT(*) FROM posts WHERE workspace_id = $1 AND verdict IS NOT NULL GROUP BY verdict",
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

/// The SQL with `?` placeholders numbered `$1`, `$2`, … (the query has no `?` in text).
fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(c);
        }
    }
    out
}
