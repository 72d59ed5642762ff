//! The all-or-nothing write session of the PostgreSQL backend.
//!
//! Each call runs under a savepoint: a call that fails leaves nothing behind and
//! the session stays usable, as a failed statement does in SQLite (a plain
//! PostgreSQL transaction would be aborted, and its COMMIT silently roll back).

use async_trait::async_trait;
use chrono::{DateTime, SecondsFormat, Utc};
use flightdeck_core::domain::{AccountId, Comment, WorkspaceId};
use flightdeck_store::{
    codec, AudienceRow, BulkSession, MetricRow, NewAccount, PostRow, Record, StoreError, StoreResult,
};
use sqlx::{Postgres, QueryBuilder, Transaction};

use crate::db_err;
use crate::owned::{Owned, Parent};

/// Tables with a `workspace_id` column, children first (for deleting a workspace).
pub(crate) const WORKSPACE_TABLES: [&str; 15] = [
    "scoring_runs",
    "vetting_settings",
    "scores",
    "clicks",
    "orders",
    "codes",
    "links",
    "documents",
    "comments",
    "posts",
    "audiences",
    "metrics",
    "accounts",
    "creators",
    "personas",
];

/// Rows per multi-row INSERT of posts (9 parameters each) and comments (6).
const ROW_BATCH: usize = 1_000;

/// An open transaction writing to one workspace.
pub(crate) struct PgSession {
    pub(crate) tx: Transaction<'static, Postgres>,
    pub(crate) workspace: WorkspaceId,
    pub(crate) owned: Owned,
    accounts_touched: bool,
    /// Set when a failed call could not be undone: the session can only be dropped.
    broken: bool,
}

