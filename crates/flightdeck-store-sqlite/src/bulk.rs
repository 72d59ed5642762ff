//! The all-or-nothing write session of the SQLite backend.

use async_trait::async_trait;
use chrono::{DateTime, SecondsFormat, Utc};
use flightdeck_core::domain::{AccountId, Comment, WorkspaceId};
use flightdeck_store::{
    codec, day_number, AudienceRow, BulkSession, MetricRow, NewAccount, PostRow, Record, StoreResult,
};
use sqlx::{QueryBuilder, Row, Sqlite, Transaction};

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

/// Rows per multi-row INSERT (13 columns × 1,000 stays under SQLite's 32,766 limit).
const METRIC_BATCH: usize = 1_000;

/// An open transaction writing to one workspace.
pub(crate) struct SqliteSession {
    tx: Transaction<'static, Sqlite>,
    workspace: WorkspaceId,
    accounts_touched: bool,
    /// Parents known to be of this workspace (rows may not hang under another's).
    owned: Owned,
}

impl SqliteSession {
    pub(crate) fn new(tx: Transaction<'static, Sqlite>, workspace: WorkspaceId) -> Self {
        Self { tx, workspace, accounts_touched: false, owned: Owned::default() }
    }
}

/// RFC 3339 UTC text with microseconds, the way timestamps are stored.
pub(crate) fn ts(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

#[async_trait]
impl BulkSession for SqliteSession {
    async fn upsert_accounts(&mut self, rows: &[NewAccount]) -> StoreResult<Vec<AccountId>> {
        let mut ids = Vec::with_capacity(rows.len());
        for row in rows {
            let creator_row = sqlx::query(
                "INSERT INTO creators (id, workspace_id, name, email_hash) VALUES (?, ?, ?, ?) \
                 ON CONFLICT (workspace_id, name) DO UPDATE SET email_hash = COALESCE(excluded.email_hash, creators.email_hash) \
                 RETURNING id",
            )
            .bind(row.new_creator_id.as_str())
            .bind(self.workspace.as_str())
            .bind(row.creator_name.as_str())
            .bind(row.email_hash.as_deref())
            .fetch_one(&mut *self.tx)
            .await
            .map_err(db_err)?;
            let creator_id: String = creator_row.get(0);
            let account_row = sqlx::query(
                "INSERT INTO accounts (id, workspace_id, creator_id, platform, handle, handle_key, followers, country, language, niche, url) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
                 ON CONFLICT (workspace_id, platform, handle_key) DO UPDATE SET \
                 creator_id = excluded.creator_id, handle = excluded.handle, followers = excluded.followers, \
                 country = COALESCE(excluded.country, accounts.country), language = COALESCE(excluded.language, accounts.language), \
                 niche = COALESCE(excluded.niche, accounts.niche), url = COALESCE(excluded.url, accounts.url) \
                 RETURNING id",
            )
            .bind(row.new_account_id.as_str())
            .bind(self.workspace.as_str())
            .bind(&creator_id)
            .bind(row.platform.as_str())
            .bind(row.handle.as_str())
            .bind(row.handle.key())
            .bind(codec::to_i64(row.followers))
            .bind(row.country.map(|c| c.to_string()))
            .bind(row.language.map(|l| l.to_string()))
            .bind(row.niche.as_deref())
            .bind(row.url.as_deref())
            .fetch_one(&mut *self.tx)
            .await
            .map_err(db_err)?;
            ids.push(codec::account_id(account_row.get(0))?);
        }
        self.accounts_touched = true;
        Ok(ids)
    }

    async fn upsert_metrics(&mut self, rows: &[MetricRow]) -> StoreResult<()> {
        let accounts = rows.iter().map(|r| r.account.as_str());
        self.owned.check(&mut self.tx, &self.workspace, Parent::Account, accounts).await?;
        for chunk in rows.chunks(METRIC_BATCH) {
            let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO metrics (workspace_id, account_id, day, followers, following, posts, reach, impressions, views, likes, comments, saves, shares) ",
            );
            qb.push_values(chunk, |mut b, row| {
                let m = &row.metrics;
                b.push_bind(self.workspace.as_str())
                    .push_bind(row.account.as_str())
                    .push_bind(day_number(m.date))
                    .push_bind(codec::to_i64(m.followers));
                for value in codec::metric_columns(m) {
                    b.push_bind(value);
                }
            });
            qb.push(
                " ON CONFLICT (account_id, day) DO UPDATE SET followers = excluded.followers, following = excluded.following, \
                 posts = excluded.posts, reach = excluded.reach, impressions = excluded.impressions, views = excluded.views, \
                 likes = excluded.likes, comments = excluded.comments, saves = excluded.saves, shares = excluded.shares",
            );
            qb.build().persistent(true).execute(&mut *self.tx).await.map_err(db_err)?;
        }
        Ok(())
    }

    async fn upsert_audiences(&mut self, rows: &[AudienceRow]) -> StoreResult<()> {
        let accounts = rows.iter().map(|r| r.account_id.as_str());
        self.owned.check(&mut self.tx, &self.workspace, Parent::Account, accounts).await?;
        for row in rows {
            sqlx::query(
                "INSERT INTO audiences (account_id, workspace_id, data) VALUES (?, ?, ?) \
                 ON CONFLICT (account_id) DO UPDATE SET data = excluded.data",
            )
            .bind(row.account_id.as_str())
            .bind(self.workspace.as_str())
            .bind(codec::to_json(&row.audience)?)
            .execute(&mut *self.tx)
            .await
            .map_err(db_err)?;
        }
        Ok(())
    }

    async fn insert_posts(&mut self, rows: &[PostRow]) -> StoreResult<()> {
        let accounts = rows.iter().map(|r| r.post.account_id.as_str());
        self.owned.check(&mut self.tx, &self.workspace, Parent::Account, accounts).await?;
        for row in rows {
            let p = &row.post;
            let verdict = row.compliance.as_ref().and_then(|c| c.get("verdict")).and_then(|v| v.as_str());
            sqlx::query(
                "INSERT INTO posts (id, workspace_id, account_id, external_id, published_at, format, data, compliance, verdict) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(p.id.as_str())
            .bind(self.workspace.as_str())
            .bind(p.account_id.as_str())
            .bind(p.external_id.as_deref())
            .bind(ts(&p.published_at))
            .bind(p.format.as_str())
            .bind(codec::to_json(p)?)
            .bind(row.compliance.as_ref().map(codec::to_json).transpose()?)
            .bind(verdict)
            .execute(&mut *self.tx)
            .await
            .map_err(db_err)?;
        }
        Ok(())
    }

    async fn insert_comments(&mut self, rows: &[Comment]) -> StoreResult<()> {
        let posts = rows.iter().map(|c| c.post_id.as_str());
        self.owned.check(&mut self.tx, &self.workspace, Parent::Post, posts).await?;
        for c in rows {
            sqlx::query(
                "INSERT INTO comments (id, workspace_id, post_id, author_hash, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(c.id.as_str())
            .bind(self.workspace.as_str())
            .bind(c.post_id.as_str())
            .bind(&c.author_hash)
            .bind(&c.text)
            .bind(ts(&c.created_at))
            .execute(&mut *self.tx)
            .await
            .map_err(db_err)?;
        }
        Ok(())
    }

    async fn insert_records(&mut self, rows: &[Record]) -> StoreResult<()> {
        for record in rows {
            if let Record::Click(c) = record {
                let link = std::iter::once(c.link_id.as_str());
                self.owned.check(&mut self.tx, &self.workspace, Parent::Link, link).await?;
            }
            crate::list::insert_record(&mut self.tx, &self.workspace, record).await?;
        }
        Ok(())
    }

    async fn commit(mut self: Box<Self>) -> StoreResult<()> {
        if self.accounts_touched {
            refresh_creator_followers(&mut self.tx, &self.workspace).await?;
        }
        self.tx.commit().await.map_err(db_err)
    }
}

/// Recomputes each creator's followers (largest account) and tier rank.
async fn refresh_creator_followers(tx: &mut Transaction<'static, Sqlite>, ws: &WorkspaceId) -> StoreResult<()> {
    sqlx::query(
        "UPDATE creators SET followers = COALESCE((SELECT MAX(a.followers) FROM accounts a WHERE a.creator_id = creators.id), 0) \
         WHERE workspace_id = ?",
    )
    .bind(ws.as_str())
    .execute(&mut **tx)
    .await
    .map_err(db_err)?;
    sqlx::query(
        "UPDATE creators SET tier_rank = CASE WHEN followers >= 1000000 THEN 4 WHEN followers >= 100000 THEN 3 \
         WHEN followers >= 10000 THEN 2 WHEN followers >= 1000 THEN 1 ELSE 0 END WHERE workspace_id = ?",
    )
    .bind(ws.as_str())
    .execute(&mut **tx)
    .await
    .map_err(db_err)?;
    Ok(())
}
