//! WooCommerce order webhooks (`order.created`, `order.updated`): the order exactly as
//! the REST API v3 returns it, sent as compact PHP JSON (`\/` and `\uXXXX` escapes).
//!
//! Facts that matter here: `total` is the order total (never re-add line totals, whose
//! rounding differs); `date_created_gmt` is UTC without a `Z`, `date_created` is
//! site-local; coupon codes arrive lower-cased; refunds are listed in `refunds` with a
//! negative `total`; the order attribution of WooCommerce ≥ 8.5 sits in `meta_data`.

use flightdeck_core::domain::Money;
use flightdeck_core::tracking::{customer_hash, ShopPlatform};
use serde::Deserialize;

use super::error::ShopError;
use super::landing::{parse_landing, utm_value};
use super::model::{LandingUtm, PaymentStatus, ShopOrder};
use super::values::{self, click_id, from_json, gmt_utc, money, non_empty, rfc3339_utc, Decimal, JsonId};

/// The WooCommerce topics that carry an order.
pub const ORDER_TOPICS: &[&str] = &["order.created", "order.updated", "order.restored"];

#[derive(Debug, Default, Deserialize)]
struct RawBilling {
    email: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct RawCoupon {
    code: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct RawMeta {
    key: Option<String>,
    value: Option<serde_json::Value>,
}

#[derive(Debug, Default, Deserialize)]
struct RawRefund {
    total: Option<Decimal>,
}

#[derive(Debug, Default, Deserialize)]
struct RawOrder {
    id: Option<JsonId>,
    number: Option<JsonId>,
    status: Option<String>,
    currency: Option<String>,
    created_via: Option<String>,
    date_created: Option<String>,
    date_created_gmt: Option<String>,
    date_modified_gmt: Option<String>,
    total: Option<Decimal>,
    billing: Option<RawBilling>,
    coupon_lines: Option<Vec<RawCoupon>>,
    meta_data: Option<Vec<RawMeta>>,
    refunds: Option<Vec<RawRefund>>,
}

/// Parses an order payload. The shopper's e-mail address (`billing.email`) becomes a
/// keyed hash under `customer_key` and is not kept.
pub fn parse_order(body: &[u8], customer_key: &[u8]) -> Result<ShopOrder, ShopError> {
    let raw: RawOrder = from_json("WooCommerce order", body)?;
    let external_id = raw.id.as_ref().map(|i| i.0.clone()).filter(|i| !i.is_empty() && i != "0");
    let external_id =
        external_id.ok_or_else(|| ShopError::field("id", "missing; the order webhook must include id"))?;
    let currency = values::currency("currency", raw.currency.as_deref())?;
    let total = match &raw.total {
        Some(total) => money("total", total, currency)?,
        None => return Err(ShopError::field("total", "missing; the order webhook must include total")),
    };
    let placed_at = placed_at(&raw)?;
    let updated_at =
        non_empty(raw.date_modified_gmt.as_deref()).map(|t| gmt_utc("date_modified_gmt", t)).transpose()?;
    let mut refunded = 0_i64;
    for amount in raw.refunds.iter().flatten().filter_map(|r| r.total.as_ref()) {
        refunded += money("refunds.total", amount, currency)?.minor.abs();
    }
    let meta = raw.meta_data.as_deref().unwrap_or_default();
    let (utm, click) = attribution(meta);
    let email = raw.billing.as_ref().and_then(|b| non_empty(b.email.as_deref()));
    let status = status(raw.status.as_deref(), refunded, total.minor);
    Ok(ShopOrder {
        platform: ShopPlatform::WooCommerce,
        external_id,
        number: raw.number.map(|n| n.0).filter(|n| !n.is_empty()),
        placed_at,
        updated_at,
        total,
        refunded: Money::new(refunded, currency),
        currency,
        codes: values::codes(raw.coupon_lines.iter().flatten().filter_map(|c| c.code.as_deref())),
        utm,
        click_id: click,
        customer_hash: email.and_then(|e| customer_hash(e, customer_key)),
        financial_status: raw.status,
        status,
        source_name: raw.created_via,
        test: false,
    })
}

fn placed_at(raw: &RawOrder) -> Result<chrono::DateTime<chrono::Utc>, ShopError> {
    if let Some(gmt) = non_empty(raw.date_created_gmt.as_deref()) {
        return gmt_utc("date_created_gmt", gmt);
    }
    match non_empty(raw.date_created.as_deref()) {
        // Site-local time is only usable when it carries its offset.
        Some(local) => rfc3339_utc("date_created", local).map_err(|_| {
            ShopError::field("date_created_gmt", "missing, and date_created is site-local time without an offset")
        }),
        None => Err(ShopError::field("date_created_gmt", "missing; the order webhook must include it")),
    }
}

/// The campaign parameters and click id: WooCommerce's own `_wc_order_attribution_utm_*`
/// first, then the landing URL of the session (`_wc_order_attribution_session_entry`),
/// then an `fd_cid` / `_fd_cid` meta value for the click id.
fn attribution(meta: &[RawMeta]) -> (LandingUtm, Option<String>) {
    let get = |key: &str| meta.iter().find(|m| m.key.as_deref() == Some(key)).and_then(|m| m.value.as_ref()?.as_str());
    let utm_of = |name: &str| get(&format!("_wc_order_attribution_utm_{name}")).and_then(utm_value);
    let mut utm = LandingUtm {
        source: utm_of("source"),
        medium: utm_of("medium"),
        campaign: utm_of("campaign"),
        content: utm_of("content"),
        term: utm_of("term"),
        id: utm_of("id"),
    };
    let landing = get("_wc_order_attribution_session_entry").map(parse_landing).unwrap_or_default();
    utm.fill_from(landing.utm);
    let click = landing.click_id.or_else(|| get("fd_cid").or_else(|| get("_fd_cid")).and_then(click_id));
    (utm, click)
}

fn status(raw: Option<&str>, refunded: i64, total: i64) -> PaymentStatus {
    match raw.map(str::trim) {
        Some("pending" | "on-hold" | "checkout-draft") => PaymentStatus::Pending,
        Some("processing" | "completed") if refunded > 0 && refunded < total => PaymentStatus::PartiallyRefunded,
        Some("processing" | "completed") => PaymentStatus::Paid,
        Some("refunded") => PaymentStatus::Refunded,
        Some("cancelled" | "trash") => PaymentStatus::Cancelled,
        Some("failed") => PaymentStatus::Failed,
        _ => PaymentStatus::Unknown,
    }
}
