//! The insertion of campaign-side records: links, codes, clicks and orders in
//! tables of their own, the rest as typed documents.

use flightdeck_core::domain::WorkspaceId;
use flightdeck_store::{codec, Record, StoreResult};
use sqlx::{Postgres, Transaction};

use crate::bulk::ts;
use crate::db_err;

/// Inserts one campaign-side record into its table.
pub(crate) async fn insert_record(
    tx: &mut Transaction<'static, Postgres>,
    ws: &WorkspaceId,
    record: &Record,
) -> StoreResult<()> {
    let w = ws.as_str();
    let q = match record {
        Record::Link(l) => sqlx::query(
            "INSERT INTO links (id, workspace_id, code, campaign_id, creator_id, deliverable_id, destination, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(l.id.as_str())
        .bind(w)
        .bind(l.code.as_str())
        .bind(l.campaign_id.as_str())
        .bind(l.creator_id.as_str())
        .bind(l.deliverable_id.as_ref().map(|d| d.to_string()))
        .bind(l.destination.as_str())
        .bind(ts(&l.created_at)),
        Record::Code(c) => sqlx::query(
            "INSERT INTO codes (id, workspace_id, code, code_key, campaign_id, creator_id, percent_off) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(c.id.as_str())
        .bind(w)
        .bind(c.code.as_str())
        .bind(c.code.to_uppercase())
        .bind(c.campaign_id.as_str())
        .bind(c.creator_id.as_ref().map(|d| d.to_string()))
        .bind(i64::from(c.percent_off)),
        Record::Click(c) => sqlx::query(
            "INSERT INTO clicks (id, workspace_id, link_id, at, agent, referrer_host, country, consent, visitor_hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(c.id.as_str())
        .bind(w)
        .bind(c.link_id.as_str())
        .bind(ts(&c.at))
        .bind(c.agent.as_str())
        .bind(c.referrer_host.as_deref())
        .bind(c.country.as_deref())
        .bind(c.consent)
        .bind(c.visitor_hash.as_deref()),
        Record::Order(o) => sqlx::query(
            "INSERT INTO orders (id, workspace_id, shop_platform, external_id, placed_at, total_minor, refunded_minor, \
             currency, codes, utm_source, utm_medium, utm_campaign, click_id, customer_hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(o.id.as_str())
        .bind(w)
        .bind(o.shop_platform.as_str())
        .bind(o.external_id.as_str())
        .bind(ts(&o.placed_at))
        .bind(o.total.minor)
        .bind(o.refunded.minor)
        .bind(o.total.currency.to_string())
        .bind(codec::to_json(&o.codes)?)
        .bind(o.utm_source.as_deref())
        .bind(o.utm_medium.as_deref())
        .bind(o.utm_campaign.as_deref())
        .bind(o.click_id.as_deref())
        .bind(o.customer_hash.as_deref()),
        other => {
            let doc = codec::document(other)?;
            sqlx::query(
                "INSERT INTO documents (id, workspace_id, kind, parent_id, creator_id, data) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(doc.id)
            .bind(w)
            .bind(doc.kind)
            .bind(doc.parent_id)
            .bind(doc.creator_id)
            .bind(doc.data)
        }
    };
    q.execute(&mut **tx).await.map_err(db_err)?;
    Ok(())
}
