//! The JSON shapes of the API (with their OpenAPI schemas).

use flightdeck_core::domain::Creator;
use flightdeck_store::{AccountMetrics, CreatorSummary};
use serde::Serialize;
use utoipa::ToSchema;

/// A page of a list: the items and the cursor of the next page (`null` at the end).
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    /// The items of this page.
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; `null` when there is none.
    pub next: Option<String>,
}

/// A creator with their accounts.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatorItem {
    /// The creator's id (`cr_…`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Tier of the largest account: emerging, nano, micro, macro, mega.
    pub tier: String,
    /// Followers of the largest account.
    pub followers: u64,
    /// Stored vetting score (for the persona asked), when scored.
    pub score: Option<f64>,
    /// The creator's channel accounts.
    pub accounts: Vec<AccountItem>,
}

/// One channel account.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountItem {
    /// The account's id (`ac_…`).
    pub id: String,
    /// instagram, tiktok, youtube, twitch, podcast, blog, linkedin, newsletter.
    pub platform: String,
    /// The handle.
    pub handle: String,
    /// Followers.
    pub followers: u64,
    /// The account's tier.
    pub tier: String,
    /// Audience country (ISO 3166-1 alpha-2).
    pub country: Option<String>,
    /// Publishing language.
    pub language: Option<String>,
    /// Niche.
    pub niche: Option<String>,
}

impl From<&CreatorSummary> for CreatorItem {
    fn from(c: &CreatorSummary) -> Self {
        CreatorItem {
            id: c.id.to_string(),
            name: c.name.as_str().to_owned(),
            tier: c.tier.as_str().to_owned(),
            followers: c.followers,
            score: c.score,
            accounts: c
                .accounts
                .iter()
                .map(|a| AccountItem {
                    id: a.id.to_string(),
                    platform: a.platform.as_str().to_owned(),
                    handle: a.handle.as_str().to_owned(),
                    followers: a.followers,
                    tier: a.tier.as_str().to_owned(),
                    country: a.country.as_ref().map(ToString::to_string),
                    language: a.language.as_ref().map(ToString::to_string),
                    niche: a.niche.clone(),
                })
                .collect(),
        }
    }
}

impl From<&Creator> for CreatorItem {
    fn from(c: &Creator) -> Self {
        CreatorItem {
            id: c.id.to_string(),
            name: c.name.as_str().to_owned(),
            tier: c.tier().as_str().to_owned(),
            followers: c.total_reach_followers(),
            score: None,
            accounts: c
                .accounts
                .iter()
                .map(|a| AccountItem {
                    id: a.id.to_string(),
                    platform: a.platform.as_str().to_owned(),
                    handle: a.handle.as_str().to_owned(),
                    followers: a.followers,
                    tier: flightdeck_core::domain::Tier::of(a.followers).as_str().to_owned(),
                    country: a.country.as_ref().map(ToString::to_string),
                    language: a.language.as_ref().map(ToString::to_string),
                    niche: a.niche.clone(),
                })
                .collect(),
        }
    }
}

/// The daily metrics of one account.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountMetricsItem {
    /// The account's id.
    pub account: String,
    /// Daily snapshots, oldest first: `date`, `followers`, and when known
    /// `following`, `posts`, `reach`, `impressions`, `views`, `likes`, `comments`,
    /// `saves`, `shares`.
    #[schema(value_type = Vec<Object>)]
    pub days: Vec<flightdeck_core::domain::DailyMetrics>,
}

impl From<AccountMetrics> for AccountMetricsItem {
    fn from(m: AccountMetrics) -> Self {
        AccountMetricsItem { account: m.account_id.to_string(), days: m.days }
    }
}
