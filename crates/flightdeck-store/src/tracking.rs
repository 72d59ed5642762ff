//! What the tracking paths keep: links looked up by code, clicks written in batches,
//! shop webhooks (deliveries stored once, orders upserted, refunds), shops with their
//! webhook secrets, pixel events, view-through exposures imported from ad-platform
//! reports, and the erasure of one shopper.
//!
//! [`TrackingStore`] is a supertrait of [`crate::Store`], so every backend offers it.
//! Lookups that arrive from the outside world before a workspace is known (a short
//! code, a shop domain) are the only operations not scoped by a [`WorkspaceId`]; they
//! return the workspace the row belongs to, and everything after is scoped by it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use flightdeck_core::attribution::flight::ViewExposure;
use flightdeck_core::domain::{
    Campaign, CampaignId, Click, DiscountCode, Event, Money, Order, ShopId, TrackingLink, WorkspaceId,
};
use flightdeck_core::tracking::ShopPlatform;
use serde::Serialize;

use crate::StoreResult;

/// A link found by its short code, with the workspace it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkTarget {
    /// The workspace of the link.
    pub workspace_id: WorkspaceId,
    /// The link.
    pub link: TrackingLink,
}

/// A click to store, with its workspace (one batch may span workspaces).
#[derive(Debug, Clone, PartialEq)]
pub struct ClickRow {
    /// The workspace of the clicked link.
    pub workspace_id: WorkspaceId,
    /// The click.
    pub click: Click,
}

/// A shop's webhook secret. It is stored as given (it must be, to verify each
/// delivery's HMAC), never printed: `Debug` and `Display` show `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct ShopSecret(String);

impl ShopSecret {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// The secret's bytes, for the HMAC key (and for the store to write).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for ShopSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ShopSecret(***)")
    }
}

impl std::fmt::Display for ShopSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

/// A shop whose webhooks are accepted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shop {
    /// The shop's id.
    pub id: ShopId,
    /// The workspace its orders belong to.
    pub workspace_id: WorkspaceId,
    /// Shopify or WooCommerce.
    pub platform: ShopPlatform,
    /// The domain that identifies its deliveries (`x.myshopify.com`, `shop.example.nl`).
    pub domain: String,
    /// The webhook secret (never serialised).
    #[serde(skip)]
    pub secret: ShopSecret,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

/// What one verified webhook delivery changes.
#[derive(Debug, Clone, PartialEq)]
pub enum ShopChange {
    /// Insert the order, or update it by (workspace, platform, external id). A payload
    /// older than the stored one (by the shop's `updated_at`) changes nothing: shops
    /// do not deliver in order. The refunded sum is that of the newest payload, but
    /// never below the sum of the refunds stored for the order.
    Order {
        /// The order as this payload describes it.
        order: Box<Order>,
        /// When the shop last changed it (`updated_at`), when the payload says.
        updated_at: Option<DateTime<Utc>>,
    },
    /// A refund, stored once by its id; the order's refunded sum becomes the larger of
    /// what the order payload said and the sum of its stored refunds.
    Refund {
        /// The order's external id.
        order_external_id: String,
        /// The refund's own id.
        refund_id: String,
        /// The amount returned (positive).
        amount: Money,
    },
    /// Nothing (a topic Flightdeck does not use); the delivery is still recorded.
    Nothing,
}

/// What applying a delivery did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryOutcome {
    /// The delivery was new and its change is stored.
    Applied,
    /// The delivery id was seen before: nothing changed.
    Duplicate,
}

/// What a retention purge removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Purge {
    /// Orders placed before the cutoff.
    pub orders: u64,
    /// Clicks made before the cutoff.
    pub clicks: u64,
    /// Events that happened before the cutoff.
    pub events: u64,
    /// Refunds of the purged orders.
    pub refunds: u64,
    /// Webhook delivery ids received before the cutoff.
    pub deliveries: u64,
    /// View-through exposures seen before the cutoff.
    pub exposures: u64,
}

/// The purpose name of the workspace secret that keys customer hashes
/// ([`TrackingStore::workspace_secret`]); its UTF-8 bytes are the HMAC key.
pub const CUSTOMER_KEY_PURPOSE: &str = "customer-hash";

