//! Shop orders on PostgreSQL (the statements of SQLite's, with `$n` and `GREATEST`): the upsert a webhook delivery makes (stale payloads change
//! nothing but the refunded sum), the refunded sum, erasure of one shopper and the
//! retention purge.

use chrono::{DateTime, Utc};
use flightdeck_core::domain::{Order, WorkspaceId};
use flightdeck_store::tracking::rows::ts;
use flightdeck_store::{codec, Erasure, Purge, StoreResult};
use sqlx::{PgPool, Postgres, Transaction};

use crate::db_err;

/// Inserts the order or updates it by (workspace, platform, external id). A payload
/// whose `updated_at` is older than the stored one's changes nothing (shops do not
/// deliver in order); the refunded sum is never below the sum of the stored refunds
/// (a later payload may omit refunds that were delivered on their own).
pub(crate) async fn upsert_order(
    tx: &mut Transaction<'static, Postgres>,
    ws: &WorkspaceId,
    o: &Order,
    updated_at: Option<DateTime<Utc>>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO orders (id, workspace_id, shop_platform, external_id, placed_at, total_minor, refunded_minor, currency, \
         codes, utm_source, utm_medium, utm_campaign, click_id, customer_hash, source_updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
         ON CONFLICT (workspace_id, shop_platform, external_id) DO UPDATE SET placed_at = excluded.placed_at, \
         total_minor = excluded.total_minor, refunded_minor = excluded.refunded_minor, \
         currency = excluded.currency, codes = excluded.codes, \
         utm_source = COALESCE(excluded.utm_source, orders.utm_source), \
         utm_medium = COALESCE(excluded.utm_medium, orders.utm_medium), \
         utm_campaign = COALESCE(excluded.utm_campaign, orders.utm_campaign), \
         click_id = COALESCE(excluded.click_id, orders.click_id), \
         customer_hash = COALESCE(excluded.customer_hash, orders.customer_hash), \
         source_updated_at = COALESCE(excluded.source_updated_at, orders.source_updated_at) \
         WHERE orders.source_updated_at IS NULL OR excluded.source_updated_at IS NULL \
         OR excluded.source_updated_at >= orders.source_updated_at",
    )
    .bind(o.id.as_str())
    .bind(ws.as_str())
    .bind(&o.shop_platform)
    .bind(&o.external_id)
    .bind(ts(&o.placed_at))
    .bind(o.total.minor)
    .bind(o.refunded.minor)
    .bind(o.total.currency.to_string())
    .bind(codec::to_json(&o.codes)?)
    .bind(o.utm_source.as_deref())
    .bind(o.utm_medium.as_deref())
    .bind(o.utm_campaign.as_deref())
    .bind(o.click_id.as_deref())
    .bind(o.customer_hash.as_deref())
    .bind(updated_at.as_ref().map(ts))
    .execute(&mut **tx)
    .await
    .map_err(db_err)?;
    refresh_refunded(tx, ws, &o.shop_platform, &o.external_id).await
}

/// Sets an order's refunded sum to at least the sum of its stored refunds.
pub(crate) async fn refresh_refunded(
    tx: &mut Transaction<'static, Postgres>,
    ws: &WorkspaceId,
    platform: &str,
    external_id: &str,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE orders SET refunded_minor = GREATEST(refunded_minor, (SELECT COALESCE(SUM(amount_minor), 0) FROM refunds \
         WHERE workspace_id = $1 AND platform = $2 AND order_external_id = $3)) \
         WHERE workspace_id = $4 AND shop_platform = $5 AND external_id = $6",
    )
    .bind(ws.as_str())
    .bind(platform)
    .bind(external_id)
    .bind(ws.as_str())
    .bind(platform)
    .bind(external_id)
    .execute(&mut **tx)
    .await
    .map_err(db_err)?;
    Ok(())
}

/// Removes the shopper's orders, the clicks those orders carry the ids of, the events
/// with those click ids, the orders' refunds and the exposures keyed by the hash or
/// those click ids, in one transaction.
pub(crate) async fn erase_customer(pool: &PgPool, ws: &WorkspaceId, customer_hash: &str) -> StoreResult<Erasure> {
    let w = ws.as_str();
    let mut tx = pool.begin().await.map_err(db_err)?;
    let clicks_of =
        "SELECT click_id FROM orders WHERE workspace_id = $2 AND customer_hash = $3 AND click_id IS NOT NULL";
    let mut run = async |sql: String| -> StoreResult<u64> {
        let done = sqlx::query(&sql).bind(w).bind(w).bind(customer_hash).execute(&mut *tx).await.map_err(db_err)?;
        Ok(done.rows_affected())
    };
    let events = run(format!("DELETE FROM events WHERE workspace_id = $1 AND click_id IN ({clicks_of})")).await?;
    let clicks = run(format!("DELETE FROM clicks WHERE workspace_id = $1 AND id IN ({clicks_of})")).await?;
    let exposures = run("DELETE FROM view_exposures WHERE workspace_id = $1 AND (customer = $3 OR customer IN \
         (SELECT click_id FROM orders WHERE workspace_id = $2 AND customer_hash = $3 AND click_id IS NOT NULL))"
        .to_owned())
    .await?;
    let refunds = run("DELETE FROM refunds WHERE workspace_id = $1 AND EXISTS (SELECT 1 FROM orders o \
         WHERE o.workspace_id = $2 AND o.customer_hash = $3 AND o.shop_platform = refunds.platform \
         AND o.external_id = refunds.order_external_id)"
        .to_owned())
    .await?;
    let orders = sqlx::query("DELETE FROM orders WHERE workspace_id = $1 AND customer_hash = $2")
        .bind(w)
        .bind(customer_hash)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?
        .rows_affected();
    tx.commit().await.map_err(db_err)?;
    Ok(Erasure { orders, clicks, events, refunds, exposures })
}

/// Removes what is older than `cutoff`: orders placed (with their refunds), clicks,
/// events, exposures, and delivery ids received before it.
pub(crate) async fn purge_before(pool: &PgPool, ws: &WorkspaceId, cutoff: DateTime<Utc>) -> StoreResult<Purge> {
    let (w, cut) = (ws.as_str(), ts(&cutoff));
    let mut tx = pool.begin().await.map_err(db_err)?;
    let mut run = async |sql: &str| -> StoreResult<u64> {
        let done = sqlx::query(sql).bind(w).bind(cut.as_str()).execute(&mut *tx).await.map_err(db_err)?;
        Ok(done.rows_affected())
    };
    let refunds = run("DELETE FROM refunds WHERE workspace_id = $1 AND EXISTS (SELECT 1 FROM orders o \
         WHERE o.workspace_id = $1 AND o.placed_at < $2 AND o.shop_platform = refunds.platform \
         AND o.external_id = refunds.order_external_id)")
    .await?;
    let orders = run("DELETE FROM orders WHERE workspace_id = $1 AND placed_at < $2").await?;
    let events = run("DELETE FROM events WHERE workspace_id = $1 AND at < $2").await?;
    let clicks = run("DELETE FROM clicks WHERE workspace_id = $1 AND at < $2").await?;
    let exposures = run("DELETE FROM view_exposures WHERE workspace_id = $1 AND seen_at < $2").await?;
    let deliveries = run("DELETE FROM webhook_deliveries WHERE workspace_id = $1 AND received_at < $2").await?;
    tx.commit().await.map_err(db_err)?;
    Ok(Purge { orders, clicks, events, refunds, deliveries, exposures })
}
