//! View-through exposures on PostgreSQL: stored in batches, once each by their natural
//! key (see [`ExposureRow`]), and listed oldest first.

use flightdeck_core::domain::WorkspaceId;
use flightdeck_store::tracking::rows::{self, ts};
use flightdeck_store::{ExposureRow, StoreResult};
use sqlx::{PgPool, Postgres, QueryBuilder, Row};

use crate::db_err;

/// Exposures per multi-row INSERT (7 parameters each, under PostgreSQL's 65535 limit).
const CHUNK: usize = 1_000;

/// Stores the batch in one transaction; returns how many rows were new.
pub(crate) async fn insert(pool: &PgPool, ws: &WorkspaceId, batch: &[ExposureRow]) -> StoreResult<u64> {
    let mut tx = pool.begin().await.map_err(db_err)?;
    let mut new = 0;
    for chunk in batch.chunks(CHUNK) {
        let mut qb: QueryBuilder<Postgres> = QueryBuilder::new(
            "INSERT INTO view_exposures (workspace_id, customer, seen_at, creator_id, campaign_id, deliverable_id, source) ",
        );
        qb.push_values(chunk, |mut b, row| {
            let e = &row.exposure;
            b.push_bind(ws.as_str())
                .push_bind(e.customer.as_str())
                .push_bind(ts(&e.at))
                .push_bind(e.creator_id.as_str())
                .push_bind(e.campaign_id.as_str())
                .push_bind(e.deliverable_id.as_ref().map_or("", |d| d.as_str()))
                .push_bind(row.source.as_deref());
        });
        qb.push(" ON CONFLICT DO NOTHING");
        new += qb.build().execute(&mut *tx).await.map_err(db_err)?.rows_affected();
    }
    tx.commit().await.map_err(db_err)?;
    Ok(new)
}

/// The workspace's exposures, by time (then customer, creator, campaign, post).
pub(crate) async fn list(pool: &PgPool, ws: &WorkspaceId) -> StoreResult<Vec<ExposureRow>> {
    let all = sqlx::query(
        "SELECT customer, seen_at, creator_id, campaign_id, deliverable_id, source FROM view_exposures \
         WHERE workspace_id = $1 ORDER BY seen_at, customer, creator_id, campaign_id, deliverable_id",
    )
    .bind(ws.as_str())
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    all.iter().map(|r| rows::exposure(std::array::from_fn(|i| r.get::<Option<String>, _>(i)))).collect()
}