/// The workspace's customer-hash key (created from `fresh` on first use): webhooks,
/// the demo and erasure must all hash e-mail addresses under the same key.
pub async fn customer_key<S: TrackingStore + ?Sized>(
    store: &S,
    workspace: &WorkspaceId,
    fresh: &str,
) -> StoreResult<Vec<u8>> {
    Ok(store.workspace_secret(workspace, CUSTOMER_KEY_PURPOSE, fresh).await?.into_bytes())
}

/// What erasing one shopper removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Erasure {
    /// Orders removed.
    pub orders: u64,
    /// Clicks removed (those the orders carried the click id of).
    pub clicks: u64,
    /// Events removed (those carrying the same click ids).
    pub events: u64,
    /// Refunds removed (those of the removed orders).
    pub refunds: u64,
    /// View-through exposures removed (those keyed by the customer hash, or by the
    /// click id of a removed click).
    pub exposures: u64,
}

/// A view-through exposure as stored: the engine's [`ViewExposure`] (its customer is
/// a keyed customer hash or a click id, never an address) and the report it came from.
///
/// It is stored once per (workspace, customer, time, creator, campaign, deliverable):
/// re-importing a report stores nothing new, whatever its source label.
#[derive(Debug, Clone, PartialEq)]
pub struct ExposureRow {
    /// The exposure.
    pub exposure: ViewExposure,
    /// The report or platform it came from (`meta-ads`, a file name …), when given.
    pub source: Option<String>,
}

/// The tracking operations every backend offers (see the module docs).
#[async_trait]
pub trait TrackingStore: Send + Sync {
    /// The link with this short code, in any workspace (codes are globally unique).
    async fn link_by_code(&self, code: &str) -> StoreResult<Option<LinkTarget>>;

    /// Stores a batch of clicks in one transaction: all or none.
    async fn insert_clicks(&self, clicks: &[ClickRow]) -> StoreResult<()>;

    /// The workspace's links, oldest first.
    async fn list_links(&self, workspace: &WorkspaceId) -> StoreResult<Vec<TrackingLink>>;

    /// The workspace's discount codes, by code.
    async fn list_codes(&self, workspace: &WorkspaceId) -> StoreResult<Vec<DiscountCode>>;

    /// The workspace's clicks at or after `since`, oldest first.
    async fn list_clicks(&self, workspace: &WorkspaceId, since: Option<DateTime<Utc>>) -> StoreResult<Vec<Click>>;

    /// The workspace's orders, by time placed.
    async fn list_orders(&self, workspace: &WorkspaceId) -> StoreResult<Vec<Order>>;

    /// Records the delivery id (once per workspace and platform) and applies its
    /// change in the same transaction; a repeated id changes nothing. Without an id
    /// the change is applied (order upserts and refunds are idempotent anyway).
    async fn apply_delivery(
        &self,
        workspace: &WorkspaceId,
        platform: ShopPlatform,
        delivery_id: Option<&str>,
        change: &ShopChange,
    ) -> StoreResult<DeliveryOutcome>;

    /// Registers a shop; its (platform, domain) must be unused in every workspace.
    async fn add_shop(&self, shop: &Shop) -> StoreResult<()>;

    /// The shop of a platform and domain, in any workspace.
    async fn shop_by_domain(&self, platform: ShopPlatform, domain: &str) -> StoreResult<Option<Shop>>;

    /// The workspace's shops, by domain.
    async fn list_shops(&self, workspace: &WorkspaceId) -> StoreResult<Vec<Shop>>;

    /// Stores a pixel or server event once per (workspace, external id); returns
    /// whether it was new.
    async fn insert_event(&self, workspace: &WorkspaceId, event: &Event) -> StoreResult<bool>;

    /// The workspace's events, oldest first.
    async fn list_events(&self, workspace: &WorkspaceId) -> StoreResult<Vec<Event>>;

    /// Stores a batch of view-through exposures in one transaction (all or none); an
    /// exposure already stored (by its natural key, see [`ExposureRow`]) is skipped.
    /// Returns how many were new.
    async fn insert_exposures(&self, workspace: &WorkspaceId, rows: &[ExposureRow]) -> StoreResult<u64>;

    /// The workspace's view-through exposures, oldest first.
    async fn list_exposures(&self, workspace: &WorkspaceId) -> StoreResult<Vec<ExposureRow>>;

