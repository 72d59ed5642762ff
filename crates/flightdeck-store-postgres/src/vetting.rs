//! [`VettingStore`] for PostgreSQL: creators' data read back by id range, scores and the
//! scoring run replaced in one transaction.

use async_trait::async_trait;
use chrono::NaiveDate;
use flightdeck_core::domain::{CreatorId, WorkspaceId};
use flightdeck_store::vetting::{CommentColumns, ScoreRow};
use flightdeck_store::{codec, day_number, StoreResult, VettingLoad, VettingRows, VettingStore};
use sqlx::postgres::PgRow;
use sqlx::{Postgres, QueryBuilder, Row};

use crate::list::account_columns;
use crate::{db_err, PgStore};

/// Score rows per multi-row INSERT (6 parameters each).
const SCORE_BATCH: usize = 1_000;

fn comment_columns(r: &PgRow) -> CommentColumns {
    CommentColumns {
        account_id: r.get(0),
        id: r.get(1),
        post_id: r.get(2),
        author_hash: r.get(3),
        body: r.get(4),
        created_at: r.get(5),
    }
}

#[async_trait]
impl VettingStore for PgStore {
    async fn creator_id_page(
        &self,
        workspace: &WorkspaceId,
        after: Option<&CreatorId>,
        limit: u32,
    ) -> StoreResult<Vec<CreatorId>> {
        let rows = sqlx::query("SELECT id FROM creators WHERE workspace_id = $1 AND id > $2 ORDER BY id LIMIT $3")
            .bind(workspace.as_str())
            .bind(after.map_or("", CreatorId::as_str))
            .bind(i64::from(limit))
            .fetch_all(self.pool())
            .await
            .map_err(db_err)?;
        rows.iter().map(|r| codec::creator_id(r.get(0))).collect()
    }

    async fn vetting_rows(
        &self,
        workspace: &WorkspaceId,
        first: &CreatorId,
        last: &CreatorId,
        load: VettingLoad,
    ) -> StoreResult<VettingRows> {
        let pool = self.pool();
        let (ws, first, last) = (workspace.as_str(), first.as_str(), last.as_str());
        let fetch = |sql: &'static str| sqlx::query(sql).bind(ws).bind(first).bind(last).fetch_all(pool);
        let mut out = VettingRows::default();
        let accounts = fetch(concat!(
            "SELECT a.id, a.creator_id, a.platform, a.handle, a.followers, a.country, a.language, a.niche, a.url ",
            "FROM accounts a WHERE a.workspace_id = $1 AND a.creator_id BETWEEN $2 AND $3 ",
            "ORDER BY a.creator_id, a.platform, a.handle_key"
        ));
        out.accounts = accounts.await.map_err(db_err)?.iter().map(|r| account_columns(r, 0)).collect();
        if load.metrics {
            let rows = fetch(concat!(
                "SELECT m.account_id, m.day, m.followers, m.following, m.posts, m.reach, m.impressions, m.views, ",
                "m.likes, m.comments, m.saves, m.shares FROM accounts a JOIN metrics m ON m.account_id = a.id ",
                "WHERE a.workspace_id = $1 AND a.creator_id BETWEEN $2 AND $3"
            ));
            for r in rows.await.map_err(db_err)? {
                let rest: [Option<i64>; 9] = std::array::from_fn(|i| r.get(i + 3));
                out.metrics.push((r.get(0), codec::daily_metrics(r.get(1), r.get(2), rest)?));
            }
        }
        if load.audiences {
            let rows = fetch(concat!(
                "SELECT au.account_id, au.data FROM accounts a JOIN audiences au ON au.account_id = a.id ",
                "WHERE a.workspace_id = $1 AND a.creator_id BETWEEN $2 AND $3"
            ));
            out.audiences = rows.await.map_err(db_err)?.iter().map(|r| (r.get(0), r.get(1))).collect();
        }
        if load.posts {
            let rows = fetch(concat!(
                "SELECT p.data, p.verdict FROM accounts a JOIN posts p ON p.account_id = a.id ",
                "WHERE a.workspace_id = $1 AND a.creator_id BETWEEN $2 AND $3"
            ));
            out.posts = rows.await.map_err(db_err)?.iter().map(|r| (r.get(0), r.get(1))).collect();
        }
        if load.comments {
            let rows = fetch(concat!(
                "SELECT p.account_id, c.id, c.post_id, c.author_hash, c.body, c.created_at FROM accounts a ",
                "JOIN posts p ON p.account_id = a.id JOIN comments c ON c.post_id = p.id ",
                "WHERE a.workspace_id = $1 AND a.creator_id BETWEEN $2 AND $3"
            ));
            out.comments = rows.await.map_err(db_err)?.iter().map(comment_columns).collect();
        }
        Ok(out)
    }