/// RFC 3339 UTC text with microseconds, the way timestamps are stored.
pub(crate) fn ts(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

impl PgSession {
    pub(crate) fn new(tx: Transaction<'static, Postgres>, workspace: WorkspaceId) -> Self {
        Self { tx, workspace, owned: Owned::default(), accounts_touched: false, broken: false }
    }

    /// Opens the savepoint one call runs under.
    async fn enter(&mut self) -> StoreResult<()> {
        if self.broken {
            return Err(StoreError::Database("the write session failed earlier; start a new one".to_owned()));
        }
        sqlx::query("SAVEPOINT fd_call").execute(&mut *self.tx).await.map_err(db_err)?;
        Ok(())
    }

    /// Keeps a call's work when it succeeded, undoes all of it when it failed.
    async fn leave<T>(&mut self, result: StoreResult<T>) -> StoreResult<T> {
        let sql = if result.is_ok() { "RELEASE SAVEPOINT fd_call" } else { "ROLLBACK TO SAVEPOINT fd_call" };
        if result.is_err() {
            // Parents written by the undone call are gone again.
            self.owned = Owned::default();
        }
        if let Err(e) = sqlx::query(sql).execute(&mut *self.tx).await {
            self.broken = true;
            return Err(result.err().unwrap_or_else(|| db_err(e)));
        }
        result
    }

    async fn insert_posts_now(&mut self, rows: &[PostRow]) -> StoreResult<()> {
        let ws = self.workspace.clone();
        self.owned.check(&mut self.tx, &ws, Parent::Account, rows.iter().map(|r| r.post.account_id.as_str())).await?;
        for chunk in rows.chunks(ROW_BATCH) {
            let mut docs = Vec::with_capacity(chunk.len());
            for row in chunk {
                docs.push((codec::to_json(&row.post)?, row.compliance.as_ref().map(codec::to_json).transpose()?));
            }
            let mut qb: QueryBuilder<Postgres> = QueryBuilder::new(
                "INSERT INTO posts (id, workspace_id, account_id, external_id, published_at, format, data, compliance, verdict) ",
            );
            qb.push_values(chunk.iter().zip(docs), |mut b, (row, (data, compliance))| {
                let p = &row.post;
                let verdict = row.compliance.as_ref().and_then(|c| c.get("verdict")).and_then(|v| v.as_str());
                b.push_bind(p.id.as_str())
                    .push_bind(ws.as_str())
                    .push_bind(p.account_id.as_str())
                    .push_bind(p.external_id.as_deref())
                    .push_bind(ts(&p.published_at))
                    .push_bind(p.format.as_str())
                    .push_bind(data)
                    .push_bind(compliance)
                    .push_bind(verdict.map(str::to_owned));
            });
            qb.build().execute(&mut *self.tx).await.map_err(db_err)?;
        }
        Ok(())
    }

    async fn insert_comments_now(&mut self, rows: &[Comment]) -> StoreResult<()> {
        let ws = self.workspace.clone();
        self.owned.check(&mut self.tx, &ws, Parent::Post, rows.iter().map(|c| c.post_id.as_str())).await?;
        for chunk in rows.chunks(ROW_BATCH) {
            let mut qb: QueryBuilder<Postgres> =
                QueryBuilder::new("INSERT INTO comments (id, workspace_id, post_id, author_hash, body, created_at) ");
            qb.push_values(chunk, |mut b, c| {
                b.push_bind(c.id.as_str())
                    .push_bind(ws.as_str())
                    .push_bind(c.post_id.as_str())
                    .push_bind(c.author_hash.as_str())
                    .push_bind(c.text.as_str())
                    .push_bind(ts(&c.created_at));
            });
            qb.build().execute(&mut *self.tx).await.map_err(db_err)?;
        }
        Ok(())
    }

    async fn upsert_audiences_now(&mut self, rows: &[AudienceRow]) -> StoreResult<()> {
        let ws = self.workspace.clone();
        self.owned.check(&mut self.tx, &ws, Parent::Account, rows.iter().map(|r| r.account_id.as_str())).await?;
        for row in rows {
            sqlx::query(
                "INSERT INTO audiences (account_id, workspace_id, data) VALUES ($1, $2, $3) \
                 ON CONFLICT (account_id) DO UPDATE SET data = excluded.data",
            )
            .bind(row.account_id.as_str())
            .bind(ws.as_str())
            .bind(codec::to_json(&row.audience)?)
            .execute(&mut *self.tx)
            .await
            .map_err(db_err)?;
        }
        Ok(())
    }

    async fn insert_records_now(&mut self, rows: &[Record]) -> StoreResult<()> {
        let ws = self.workspace.clone();
        // A click may follow its link in the same call, so each is checked in turn.
        for record in rows {
            if let Record::Click(c) = record {
                self.owned.check(&mut self.tx, &ws, Parent::Link, std::iter::once(c.link_id.as_str())).await?;
            }
            crate::records::insert_record(&mut self.tx, &ws, record).await?;
        }
        Ok(())
    }
}

#[async_trait]
impl BulkSession for PgSession {
    async fn upsert_accounts(&mut self, rows: &[NewAccount]) -> StoreResult<Vec<AccountId>> {
        self.enter().await?;
        let result = crate::accounts::upsert(self, rows).await;
        let ids = self.leave(result).await?;
        self.accounts_touched = true;
        Ok(ids)
    }

    async fn upsert_metrics(&mut self, rows: &[MetricRow]) -> StoreResult<()> {
        self.enter().await?;
        let result = crate::copy::upsert_metrics(self, rows).await;
        self.leave(result).await
    }

    async fn upsert_audiences(&mut self, rows: &[AudienceRow]) -> StoreResult<()> {
        self.enter().await?;
        let result = self.upsert_audiences_now(rows).await;
        self.leave(result).await
    }

    async fn insert_posts(&mut self, rows: &[PostRow]) -> StoreResult<()> {
        self.enter().await?;
        let result = self.insert_posts_now(rows).await;
        self.leave(result).await
    }

    async fn insert_comments(&mut self, rows: &[Comment]) -> StoreResult<()> {
        self.enter().await?;
        let result = self.insert_comments_now(rows).await;
        self.leave(result).await
    }

    async fn insert_records(&mut self, rows: &[Record]) -> StoreResult<()> {
        self.enter().await?;
        let result = self.insert_records_now(rows).await;
        self.leave(result).await
    }

    async fn commit(mut self: Box<Self>) -> StoreResult<()> {
        if self.broken {
            return Err(StoreError::Database("the write session failed earlier; nothing was stored".to_owned()));
        }
        if self.accounts_touched {
            refresh_creator_followers(&mut self.tx, &self.workspace).await?;
        }
        self.tx.commit().await.map_err(db_err)
    }
}

/// Recomputes each creator's followers (largest account) and tier rank, writing
/// only the creators whose numbers changed.
async fn refresh_creator_followers(tx: &mut Transaction<'static, Postgres>, ws: &WorkspaceId) -> StoreResult<()> {
    sqlx::query(
        "UPDATE creators SET followers = f.followers, tier_rank = f.tier_rank FROM ( \
           SELECT m.id, m.followers, CASE WHEN m.followers >= 1000000 THEN 4 WHEN m.followers >= 100000 THEN 3 \
             WHEN m.followers >= 10000 THEN 2 WHEN m.followers >= 1000 THEN 1 ELSE 0 END AS tier_rank \
           FROM (SELECT c.id, COALESCE(MAX(a.followers), 0) AS followers FROM creators c \
                 LEFT JOIN accounts a ON a.creator_id = c.id WHERE c.workspace_id = $1 GROUP BY c.id) m \
         ) f \
         WHERE creators.id = f.id AND (creators.followers <> f.followers OR creators.tier_rank <> f.tier_rank)",
    )
    .bind(ws.as_str())
    .execute(&mut **tx)
    .await
    .map_err(db_err)?;
    Ok(())
}