    /// Removes every order with this customer hash, the clicks whose ids those orders
    /// carry, the events with those click ids, the refunds of those orders and the
    /// exposures keyed by the hash or by one of those click ids, in one transaction.
    async fn erase_customer(&self, workspace: &WorkspaceId, customer_hash: &str) -> StoreResult<Erasure>;

    /// Retention: removes the workspace's clicks, events, exposures and orders from
    /// before `cutoff` (with the refunds of those orders) and the delivery ids received
    /// before it, in one transaction.
    async fn purge_before(&self, workspace: &WorkspaceId, cutoff: DateTime<Utc>) -> StoreResult<Purge>;

    /// A campaign of the workspace, or `None` (also for another workspace's id).
    async fn campaign(&self, workspace: &WorkspaceId, id: &CampaignId) -> StoreResult<Option<Campaign>>;

    /// The workspace's secret for `purpose` (hex), created from `fresh` on first use
    /// and the same ever after (the customer-hash key must outlive processes).
    async fn workspace_secret(&self, workspace: &WorkspaceId, purpose: &str, fresh: &str) -> StoreResult<String>;
}

/// Decoding of stored tracking rows, shared by the backends (their columns are the same).
pub mod rows {
    use chrono::{DateTime, SecondsFormat, Utc};
    use flightdeck_core::domain::{
        AgentClass, CampaignId, ClickId, CodeId, CreatorId, Currency, DeliverableId, Event, EventId, EventKind, LinkId,
        Money, Order, OrderId, TrackingLink,
    };

    use crate::{codec, StoreError, StoreResult};

    fn bad(what: &str, e: impl std::fmt::Display) -> StoreError {
        StoreError::Corrupt(format!("{what}: {e}"))
    }