    async fn replace_score_rows(
        &self,
        workspace: &WorkspaceId,
        as_of: NaiveDate,
        run: &str,
        rows: &[ScoreRow],
    ) -> StoreResult<()> {
        let ws = workspace.as_str();
        let mut tx = self.pool().begin().await.map_err(db_err)?;
        sqlx::query("DELETE FROM scores WHERE workspace_id = $1").bind(ws).execute(&mut *tx).await.map_err(db_err)?;
        for chunk in rows.chunks(SCORE_BATCH) {
            let mut qb: QueryBuilder<Postgres> =
                QueryBuilder::new("INSERT INTO scores (workspace_id, creator_id, persona, score, suspicious, report) ");
            qb.push_values(chunk, |mut b, row| {
                b.push_bind(ws)
                    .push_bind(&row.creator)
                    .push_bind(&row.persona)
                    .push_bind(row.score)
                    .push_bind(row.suspicious)
                    .push_bind(&row.facts);
            });
            qb.build().execute(&mut *tx).await.map_err(db_err)?;
        }
        sqlx::query(
            "INSERT INTO scoring_runs (workspace_id, as_of, run) VALUES ($1, $2, $3) \
             ON CONFLICT (workspace_id) DO UPDATE SET as_of = excluded.as_of, run = excluded.run",
        )
        .bind(ws)
        .bind(day_number(as_of))
        .bind(run)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        tx.commit().await.map_err(db_err)
    }

    async fn scoring_run_json(&self, workspace: &WorkspaceId) -> StoreResult<Option<String>> {
        let row = sqlx::query("SELECT run FROM scoring_runs WHERE workspace_id = $1")
            .bind(workspace.as_str())
            .fetch_optional(self.pool())
            .await
            .map_err(db_err)?;
        Ok(row.map(|r| r.get(0)))
    }

    async fn score_row(
        &self,
        workspace: &WorkspaceId,
        creator: &CreatorId,
        persona: &str,
    ) -> StoreResult<Option<(Option<f64>, String)>> {
        let row = sqlx::query(
            "SELECT score, report FROM scores WHERE workspace_id = $1 AND creator_id = $2 AND persona = $3",
        )
        .bind(workspace.as_str())
        .bind(creator.as_str())
        .bind(persona)
        .fetch_optional(self.pool())
        .await
        .map_err(db_err)?;
        Ok(row.map(|r| (r.get(0), r.get(1))))
    }

    async fn weights_json(&self, workspace: &WorkspaceId) -> StoreResult<Option<String>> {
        let row = sqlx::query("SELECT weights FROM vetting_settings WHERE workspace_id = $1")
            .bind(workspace.as_str())
            .fetch_optional(self.pool())
            .await
            .map_err(db_err)?;
        Ok(row.map(|r| r.get(0)))
    }

    async fn set_weights_json(&self, workspace: &WorkspaceId, weights: Option<&str>) -> StoreResult<()> {
        let q = match weights {
            Some(w) => sqlx::query(
                "INSERT INTO vetting_settings (workspace_id, weights) VALUES ($1, $2) \
                 ON CONFLICT (workspace_id) DO UPDATE SET weights = excluded.weights",
            )
            .bind(workspace.as_str())
            .bind(w),
            None => sqlx::query("DELETE FROM vetting_settings WHERE workspace_id = $1").bind(workspace.as_str()),
        };
        q.execute(self.pool()).await.map_err(db_err)?;
        Ok(())
    }
}
