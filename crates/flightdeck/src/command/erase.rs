//! `flightdeck erase --customer EMAIL`: removes every trace of one shopper; and
//! `flightdeck erase --older-than DAYS`: the retention purge, once.

use flightdeck_server::privacy::{erase_shopper, ErasureError};
use serde::Serialize;

use super::Ctx;
use crate::error::user;
use crate::output::{print_json, OutputFormat, Table};

/// The shortest retention accepted: shops retry deliveries for up to 48 hours, and
/// their delivery ids must be kept at least that long.
pub const MIN_RETAIN_DAYS: u32 = 7;

/// Options of `erase`.
#[derive(Debug, clap::Args)]
#[group(required = true, multiple = false)]
pub struct Opts {
    /// The shopper's e-mail address: it is hashed with the workspace's key and matched
    /// against the orders' customer hashes; the address itself is not stored.
    #[arg(long, value_name = "EMAIL")]
    pub customer: Option<String>,
    /// Retention: remove clicks, events, view exposures and orders older than DAYS days (and webhook
    /// delivery ids received before then).
    #[arg(long, value_name = "DAYS")]
    pub older_than: Option<u32>,
}

/// What was removed, per kind.
#[derive(Debug, Default, Serialize)]
struct Removed {
    orders: u64,
    clicks: u64,
    events: u64,
    refunds: u64,
    exposures: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    deliveries: Option<u64>,
}

/// Runs `erase`.
pub async fn run(opts: Opts, ctx: &Ctx) -> anyhow::Result<()> {
    let store = ctx.store().await?;
    let workspace = ctx.workspace(store.as_ref()).await?;
    let (what, removed) = if let Some(email) = &opts.customer {
        let e = erase_shopper(store.as_ref(), &workspace.id, email).await.map_err(|e| match e {
            ErasureError::NotAnEmail(_) => user(format!("--customer: {e}")),
            ErasureError::Store(s) => anyhow::Error::new(s),
        })?;
        (
            "the shopper",
            Removed {
                orders: e.orders,
                clicks: e.clicks,
                events: e.events,
                refunds: e.refunds,
                exposures: e.exposures,
                deliveries: None,
            },
        )
    } else {
        let days = opts.older_than.unwrap_or(MIN_RETAIN_DAYS);
        let cutoff = retention_cutoff(days)?;
        let p = store.purge_before(&workspace.id, cutoff).await?;
        let removed = Removed {
            orders: p.orders,
            clicks: p.clicks,
            events: p.events,
            refunds: p.refunds,
            exposures: p.exposures,
            deliveries: Some(p.deliveries),
        };
        ("everything older than the retention period", removed)
    };
    if ctx.format == OutputFormat::Json {
        return print_json(&removed);
    }
    eprintln!(
        "removed {what}: {} orders, {} clicks, {} events, {} refunds, {} view exposures{}",
        removed.orders,
        removed.clicks,
        removed.events,
        removed.refunds,
        removed.exposures,
        removed.deliveries.map(|d| format!(", {d} webhook delivery ids")).unwrap_or_default()
    );
    let mut table = Table::new(["kind", "removed"]).numeric(&[1]);
    for (kind, n) in [
        ("orders", removed.orders),
        ("clicks", removed.clicks),
        ("events", removed.events),
        ("refunds", removed.refunds),
        ("exposures", removed.exposures),
    ] {
        table.row([kind.to_owned(), n.to_string()]);
    }
    if let Some(d) = removed.deliveries {
        table.row(["webhook_deliveries".to_owned(), d.to_string()]);
    }
    table.print(ctx.format)
}

/// The cutoff of a retention of `days` days (at least [`MIN_RETAIN_DAYS`]).
pub fn retention_cutoff(days: u32) -> anyhow::Result<chrono::DateTime<chrono::Utc>> {
    if days < MIN_RETAIN_DAYS {
        return Err(user(format!(
            "a retention of {days} days is too short: at least {MIN_RETAIN_DAYS} (shops retry webhooks for 48 hours)"
        )));
    }
    Ok(chrono::Utc::now() - chrono::Duration::days(i64::from(days)))
}

/// Purges every workspace of what is older than `days` days, now and then once an
/// hour, for as long as the server runs; failures are logged and retried next hour.
pub async fn retention_loop(store: std::sync::Arc<dyn flightdeck_store::Store>, days: u32) {
    let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        hourly.tick().await;
        if let Err(e) = purge_all(store.as_ref(), days).await {
            tracing::warn!(error = %e, "retention purge failed; retrying in an hour");
        }
    }
}

async fn purge_all(store: &dyn flightdeck_store::Store, days: u32) -> anyhow::Result<()> {
    let cutoff = retention_cutoff(days)?;
    for workspace in store.workspaces().await? {
        let p = store.purge_before(&workspace.id, cutoff).await?;
        tracing::info!(workspace = %workspace.id, days, orders = p.orders, clicks = p.clicks, events = p.events,
            exposures = p.exposures, deliveries = p.deliveries, "retention purge");
    }
    Ok(())
}