    /// A stored time (RFC 3339) as UTC.
    pub fn time(raw: &str) -> StoreResult<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(raw).map(|t| t.to_utc()).map_err(|e| bad("time", e))
    }

    /// A time as stored (RFC 3339, microseconds, `Z`): sorts as text.
    pub fn ts(at: &DateTime<Utc>) -> String {
        at.to_rfc3339_opts(SecondsFormat::Micros, true)
    }

    /// The agent class of its stored name.
    pub fn agent(raw: &str) -> AgentClass {
        match raw {
            "mobile" => AgentClass::Mobile,
            "desktop" => AgentClass::Desktop,
            "preview" => AgentClass::Preview,
            "bot" => AgentClass::Bot,
            _ => AgentClass::Unknown,
        }
    }

    /// The stored name of an event kind.
    pub fn event_kind_name(kind: EventKind) -> &'static str {
        match kind {
            EventKind::PageView => "page_view",
            EventKind::AddToCart => "add_to_cart",
            EventKind::Lead => "lead",
            EventKind::Purchase => "purchase",
        }
    }

    fn event_kind(raw: &str) -> StoreResult<EventKind> {
        serde_json::from_value(serde_json::Value::String(raw.to_owned())).map_err(|e| bad("event kind", e))
    }

    /// A link row: id, code, campaign, creator, deliverable, destination, created_at.
    pub fn link(c: [Option<String>; 7]) -> StoreResult<TrackingLink> {
        let [id, code, campaign, creator, deliverable, destination, created] = c;
        Ok(TrackingLink {
            id: LinkId::parse(&id.unwrap_or_default()).map_err(|e| bad("link id", e))?,
            code: code.unwrap_or_default(),
            campaign_id: CampaignId::parse(&campaign.unwrap_or_default()).map_err(|e| bad("campaign id", e))?,
            creator_id: CreatorId::parse(&creator.unwrap_or_default()).map_err(|e| bad("creator id", e))?,
            deliverable_id: deliverable
                .map(|d| DeliverableId::parse(&d))
                .transpose()
                .map_err(|e| bad("deliverable id", e))?,
            destination: destination.unwrap_or_default(),
            created_at: time(&created.unwrap_or_default())?,
        })
    }

    /// A code row: id, code, campaign, creator, percent_off.
    pub fn code(
        id: &str,
        code: String,
        campaign: &str,
        creator: Option<String>,
        percent: i64,
    ) -> StoreResult<flightdeck_core::domain::DiscountCode> {
        Ok(flightdeck_core::domain::DiscountCode {
            id: CodeId::parse(id).map_err(|e| bad("code id", e))?,
            code,
            campaign_id: CampaignId::parse(campaign).map_err(|e| bad("campaign id", e))?,
            creator_id: creator.map(|c| CreatorId::parse(&c)).transpose().map_err(|e| bad("creator id", e))?,
            percent_off: u8::try_from(percent.clamp(0, 100)).unwrap_or(0),
        })
    }

    /// A click row: id, link, at, agent, referrer host, country, consent, visitor hash.
    #[allow(clippy::too_many_arguments)]
    pub fn click(
        id: &str,
        link: &str,
        at: &str,
        agent_name: &str,
        referrer_host: Option<String>,
        country: Option<String>,
        consent: bool,
        visitor_hash: Option<String>,
    ) -> StoreResult<flightdeck_core::domain::Click> {
        Ok(flightdeck_core::domain::Click {
            id: ClickId::parse(id).map_err(|e| bad("click id", e))?,
            link_id: LinkId::parse(link).map_err(|e| bad("link id", e))?,
            at: time(at)?,
            agent: agent(agent_name),
            referrer_host,
            country,
            consent,
            visitor_hash,
        })
    }

    /// The text columns of an order row, in order: id, shop_platform, external_id,
    /// placed_at, currency, codes (JSON), utm_source, utm_medium, utm_campaign,
    /// click_id, customer_hash.
    pub type OrderText = [Option<String>; 11];

    /// An order row: its text columns and (total, refunded) in minor units.
    pub fn order(t: OrderText, total: i64, refunded: i64) -> StoreResult<Order> {
        let [id, platform, external, placed, currency, codes, source, medium, campaign, click_id, customer] = t;
        let currency = Currency::parse(&currency.unwrap_or_default()).map_err(|e| bad("currency", e))?;
        Ok(Order {
            id: OrderId::parse(&id.unwrap_or_default()).map_err(|e| bad("order id", e))?,
            shop_platform: platform.unwrap_or_default(),
            external_id: external.unwrap_or_default(),
            placed_at: time(&placed.unwrap_or_default())?,
            total: Money::new(total, currency),
            refunded: Money::new(refunded, currency),
            codes: codec::from_json("order codes", &codes.unwrap_or_else(|| "[]".to_owned()))?,
            utm_source: source,
            utm_medium: medium,
            utm_campaign: campaign,
            click_id,
            customer_hash: customer,
        })
    }

    /// An exposure row: customer, seen_at, creator, campaign, deliverable (empty for
    /// none), source.
    pub fn exposure(c: [Option<String>; 6]) -> StoreResult<crate::ExposureRow> {
        let [customer, seen, creator, campaign, deliverable, source] = c;
        let exposure = flightdeck_core::attribution::flight::ViewExposure {
            customer: customer.unwrap_or_default(),
            at: time(&seen.unwrap_or_default())?,
            creator_id: CreatorId::parse(&creator.unwrap_or_default()).map_err(|e| bad("creator id", e))?,
            campaign_id: CampaignId::parse(&campaign.unwrap_or_default()).map_err(|e| bad("campaign id", e))?,
            deliverable_id: deliverable
                .filter(|d| !d.is_empty())
                .map(|d| DeliverableId::parse(&d))
                .transpose()
                .map_err(|e| bad("deliverable id", e))?,
        };
        Ok(crate::ExposureRow { exposure, source })
    }

    /// An event row: id, external id, kind, at, click id, consent, value, currency.
    #[allow(clippy::too_many_arguments)]
    pub fn event(
        id: &str,
        external_id: String,
        kind: &str,
        at: &str,
        click_id: Option<String>,
        consent: bool,
        value: Option<i64>,
        currency: Option<String>,
    ) -> StoreResult<Event> {
        let value = match (value, currency) {
            (Some(v), Some(c)) => Some(Money::new(v, Currency::parse(&c).map_err(|e| bad("currency", e))?)),
            _ => None,
        };
        Ok(Event {
            id: EventId::parse(id).map_err(|e| bad("event id", e))?,
            external_id,
            kind: event_kind(kind)?,
            at: time(at)?,
            click_id,
            consent,
            value,
        })
    }
}
