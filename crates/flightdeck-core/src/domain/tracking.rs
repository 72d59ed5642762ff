//! Tracking links, discount codes, clicks, events and orders.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{CampaignId, ClickId, CodeId, CreatorId, DeliverableId, EventId, LinkId, Money, OrderId};

/// A short link per creator × campaign (× deliverable) that redirects with UTMs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackingLink {
    /// The link's opaque id.
    pub id: LinkId,
    /// The unguessable short code in `/r/{code}`.
    pub code: String,
    /// The campaign.
    pub campaign_id: CampaignId,
    /// The creator.
    pub creator_id: CreatorId,
    /// The deliverable, when the link is for one.
    pub deliverable_id: Option<DeliverableId>,
    /// The full destination, UTMs included.
    pub destination: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

/// A unique discount code per creator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiscountCode {
    /// The code's opaque id.
    pub id: CodeId,
    /// The code customers type (upper case, no ambiguous characters).
    pub code: String,
    /// The campaign.
    pub campaign_id: CampaignId,
    /// The creator, when assigned.
    pub creator_id: Option<CreatorId>,
    /// The discount in percent (0–100).
    pub percent_off: u8,
}

/// What kind of client clicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgentClass {
    /// A person on a phone or tablet.
    Mobile,
    /// A person on a computer.
    Desktop,
    /// A link-preview crawler (WhatsApp, Slack, …): not counted in KPIs.
    Preview,
    /// A bot: not counted in KPIs.
    Bot,
    /// Unknown.
    Unknown,
}

impl AgentClass {
    /// The snake_case name as stored.
    pub fn as_str(&self) -> &'static str {
        match self {
            AgentClass::Mobile => "mobile",
            AgentClass::Desktop => "desktop",
            AgentClass::Preview => "preview",
            AgentClass::Bot => "bot",
            AgentClass::Unknown => "unknown",
        }
    }

    /// Whether clicks of this class count in KPIs (people, not crawlers).
    pub fn is_human(&self) -> bool {
        !matches!(self, AgentClass::Preview | AgentClass::Bot)
    }
}

/// One click on a tracking link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Click {
    /// The first-party click id (`fd_cid`).
    pub id: ClickId,
    /// The link.
    pub link_id: LinkId,
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// The client class.
    pub agent: AgentClass,
    /// The referrer's host, if any.
    pub referrer_host: Option<String>,
    /// The visitor's country from a trusted proxy header, if configured.
    pub country: Option<String>,
    /// Whether the visitor consented to tracking.
    pub consent: bool,
    /// A daily-rotated salted hash of the IP address, for de-duplication only.
    pub visitor_hash: Option<String>,
}

/// The kind of a pixel or server event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A page view.
    PageView,
    /// An add-to-cart.
    AddToCart,
    /// A lead.
    Lead,
    /// A purchase.
    Purchase,
}

/// A pixel or server event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Flightdeck's id.
    pub id: EventId,
    /// The sender's own event id (idempotency key).
    pub external_id: String,
    /// What happened.
    pub kind: EventKind,
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// The click id it carries (kept only with consent).
    pub click_id: Option<String>,
    /// Whether the visitor consented.
    pub consent: bool,
    /// The value (purchases).
    pub value: Option<Money>,
}

/// A shop order, upserted from webhooks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Order {
    /// Flightdeck's id.
    pub id: OrderId,
    /// `shopify` or `woocommerce`.
    pub shop_platform: String,
    /// The shop's own order id.
    pub external_id: String,
    /// When it was placed (UTC).
    pub placed_at: DateTime<Utc>,
    /// The order total.
    pub total: Money,
    /// Refunded so far.
    pub refunded: Money,
    /// Discount codes used (upper case).
    pub codes: Vec<String>,
    /// UTMs of the landing page.
    pub utm_source: Option<String>,
    /// `utm_medium` of the landing page.
    pub utm_medium: Option<String>,
    /// `utm_campaign` of the landing page.
    pub utm_campaign: Option<String>,
    /// The click id from the landing URL or cart attributes.
    pub click_id: Option<String>,
    /// A keyed hash of the customer's e-mail address (never the address).
    pub customer_hash: Option<String>,
}

impl Order {
    /// Revenue after refunds.
    pub fn net(&self) -> Money {
        Money::new(self.total.minor - self.refunded.minor, self.total.currency)
    }
}
