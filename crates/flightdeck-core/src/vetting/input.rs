//! What the vetting engine is given: one creator's accounts with their metric
//! histories, posts and comments, plus the facts about them that the caller knows.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{Account, AudienceBreakdown, Comment, CreatorId, DailyMetrics, Money, Post};

/// Everything known about one creator, as the store loads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VettingInput {
    /// The creator being vetted.
    pub creator: CreatorId,
    /// The creator's channel accounts with their data.
    pub accounts: Vec<AccountInput>,
    /// The day the vetting is for (UTC); "recent" and "active" are relative to it.
    pub as_of: NaiveDate,
    /// How the creator's past sponsored posts fared in the disclosure check
    /// (computed by the caller with the compliance engine).
    #[serde(default)]
    pub disclosure: DisclosureStats,
    /// Exclusivities the creator is bound by with other brands.
    #[serde(default)]
    pub exclusivities: Vec<Exclusivity>,
    /// A fee the creator quoted per post, to check against CPM / CPE ranges.
    #[serde(default)]
    pub quoted_fee: Option<QuotedFee>,
}

/// One channel account with its data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountInput {
    /// The account.
    pub account: Account,
    /// Its daily metric snapshots, in any order (duplicates: the last one wins).
    #[serde(default)]
    pub daily: Vec<DailyMetrics>,
    /// Who follows it, when a breakdown was imported.
    #[serde(default)]
    pub audience: Option<AudienceBreakdown>,
    /// Its recent posts with their numbers and captions.
    #[serde(default)]
    pub posts: Vec<Post>,
    /// Comments under those posts.
    #[serde(default)]
    pub comments: Vec<Comment>,
}

/// The disclosure record of a creator's past sponsored posts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisclosureStats {
    /// Sponsored posts that were checked.
    pub sponsored_posts: u32,
    /// Of those, how many broke a disclosure rule.
    pub non_compliant: u32,
}

/// An exclusivity the creator has agreed to with a brand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusivity {
    /// The brand the creator works for exclusively.
    pub brand: String,
    /// The last day the exclusivity holds.
    pub until: NaiveDate,
}

/// A fee quoted per post, and how to compare it with the USD benchmark ranges.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct QuotedFee {
    /// The fee per post.
    pub amount: Money,
    /// US dollars per one unit of the fee's currency (e.g. 1.08 for EUR). `None`
    /// compares nominally and says so in the reason.
    #[serde(default)]
    pub usd_per_unit: Option<f64>,
}
