//! What a webhook delivery becomes: one normalised shape for both shops.

use chrono::{DateTime, Utc};
use flightdeck_core::domain::{Currency, Money, Order, OrderId};
use flightdeck_core::tracking::ShopPlatform;
use serde::{Deserialize, Serialize};

/// The landing page's campaign parameters, lower-cased (GA4 compares them
/// case-insensitively; Flightdeck's own links are lower case).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LandingUtm {
    /// `utm_source`.
    pub source: Option<String>,
    /// `utm_medium`.
    pub medium: Option<String>,
    /// `utm_campaign`.
    pub campaign: Option<String>,
    /// `utm_content`.
    pub content: Option<String>,
    /// `utm_term`.
    pub term: Option<String>,
    /// `utm_id`.
    pub id: Option<String>,
}

impl LandingUtm {
    /// Whether no parameter is set.
    pub fn is_empty(&self) -> bool {
        [&self.source, &self.medium, &self.campaign, &self.content, &self.term, &self.id].iter().all(|v| v.is_none())
    }

    /// Fills every unset parameter from `other` (the first source that has a value wins).
    pub fn fill_from(&mut self, other: LandingUtm) {
        let pairs = [
            (&mut self.source, other.source),
            (&mut self.medium, other.medium),
            (&mut self.campaign, other.campaign),
            (&mut self.content, other.content),
            (&mut self.term, other.term),
            (&mut self.id, other.id),
        ];
        for (mine, theirs) in pairs {
            if mine.is_none() {
                *mine = theirs;
            }
        }
    }
}

/// Where the payment of an order stands, the same words for both shops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Not paid yet (Shopify `pending`/`authorized`/`partially_paid`, Woo `pending`/`on-hold`).
    Pending,
    /// Paid (Shopify `paid`, Woo `processing`/`completed`).
    Paid,
    /// Partly refunded (Shopify `partially_refunded`).
    PartiallyRefunded,
    /// Fully refunded.
    Refunded,
    /// Cancelled or voided: not revenue.
    Cancelled,
    /// Payment failed: not revenue.
    Failed,
    /// A status Flightdeck does not know (kept raw in `financial_status`).
    Unknown,
}

impl PaymentStatus {
    /// Whether the order counts as a sale (paid, possibly partly refunded).
    pub fn is_sale(&self) -> bool {
        matches!(self, PaymentStatus::Paid | PaymentStatus::PartiallyRefunded)
    }
}

/// One order as a shop reported it, normalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopOrder {
    /// Which shop system sent it.
    pub platform: ShopPlatform,
    /// The shop's own order id as a string (Shopify ids exceed 2^53).
    pub external_id: String,
    /// The order's human number (`#1001`, `727`), when sent.
    pub number: Option<String>,
    /// When it was placed (UTC).
    pub placed_at: DateTime<Utc>,
    /// When the shop last changed it (UTC), when sent.
    pub updated_at: Option<DateTime<Utc>>,
    /// The order total as the shop computed it (tax and shipping included).
    pub total: Money,
    /// The sum refunded so far, as carried by this payload (zero when none).
    pub refunded: Money,
    /// The currency of `total` and `refunded`.
    pub currency: Currency,
    /// Discount codes used, normalised with `normalize_code` (upper case), deduplicated.
    pub codes: Vec<String>,
    /// Campaign parameters of the landing page (or WooCommerce's order attribution).
    pub utm: LandingUtm,
    /// The Flightdeck click id (`fd_cid`) from the landing URL or cart attributes.
    pub click_id: Option<String>,
    /// Keyed hash of the shopper's e-mail address; the address itself is never kept.
    pub customer_hash: Option<String>,
    /// The shop's own payment status word (`paid`, `processing`, …).
    pub financial_status: Option<String>,
    /// The payment status in Flightdeck's words.
    pub status: PaymentStatus,
    /// Shopify `source_name` (`web`, `pos`, …) / WooCommerce `created_via`.
    pub source_name: Option<String>,
    /// Whether the shop marked it as a test order.
    pub test: bool,
}

impl ShopOrder {
    /// The domain order to upsert (keyed by platform + `external_id`) under the id `id`.
    pub fn to_order(&self, id: OrderId) -> Order {
        Order {
            id,
            shop_platform: self.platform.as_str().to_owned(),
            external_id: self.external_id.clone(),
            placed_at: self.placed_at,
            total: self.total,
            refunded: self.refunded,
            codes: self.codes.clone(),
            utm_source: self.utm.source.clone(),
            utm_medium: self.utm.medium.clone(),
            utm_campaign: self.utm.campaign.clone(),
            click_id: self.click_id.clone(),
            customer_hash: self.customer_hash.clone(),
        }
    }
}

/// One refund (Shopify `refunds/create`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopRefund {
    /// Which shop system sent it.
    pub platform: ShopPlatform,
    /// The refund's own id (store each refund once).
    pub refund_id: String,
    /// The order it belongs to.
    pub order_external_id: String,
    /// When it was made (UTC).
    pub created_at: DateTime<Utc>,
    /// The money returned to the shopper (positive).
    pub amount: Money,
}

/// What a delivery carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ShopEvent {
    /// An order was created, paid or updated: upsert it.
    Order(Box<ShopOrder>),
    /// A refund was made: store it once by `refund_id` and reduce the order's revenue.
    Refund(ShopRefund),
    /// WooCommerce's one-off ping when a webhook is saved: answer 200, do nothing.
    Ping,
    /// A signed delivery of a topic Flightdeck does not use: answer 200, do nothing.
    Ignored {
        /// The topic.
        topic: String,
    },
}

/// One verified webhook delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    /// Which shop system sent it.
    pub platform: ShopPlatform,
    /// The shop: Shopify's `*.myshopify.com` domain, or the host of WooCommerce's
    /// `X-WC-Webhook-Source` (empty for a ping without that header).
    pub shop: String,
    /// The topic (`orders/paid`, `order.updated`, …).
    pub topic: Option<String>,
    /// The per-delivery id to deduplicate on: Shopify `X-Shopify-Webhook-Id`,
    /// WooCommerce `X-WC-Webhook-Delivery-ID`. A repeated id is accepted once.
    pub delivery_id: Option<String>,
    /// Shopify `X-Shopify-Event-Id`: shared by all deliveries of one merchant action.
    pub event_id: Option<String>,
    /// Shopify `X-Shopify-Triggered-At` (UTC), when sent.
    pub triggered_at: Option<DateTime<Utc>>,
    /// What it carries.
    pub event: ShopEvent,
}
