//! The plain data the store takes and gives back.

use chrono::NaiveDate;
use flightdeck_core::domain::{
    AccountId, AudienceBreakdown, Brief, Campaign, Click, Collaboration, Contract, Country, CreatorId, DailyMetrics,
    Deliverable, DiscountCode, Flight, Handle, Language, Name, Order, Platform, Post, Tier, TrackingLink,
};
use serde::Serialize;

/// An account's id with the key it is matched on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountKey {
    /// The platform.
    pub platform: Platform,
    /// The lower-case handle.
    pub handle_key: String,
    /// The account's id.
    pub account_id: AccountId,
}

/// A creator account to insert or update (one row of a creators CSV).
#[derive(Debug, Clone, PartialEq)]
pub struct NewAccount {
    /// The id to give the creator if it is new (ignored when the name exists).
    pub new_creator_id: CreatorId,
    /// The id to give the account if it is new (ignored when it exists).
    pub new_account_id: AccountId,
    /// The creator's name (creators are matched by name within a workspace).
    pub creator_name: Name,
    /// The platform.
    pub platform: Platform,
    /// The handle.
    pub handle: Handle,
    /// Follower count.
    pub followers: u64,
    /// Audience country.
    pub country: Option<Country>,
    /// Publishing language.
    pub language: Option<Language>,
    /// Niche.
    pub niche: Option<String>,
    /// Public URL.
    pub url: Option<String>,
    /// A keyed hash of the creator's e-mail (never the address).
    pub email_hash: Option<String>,
}

/// One day's metrics of one account.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetricRow {
    /// The account.
    pub account: AccountIdRef,
    /// The numbers.
    pub metrics: DailyMetrics,
}

/// An account id held inline, so that millions of metric rows need no allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AccountIdRef {
    bytes: [u8; 32],
    len: u8,
}

impl AccountIdRef {
    /// Copies an account id (ids longer than 32 bytes are refused).
    pub fn new(id: &AccountId) -> Option<Self> {
        let raw = id.as_str().as_bytes();
        if raw.len() > 32 {
            return None;
        }
        let mut bytes = [0u8; 32];
        bytes[..raw.len()].copy_from_slice(raw);
        Some(Self { bytes, len: raw.len() as u8 })
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }
}

/// The audience breakdown of one account.
#[derive(Debug, Clone, PartialEq)]
pub struct AudienceRow {
    /// The account.
    pub account_id: AccountId,
    /// Who follows it.
    pub audience: AudienceBreakdown,
}

/// A post with its compliance result (JSON of the compliance output, if checked).
#[derive(Debug, Clone, PartialEq)]
pub struct PostRow {
    /// The post.
    pub post: Post,
    /// The compliance check's JSON output, stored with the post.
    pub compliance: Option<serde_json::Value>,
}

/// A campaign-side record to store.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// A campaign.
    Campaign(Campaign),
    /// A flight.
    Flight(Flight),
    /// A collaboration.
    Collaboration(Collaboration),
    /// A brief.
    Brief(Brief),
    /// A contract.
    Contract(Contract),
    /// A deliverable.
    Deliverable(Deliverable),
    /// A tracking link.
    Link(TrackingLink),
    /// A discount code.
    Code(DiscountCode),
    /// A click.
    Click(Click),
    /// An order.
    Order(Order),
    /// The compliance result of a deliverable's planned caption.
    DeliverableCheck(DeliverableCheck),
}

/// The compliance check of a deliverable's caption, stored with the deliverable
/// (a document whose parent is the deliverable).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct DeliverableCheck {
    /// The deliverable checked.
    pub deliverable_id: flightdeck_core::domain::DeliverableId,
    /// The compliance check's JSON output (`{"verdict", "findings"}`).
    pub result: serde_json::Value,
}

/// How `creators list` sorts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CreatorSort {
    /// By name, then id.
    #[default]
    Name,
    /// Most followers first.
    Followers,
    /// Highest vetting score first (unscored last).
    Score,
    /// Largest tier first, then followers.
    Tier,
}

/// Filters, sorting and paging of `creators list`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CreatorFilter {
    /// Only creators of this tier (by their largest account).
    pub tier: Option<Tier>,
    /// Only creators with an account on this platform.
    pub platform: Option<Platform>,
    /// Only creators with an account in this country.
    pub country: Option<Country>,
    /// Only creators with an account in this niche (case-insensitive).
    pub niche: Option<String>,
    /// Only creators scoring at least this for the persona.
    pub min_score: Option<f64>,
    /// The persona whose scores count (`None`: the persona-free score).
    pub persona: Option<String>,
    /// The order.
    pub sort: CreatorSort,
    /// At most this many.
    pub limit: Option<u64>,
    /// Skip this many.
    pub offset: u64,
}

/// A creator as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreatorSummary {
    /// The creator's id.
    pub id: CreatorId,
    /// The creator's name.
    pub name: Name,
    /// The tier of the largest account.
    pub tier: Tier,
    /// Followers of the largest account.
    pub followers: u64,
    /// The vetting score for the filter's persona, when scored.
    pub score: Option<f64>,
    /// Whether vetting found bought followers, fake engagement or bot comments
    /// (`None` until the creator is scored).
    pub suspicious: Option<bool>,
    /// The creator's accounts.
    pub accounts: Vec<AccountSummary>,
}

/// An account as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountSummary {
    /// The account's id.
    pub id: AccountId,
    /// The platform.
    pub platform: Platform,
    /// The handle.
    pub handle: Handle,
    /// Followers.
    pub followers: u64,
    /// The account's tier.
    pub tier: Tier,
    /// Audience country.
    pub country: Option<Country>,
    /// Language.
    pub language: Option<Language>,
    /// Niche.
    pub niche: Option<String>,
}

/// The daily metrics of one account.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountMetrics {
    /// The account.
    pub account_id: AccountId,
    /// Its snapshots, oldest first.
    pub days: Vec<DailyMetrics>,
}

/// What a workspace holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct WorkspaceCounts {
    /// Creators.
    pub creators: u64,
    /// Channel accounts.
    pub accounts: u64,
    /// Daily metric rows.
    pub metric_days: u64,
    /// Posts.
    pub posts: u64,
    /// Campaigns.
    pub campaigns: u64,
    /// Tracking links.
    pub links: u64,
    /// Clicks.
    pub clicks: u64,
    /// Orders.
    pub orders: u64,
}

/// Days since 1970-01-01 for a date (how the backends store dates compactly).
pub fn day_number(date: NaiveDate) -> i64 {
    date.signed_duration_since(NaiveDate::default()).num_days()
}

/// The date of a day number written by [`day_number`].
pub fn date_of_day(day: i64) -> Option<NaiveDate> {
    NaiveDate::default().checked_add_signed(chrono::Duration::try_days(day)?)
}
