//! Deterministic demo workspace generator.
//!
//! Every later feature (vetting, compliance, tracking, attribution, the dashboard) is shown
//! and benchmarked on the demo workspace, so it must be realistic, reproducible byte for
//! byte from a seed, and cheap enough to build 100,000 creators in seconds. The API
//! streams: [`brand`] once, [`creator`] per index (independently, in any order, on any
//! thread), and [`campaigns()`] once over the summaries of the creators below
//! [`CAMPAIGN_POOL`]. No clock is read; all dates fall in the [`DAYS`] days ending on
//! [`LAST_DAY`].

mod audience;
mod brand;
mod campaigns;
mod captions;
mod checked;
mod comments;
mod creator;
mod daily;
mod deliver;
mod docs;
mod lex_en;
mod lex_fr;
mod lex_nl;
mod lexicon;
mod model;
mod name_lists;
mod names;
mod niche;
mod posts;
mod rng;
mod selection;
mod series;
mod traffic;
mod truth;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

pub use audience::AGE_BUCKETS;
pub use brand::{brand, DemoBrand};
pub use campaigns::{campaigns, DemoCampaigns, DemoCollaboration, LivePost, CAMPAIGN_POOL};
pub use comments::MAX_LISTED as MAX_LISTED_COMMENTS;
pub use creator::creator;
pub use names::{Origin, COMBINATIONS as NAME_COMBINATIONS};
pub use series::largest_rise;
pub use truth::{Planted, TruthEntry, BLOCK as PLANT_BLOCK};

use crate::domain::{AccountId, AudienceBreakdown, Comment, Country, Creator, DailyMetrics, Language, Post};

/// The number of days of metric history per account.
pub const DAYS: usize = 180;

/// The last day of the demo's history (inclusive); the anchor that replaces "today".
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 10, 31) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

/// The first day of the demo's history (`LAST_DAY` − 179 days).
pub const FIRST_DAY: NaiveDate = match LAST_DAY.checked_sub_days(Days::new(DAYS as u64 - 1)) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

/// The date of day `day` of the history (0 = [`FIRST_DAY`]).
pub(crate) fn day_date(day: usize) -> NaiveDate {
    FIRST_DAY.checked_add_days(Days::new(day as u64)).unwrap_or(LAST_DAY)
}

/// The weekday of day `day` of the history, Monday = 0.
pub(crate) fn weekday(day: usize) -> u32 {
    use chrono::Datelike;
    ((FIRST_DAY.weekday().num_days_from_monday() as usize + day) % 7) as u32
}

/// One generated creator: the creator with its accounts, each account's history, and the
/// ground truth of what was planted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoCreator {
    /// The creator's index (0-based) in the demo.
    pub index: u64,
    /// The creator and its channel accounts (`followers` = the last day's count).
    pub creator: Creator,
    /// The creator's age in years (compliance checks alcohol and child rules against it).
    pub age: u8,
    /// One history per account, in the order of `creator.accounts`.
    pub histories: Vec<AccountHistory>,
    /// The planted labels, sorted; empty for a clean creator.
    pub planted: Vec<Planted>,
}

/// The generated history of one channel account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountHistory {
    /// The account (same as `creator.accounts[i].id`).
    pub account_id: AccountId,
    /// One snapshot per day, [`FIRST_DAY`] first.
    pub metrics: Vec<DailyMetrics>,
    /// Who follows the account.
    pub audience: AudienceBreakdown,
    /// The account's posts, oldest first.
    pub posts: Vec<DemoPost>,
}

/// A post with the comments written out for it and, for a sponsored post, the truth about
/// the sponsorship (which the post itself does not carry).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoPost {
    /// The post (its `metrics.comments` is the full count, which may exceed `comments`).
    pub post: Post,
    /// A sample of the post's comments, oldest first (at most [`MAX_LISTED_COMMENTS`]).
    pub comments: Vec<Comment>,
    /// The sponsorship, when the post is commercial.
    pub sponsorship: Option<Sponsorship>,
}

/// The truth about a sponsored post, for checking the compliance engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sponsorship {
    /// The partner brand's handle (without `@`).
    pub partner: String,
    /// What the creator got.
    pub relationship: Relationship,
    /// How the post discloses it.
    pub disclosure: Disclosure,
    /// The audience's country (the rule set that applies).
    pub country: Country,
    /// The caption language.
    pub language: Language,
}

/// What a creator got for a sponsored post; values as in the compliance check input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    /// Paid.
    Paid,
    /// A free product.
    Gifted,
    /// Commission per sale (the caption carries a discount code).
    Affiliate,
}

impl Relationship {
    /// The value of the compliance input's `relationship` field.
    pub fn as_str(&self) -> &'static str {
        match self {
            Relationship::Paid => "paid",
            Relationship::Gifted => "gifted",
            Relationship::Affiliate => "affiliate",
        }
    }
}

/// How a sponsored caption discloses the ad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disclosure {
    /// An accepted label for the market, at the very start.
    Proper,
    /// No label at all.
    Missing,
    /// Only a vague label (`#spon`, `#collab`, "in samenwerking met").
    Vague,
    /// An accepted hashtag label in the middle of a hashtag block.
    Buried,
    /// An accepted label only after the fold (beyond 125 characters and line 3).
    AfterFold,
    /// A Belgian post labelled in another language (or with the English `#ad`).
    WrongLanguage,
}

impl Disclosure {
    /// Whether the disclosure meets the rules.
    pub fn is_proper(&self) -> bool {
        *self == Disclosure::Proper
    }
}

/// The few facts of a creator that [`campaigns`] needs, kept while streaming.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreatorSummary {
    /// The creator's index.
    pub index: u64,
    /// The creator and its accounts.
    pub creator: Creator,
    /// The planted labels.
    pub planted: Vec<Planted>,
}

impl DemoCreator {
    /// The creator's entry in the `--truth` file.
    pub fn truth(&self) -> TruthEntry {
        TruthEntry { creator: self.creator.id.clone(), planted: self.planted.clone() }
    }

    /// What [`campaigns`] needs to know about the creator.
    pub fn summary(&self) -> CreatorSummary {
        CreatorSummary { index: self.index, creator: self.creator.clone(), planted: self.planted.clone() }
    }
}
