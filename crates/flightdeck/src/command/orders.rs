//! `flightdeck orders list [--since T]`: the stored shop orders, for scripts and audits.

use flightdeck_core::domain::Order;
use serde::Serialize;

use super::Ctx;
use crate::output::{print_json, OutputFormat, Table};

/// Order subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Opts {
    /// List the stored orders by time placed (amounts in the currency's units).
    List(ListOpts),
}

/// Options of `orders list`.
#[derive(Debug, clap::Args)]
pub struct ListOpts {
    /// Only orders placed at or after this time (RFC 3339, or a date YYYY-MM-DD in UTC).
    #[arg(long, value_name = "T")]
    pub since: Option<String>,
    /// Only orders with this discount code (any case).
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
}

/// An order as printed: amounts in minor units and as decimals, net after refunds.
#[derive(Debug, Serialize)]
struct OrderView<'a> {
    id: &'a str,
    shop_platform: &'a str,
    external_id: &'a str,
    placed_at: String,
    currency: String,
    total_minor: i64,
    refunded_minor: i64,
    net_minor: i64,
    total: String,
    refunded: String,
    net: String,
    codes: &'a [String],
    utm_source: Option<&'a str>,
    utm_medium: Option<&'a str>,
    utm_campaign: Option<&'a str>,
    click_id: Option<&'a str>,
    customer_hash: Option<&'a str>,
}

fn view(o: &Order) -> OrderView<'_> {
    OrderView {
        id: o.id.as_str(),
        shop_platform: &o.shop_platform,
        external_id: &o.external_id,
        placed_at: o.placed_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        currency: o.total.currency.to_string(),
        total_minor: o.total.minor,
        refunded_minor: o.refunded.minor,
        net_minor: o.net().minor,
        total: o.total.to_decimal_string(),
        refunded: o.refunded.to_decimal_string(),
        net: o.net().to_decimal_string(),
        codes: &o.codes,
        utm_source: o.utm_source.as_deref(),
        utm_medium: o.utm_medium.as_deref(),
        utm_campaign: o.utm_campaign.as_deref(),
        click_id: o.click_id.as_deref(),
        customer_hash: o.customer_hash.as_deref(),
    }
}

/// Runs an order subcommand.
pub async fn run(opts: Opts, ctx: &Ctx) -> anyhow::Result<()> {
    let Opts::List(o) = opts;
    let since = o.since.as_deref().map(super::clicks::since_of).transpose()?;
    let store = ctx.store().await?;
    let workspace = ctx.workspace(store.as_ref()).await?;
    let mut orders = store.list_orders(&workspace.id).await?;
    if let Some(since) = since {
        orders.retain(|order| order.placed_at >= since);
    }
    if let Some(code) = &o.code {
        let code = flightdeck_core::tracking::normalize_code(code);
        orders.retain(|order| order.codes.iter().any(|c| flightdeck_core::tracking::normalize_code(c) == code));
    }
    let views: Vec<OrderView> = orders.iter().map(view).collect();
    if ctx.format == OutputFormat::Json {
        return print_json(&views);
    }
    let mut table = Table::new([
        "placed_at",
        "shop",
        "external_id",
        "currency",
        "total",
        "refunded",
        "net",
        "codes",
        "utm_source",
        "utm_campaign",
        "click_id",
        "id",
    ])
    .numeric(&[4, 5, 6]);
    for v in &views {
        table.row([
            v.placed_at.clone(),
            v.shop_platform.to_owned(),
            v.external_id.to_owned(),
            v.currency.clone(),
            v.total.clone(),
            v.refunded.clone(),
            v.net.clone(),
            v.codes.join(" "),
            v.utm_source.unwrap_or_default().to_owned(),
            v.utm_campaign.unwrap_or_default().to_owned(),
            v.click_id.unwrap_or_default().to_owned(),
            v.id.to_owned(),
        ]);
    }
    table.print(ctx.format)
}
