//! [`TrackingStore`] for PostgreSQL (the same statements as SQLite's, with `$n`
//! placeholders and `GREATEST`): link lookups, batched clicks, webhook deliveries,
//! shops, events and erasure. Every write that must be all-or-nothing is one
//! transaction.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use flightdeck_core::domain::{
    Campaign, CampaignId, Click, DiscountCode, Event, Order, ShopId, TrackingLink, WorkspaceId,
};
use flightdeck_core::tracking::ShopPlatform;
use flightdeck_store::tracking::rows::{self, ts};
use flightdeck_store::{
    codec, ClickRow, DeliveryOutcome, Erasure, ExposureRow, LinkTarget, Purge, Shop, ShopChange, ShopSecret,
    StoreError, StoreResult, TrackingStore,
};
use sqlx::postgres::PgRow;
use sqlx::{Postgres, QueryBuilder, Row};

use crate::{db_err, PgStore};

const LINK_COLUMNS: &str = "id, code, campaign_id, creator_id, deliverable_id, destination, created_at";
const ORDER_COLUMNS: &str = "id, shop_platform, external_id, placed_at, currency, codes, utm_source, utm_medium, \
                             utm_campaign, click_id, customer_hash, total_minor, refunded_minor";
/// Clicks per multi-row INSERT (9 parameters each, under PostgreSQL's 65535 limit).
const CLICK_CHUNK: usize = 500;

fn link_of(r: &PgRow) -> StoreResult<TrackingLink> {
    rows::link(std::array::from_fn(|i| r.get::<Option<String>, _>(i)))
}

fn order_of(r: &PgRow) -> StoreResult<Order> {
    rows::order(std::array::from_fn(|i| r.get::<Option<String>, _>(i)), r.get(11), r.get(12))
}

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

fn shop_of(r: &PgRow) -> StoreResult<Shop> {
    let platform: String = r.get(2);
    Ok(Shop {
        id: ShopId::parse(r.get(0)).map_err(corrupt)?,
        workspace_id: WorkspaceId::parse(r.get(1)).map_err(corrupt)?,
        platform: ShopPlatform::parse(&platform).map_err(corrupt)?,
        domain: r.get(3),
        secret: ShopSecret::new(r.get::<String, _>(4)),
        created_at: rows::time(r.get(5))?,
    })
}

#[async_trait]
impl TrackingStore for PgStore {
    async fn link_by_code(&self, code: &str) -> StoreResult<Option<LinkTarget>> {
        let sql = format!("SELECT {LINK_COLUMNS}, workspace_id FROM links WHERE code = $1");
        let row = sqlx::query(&sql).bind(code).fetch_optional(self.pool()).await.map_err(db_err)?;
        let Some(r) = row else { return Ok(None) };
        let workspace_id = WorkspaceId::parse(r.get(7)).map_err(corrupt)?;
        Ok(Some(LinkTarget { workspace_id, link: link_of(&r)? }))
    }

    async fn insert_clicks(&self, clicks: &[ClickRow]) -> StoreResult<()> {
        let mut tx = self.pool().begin().await.map_err(db_err)?;
        for chunk in clicks.chunks(CLICK_CHUNK) {
            let mut qb: QueryBuilder<Postgres> = QueryBuilder::new(
                "INSERT INTO clicks (id, workspace_id, link_id, at, agent, referrer_host, country, consent, visitor_hash) ",
            );
            qb.push_values(chunk, |mut b, row| {
                let c = &row.click;
                b.push_bind(c.id.as_str())
                    .push_bind(row.workspace_id.as_str())
                    .push_bind(c.link_id.as_str())
                    .push_bind(ts(&c.at))
                    .push_bind(c.agent.as_str())
                    .push_bind(c.referrer_host.as_deref())
                    .push_bind(c.country.as_deref())
                    .push_bind(c.consent)
                    .push_bind(c.visitor_hash.as_deref());
            });
            qb.build().execute(&mut *tx).await.map_err(db_err)?;
        }
        tx.commit().await.map_err(db_err)
    }

