//! Shopify order webhooks (`orders/create`, `orders/paid`, `orders/updated`, …) and
//! `refunds/create`, as documented for the REST Admin API's Order and Refund resources.
//!
//! Every key is optional (a subscription with `include_fields` delivers only those);
//! only the order `id`, a creation time and the total are required.

use flightdeck_core::domain::{Currency, Money};
use flightdeck_core::tracking::{customer_hash, ShopPlatform};
use serde::Deserialize;

use super::error::ShopError;
use super::landing::parse_landing;
use super::model::{PaymentStatus, ShopOrder, ShopRefund};
use super::values::{self, click_id, from_json, money, non_empty, rfc3339_utc, Decimal, JsonId};

/// The Shopify topics that carry an order object.
pub const ORDER_TOPICS: &[&str] = &[
    "orders/create",
    "orders/paid",
    "orders/updated",
    "orders/cancelled",
    "orders/fulfilled",
    "orders/partially_fulfilled",
];
/// The Shopify topic that carries a refund object.
pub const REFUND_TOPIC: &str = "refunds/create";

#[derive(Debug, Default, Deserialize)]
struct MoneyAmount {
    amount: Option<Decimal>,
    currency_code: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct MoneySet {
    shop_money: Option<MoneyAmount>,
}

#[derive(Debug, Default, Deserialize)]
struct RawCode {
    code: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct NoteAttribute {
    name: Option<String>,
    value: Option<serde_json::Value>,
}

#[derive(Debug, Default, Deserialize)]
struct RawCustomer {
    email: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct RawTransaction {
    kind: Option<String>,
    status: Option<String>,
    amount: Option<Decimal>,
    currency: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct RawRefundLine {
    subtotal_set: Option<MoneySet>,
}

#[derive(Debug, Default, Deserialize)]
struct RawRefund {
    id: Option<JsonId>,
    order_id: Option<JsonId>,
    created_at: Option<String>,
    processed_at: Option<String>,
    transactions: Option<Vec<RawTransaction>>,
    refund_line_items: Option<Vec<RawRefundLine>>,
}

#[derive(Debug, Default, Deserialize)]
struct RawOrder {
    id: Option<JsonId>,
    admin_graphql_api_id: Option<String>,
    name: Option<String>,
    email: Option<String>,
    contact_email: Option<String>,
    created_at: Option<String>,
    processed_at: Option<String>,
    updated_at: Option<String>,
    cancelled_at: Option<String>,
    currency: Option<String>,
    total_price: Option<Decimal>,
    total_price_set: Option<MoneySet>,
    financial_status: Option<String>,
    discount_codes: Option<Vec<RawCode>>,
    landing_site: Option<String>,
    note_attributes: Option<Vec<NoteAttribute>>,
    customer: Option<RawCustomer>,
    source_name: Option<String>,
    test: Option<bool>,
    refunds: Option<Vec<RawRefund>>,
}

/// Parses an order payload (any of [`ORDER_TOPICS`]). The shopper's e-mail address
/// becomes a keyed hash under `customer_key` and is not kept.
pub fn parse_order(body: &[u8], customer_key: &[u8]) -> Result<ShopOrder, ShopError> {
    let raw: RawOrder = from_json("Shopify order", body)?;
    let external_id = order_id(&raw)?;
    let shop_money = raw.total_price_set.as_ref().and_then(|s| s.shop_money.as_ref());
    let currency_code = raw.currency.as_deref().or(shop_money.and_then(|m| m.currency_code.as_deref()));
    let currency = values::currency("currency", currency_code)?;
    let total = match raw.total_price.as_ref().or(shop_money.and_then(|m| m.amount.as_ref())) {
        Some(amount) => money("total_price", amount, currency)?,
        None => return Err(ShopError::field("total_price", "missing; the order webhook must include total_price")),
    };
    let placed = non_empty(raw.created_at.as_deref()).or(non_empty(raw.processed_at.as_deref()));
    let placed_at = match placed {
        Some(t) => rfc3339_utc("created_at", t)?,
        None => return Err(ShopError::field("created_at", "missing; the order webhook must include created_at")),
    };
    let updated_at = non_empty(raw.updated_at.as_deref()).map(|t| rfc3339_utc("updated_at", t)).transpose()?;
    let mut refunded = 0_i64;
    for refund in raw.refunds.iter().flatten() {
        refunded += refund_amount(refund, currency)?.minor;
    }
    let landing = raw.landing_site.as_deref().map(parse_landing).unwrap_or_default();
    let codes = values::codes(raw.discount_codes.iter().flatten().filter_map(|c| c.code.as_deref()));
    let email =
        [raw.email.as_deref(), raw.contact_email.as_deref(), raw.customer.as_ref().and_then(|c| c.email.as_deref())]
            .into_iter()
            .find_map(non_empty);
    Ok(ShopOrder {
        platform: ShopPlatform::Shopify,
        external_id,
        number: non_empty(raw.name.as_deref()).map(str::to_owned),
        placed_at,
        updated_at,
        total,
        refunded: Money::new(refunded, currency),
        currency,
        codes,
        utm: landing.utm,
        click_id: landing.click_id.or_else(|| note_click_id(raw.note_attributes.as_deref().unwrap_or_default())),
        customer_hash: email.and_then(|e| customer_hash(e, customer_key)),
        status: status(raw.financial_status.as_deref(), non_empty(raw.cancelled_at.as_deref()).is_some()),
        financial_status: raw.financial_status,
        source_name: raw.source_name,
        test: raw.test.unwrap_or(false),
    })
}

/// Parses a `refunds/create` payload. The amount is the money actually returned: the
/// sum of its `transactions` of kind `refund` with status `success`. When the payload
/// has no `transactions` key at all (an `include_fields` subscription), it falls back
/// to the refunded line items' `subtotal_set` (shop money; tax-inclusive in NL/BE
/// shops, whose prices include VAT).
pub fn parse_refund(body: &[u8]) -> Result<ShopRefund, ShopError> {
    let raw: RawRefund = from_json("Shopify refund", body)?;
    let refund_id = raw.id.as_ref().map(|i| i.0.clone()).filter(|i| !i.is_empty());
    let refund_id = refund_id.ok_or_else(|| ShopError::field("id", "missing; a refund needs its id"))?;
    let order_external_id = raw.order_id.as_ref().map(|i| i.0.clone()).filter(|i| !i.is_empty());
    let order_external_id = order_external_id.ok_or_else(|| ShopError::field("order_id", "missing"))?;
    let when = non_empty(raw.created_at.as_deref()).or(non_empty(raw.processed_at.as_deref()));
    let created_at = match when {
        Some(t) => rfc3339_utc("created_at", t)?,
        None => return Err(ShopError::field("created_at", "missing; a refund needs its time")),
    };
    let currency = values::currency("currency", refund_currency(&raw))?;
    let amount = refund_amount(&raw, currency)?;
    Ok(ShopRefund { platform: ShopPlatform::Shopify, refund_id, order_external_id, created_at, amount })
}

fn order_id(raw: &RawOrder) -> Result<String, ShopError> {
    let from_gid = raw.admin_graphql_api_id.as_deref().and_then(|g| g.rsplit('/').next()).filter(|s| !s.is_empty());
    raw.id
        .as_ref()
        .map(|i| i.0.as_str())
        .filter(|s| !s.is_empty())
        .or(from_gid)
        .map(str::to_owned)
        .ok_or_else(|| ShopError::field("id", "missing; the order webhook must include the order id"))
}

fn refund_currency(raw: &RawRefund) -> Option<&str> {
    let from_tx = raw.transactions.iter().flatten().find_map(|t| non_empty(t.currency.as_deref()));
    let from_lines = raw
        .refund_line_items
        .iter()
        .flatten()
        .find_map(|l| l.subtotal_set.as_ref()?.shop_money.as_ref()?.currency_code.as_deref());
    from_tx.or(from_lines)
}

fn refund_amount(raw: &RawRefund, currency: Currency) -> Result<Money, ShopError> {
    let mut minor = 0_i64;
    if let Some(transactions) = &raw.transactions {
        let refunds = transactions
            .iter()
            .filter(|t| t.kind.as_deref() == Some("refund") && t.status.as_deref().is_none_or(|s| s == "success"));
        for amount in refunds.filter_map(|t| t.amount.as_ref()) {
            minor += money("transactions.amount", amount, currency)?.minor.abs();
        }
        return Ok(Money::new(minor, currency));
    }
    let subtotals = raw.refund_line_items.iter().flatten().filter_map(|l| l.subtotal_set.as_ref()?.shop_money.as_ref());
    for amount in subtotals.filter_map(|m| m.amount.as_ref()) {
        minor += money("refund_line_items.subtotal_set", amount, currency)?.minor.abs();
    }
    Ok(Money::new(minor, currency))
}

fn note_click_id(attributes: &[NoteAttribute]) -> Option<String> {
    attributes
        .iter()
        .filter(|a| matches!(a.name.as_deref().map(str::trim), Some("fd_cid" | "_fd_cid")))
        .find_map(|a| a.value.as_ref()?.as_str().and_then(click_id))
}

fn status(financial_status: Option<&str>, cancelled: bool) -> PaymentStatus {
    let status = match financial_status.map(str::trim) {
        Some("pending" | "authorized" | "partially_paid") => PaymentStatus::Pending,
        Some("paid") => PaymentStatus::Paid,
        Some("partially_refunded") => PaymentStatus::PartiallyRefunded,
        Some("refunded") => PaymentStatus::Refunded,
        Some("voided") => PaymentStatus::Cancelled,
        _ => PaymentStatus::Unknown,
    };
    if cancelled && status != PaymentStatus::Refunded {
        PaymentStatus::Cancelled
    } else {
        status
    }
}