    async fn list_links(&self, workspace: &WorkspaceId) -> StoreResult<Vec<TrackingLink>> {
        let sql = format!("SELECT {LINK_COLUMNS} FROM links WHERE workspace_id = $1 ORDER BY created_at, id");
        let all = sqlx::query(&sql).bind(workspace.as_str()).fetch_all(self.pool()).await.map_err(db_err)?;
        all.iter().map(link_of).collect()
    }

    async fn list_codes(&self, workspace: &WorkspaceId) -> StoreResult<Vec<DiscountCode>> {
        let all = sqlx::query(
            "SELECT id, code, campaign_id, creator_id, percent_off FROM codes WHERE workspace_id = $1 ORDER BY code_key",
        )
        .bind(workspace.as_str())
        .fetch_all(self.pool())
        .await
        .map_err(db_err)?;
        all.iter().map(|r| rows::code(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4))).collect()
    }

    async fn list_clicks(&self, workspace: &WorkspaceId, since: Option<DateTime<Utc>>) -> StoreResult<Vec<Click>> {
        let since = since.map(|t| ts(&t)).unwrap_or_default();
        let all = sqlx::query(
            "SELECT id, link_id, at, agent, referrer_host, country, consent, visitor_hash FROM clicks \
             WHERE workspace_id = $1 AND at >= $2 ORDER BY at, id",
        )
        .bind(workspace.as_str())
        .bind(since)
        .fetch_all(self.pool())
        .await
        .map_err(db_err)?;
        all.iter()
            .map(|r| rows::click(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7)))
            .collect()
    }

    async fn list_orders(&self, workspace: &WorkspaceId) -> StoreResult<Vec<Order>> {
        let sql = format!("SELECT {ORDER_COLUMNS} FROM orders WHERE workspace_id = $1 ORDER BY placed_at, id");
        let all = sqlx::query(&sql).bind(workspace.as_str()).fetch_all(self.pool()).await.map_err(db_err)?;
        all.iter().map(order_of).collect()
    }

    async fn apply_delivery(
        &self,
        workspace: &WorkspaceId,
        platform: ShopPlatform,
        delivery_id: Option<&str>,
        change: &ShopChange,
    ) -> StoreResult<DeliveryOutcome> {
        let mut tx = self.pool().begin().await.map_err(db_err)?;
        if let Some(id) = delivery_id {
            let done = sqlx::query(
                "INSERT INTO webhook_deliveries (workspace_id, platform, delivery_id, received_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(workspace.as_str())
            .bind(platform.as_str())
            .bind(id)
            .bind(ts(&Utc::now()))
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
            if done.rows_affected() == 0 {
                return Ok(DeliveryOutcome::Duplicate);
            }
        }
        match change {
            ShopChange::Order { order, updated_at } => {
                crate::orders::upsert_order(&mut tx, workspace, order, *updated_at).await?
            }
            ShopChange::Refund { order_external_id, refund_id, amount } => {
                sqlx::query(
                    "INSERT INTO refunds (workspace_id, platform, refund_id, order_external_id, amount_minor, currency) \
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                )
                .bind(workspace.as_str())
                .bind(platform.as_str())
                .bind(refund_id)
                .bind(order_external_id)
                .bind(amount.minor)
                .bind(amount.currency.to_string())
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                crate::orders::refresh_refunded(&mut tx, workspace, platform.as_str(), order_external_id).await?;
            }
            ShopChange::Nothing => {}
        }
        tx.commit().await.map_err(db_err)?;
        Ok(DeliveryOutcome::Applied)
    }

    async fn add_shop(&self, shop: &Shop) -> StoreResult<()> {
        sqlx::query("INSERT INTO shops (id, workspace_id, platform, domain, secret, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(shop.id.as_str())
            .bind(shop.workspace_id.as_str())
            .bind(shop.platform.as_str())
            .bind(&shop.domain)
            .bind(shop.secret.expose())
            .bind(ts(&shop.created_at))
            .execute(self.pool())
            .await
            .map_err(db_err)?;
        Ok(())
    }

    async fn shop_by_domain(&self, platform: ShopPlatform, domain: &str) -> StoreResult<Option<Shop>> {
        let row = sqlx::query(
            "SELECT id, workspace_id, platform, domain, secret, created_at FROM shops WHERE platform = $1 AND domain = $2",
        )
        .bind(platform.as_str())
        .bind(domain)
        .fetch_optional(self.pool())
        .await
        .map_err(db_err)?;
        row.as_ref().map(shop_of).transpose()
    }

    async fn list_shops(&self, workspace: &WorkspaceId) -> StoreResult<Vec<Shop>> {
        let all = sqlx::query(
            "SELECT id, workspace_id, platform, domain, secret, created_at FROM shops WHERE workspace_id = $1 ORDER BY domain",
        )
        .bind(workspace.as_str())
        .fetch_all(self.pool())
        .await
        .map_err(db_err)?;
        all.iter().map(shop_of).collect()
    }

    async fn insert_event(&self, workspace: &WorkspaceId, event: &Event) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO events (id, workspace_id, external_id, kind, at, click_id, consent, value_minor, currency) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
        )
        .bind(event.id.as_str())
        .bind(workspace.as_str())
        .bind(&event.external_id)
        .bind(rows::event_kind_name(event.kind))
        .bind(ts(&event.at))
        .bind(event.click_id.as_deref())
        .bind(event.consent)
        .bind(event.value.map(|v| v.minor))
        .bind(event.value.map(|v| v.currency.to_string()))
        .execute(self.pool())
        .await
        .map_err(db_err)?;
        Ok(done.rows_affected() == 1)
    }

    async fn list_events(&self, workspace: &WorkspaceId) -> StoreResult<Vec<Event>> {
        let all = sqlx::query(
            "SELECT id, external_id, kind, at, click_id, consent, value_minor, currency FROM events \
             WHERE workspace_id = $1 ORDER BY at, id",
        )
        .bind(workspace.as_str())
        .fetch_all(self.pool())
        .await
        .map_err(db_err)?;
        all.iter()
            .map(|r| rows::event(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7)))
            .collect()
    }

    async fn insert_exposures(&self, workspace: &WorkspaceId, rows: &[ExposureRow]) -> StoreResult<u64> {
        crate::exposures::insert(self.pool(), workspace, rows).await
    }

    async fn list_exposures(&self, workspace: &WorkspaceId) -> StoreResult<Vec<ExposureRow>> {
        crate::exposures::list(self.pool(), workspace).await
    }

    async fn erase_customer(&self, workspace: &WorkspaceId, customer_hash: &str) -> StoreResult<Erasure> {
        crate::orders::erase_customer(self.pool(), workspace, customer_hash).await
    }

    async fn purge_before(&self, workspace: &WorkspaceId, cutoff: DateTime<Utc>) -> StoreResult<Purge> {
        crate::orders::purge_before(self.pool(), workspace, cutoff).await
    }

    async fn campaign(&self, workspace: &WorkspaceId, id: &CampaignId) -> StoreResult<Option<Campaign>> {
        let row = sqlx::query("SELECT data FROM documents WHERE workspace_id = $1 AND kind = 'campaign' AND id = $2")
            .bind(workspace.as_str())
            .bind(id.as_str())
            .fetch_optional(self.pool())
            .await
            .map_err(db_err)?;
        row.map(|r| codec::from_json("campaign", r.get(0))).transpose()
    }

    async fn workspace_secret(&self, workspace: &WorkspaceId, purpose: &str, fresh: &str) -> StoreResult<String> {
        sqlx::query(
            "INSERT INTO workspace_secrets (workspace_id, purpose, secret) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(workspace.as_str())
        .bind(purpose)
        .bind(fresh)
        .execute(self.pool())
        .await
        .map_err(db_err)?;
        let row = sqlx::query("SELECT secret FROM workspace_secrets WHERE workspace_id = $1 AND purpose = $2")
            .bind(workspace.as_str())
            .bind(purpose)
            .fetch_one(self.pool())
            .await
            .map_err(db_err)?;
        Ok(row.get(0))
    }
}
