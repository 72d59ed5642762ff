//! Daily metric snapshots and audience breakdowns of a channel account.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::DomainError;

/// One day's numbers for one account, as the platform reports them.
///
/// Every metric but `followers` is optional: platforms differ in what they report,
/// and an absent number is unknown, never zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyMetrics {
    /// The day (UTC).
    pub date: NaiveDate,
    /// Followers at the end of the day.
    pub followers: u64,
    /// Accounts this account follows.
    pub following: Option<u64>,
    /// Posts published so far.
    pub posts: Option<u64>,
    /// Unique accounts reached that day.
    pub reach: Option<u64>,
    /// Impressions that day.
    pub impressions: Option<u64>,
    /// Video views that day.
    pub views: Option<u64>,
    /// Likes received that day.
    pub likes: Option<u64>,
    /// Comments received that day.
    pub comments: Option<u64>,
    /// Saves that day.
    pub saves: Option<u64>,
    /// Shares that day.
    pub shares: Option<u64>,
}

impl DailyMetrics {
    /// A snapshot with only the date and follower count known.
    pub fn new(date: NaiveDate, followers: u64) -> Self {
        Self {
            date,
            followers,
            following: None,
            posts: None,
            reach: None,
            impressions: None,
            views: None,
            likes: None,
            comments: None,
            saves: None,
            shares: None,
        }
    }

    /// Likes + comments + saves + shares that are known (None when none is).
    pub fn engagements(&self) -> Option<u64> {
        let parts = [self.likes, self.comments, self.saves, self.shares];
        if parts.iter().all(Option::is_none) {
            return None;
        }
        Some(parts.iter().flatten().sum())
    }
}

/// Parses a calendar date `YYYY-MM-DD` for `field`.
pub fn parse_date(field: &'static str, raw: &str) -> Result<NaiveDate, DomainError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| DomainError::new(field, format!("expected a date as YYYY-MM-DD, got `{raw}`")))
}

/// A share between 0 and 1 (a fraction of an audience).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Share(f64);

impl Share {
    /// Parses a fraction in `[0, 1]`.
    pub fn new(value: f64) -> Result<Self, DomainError> {
        if value.is_finite() && (0.0..=1.0).contains(&value) {
            Ok(Share(value))
        } else {
            Err(DomainError::new("share", format!("expected a share between 0 and 1, got {value}")))
        }
    }

    /// The fraction.
    pub fn get(&self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Share {
    type Error = DomainError;
    fn try_from(value: f64) -> Result<Self, Self::Error> {
        Share::new(value)
    }
}

impl From<Share> for f64 {
    fn from(value: Share) -> Self {
        value.0
    }
}

/// Who follows an account: shares per country, age bucket, gender, language and
/// interest. Platforms report only the top values, so shares may sum to less than 1.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AudienceBreakdown {
    /// Share per ISO country code.
    pub countries: BTreeMap<String, Share>,
    /// Share per age bucket (`13-17`, `18-24`, `25-34`, `35-44`, `45-54`, `55-64`, `65+`).
    pub ages: BTreeMap<String, Share>,
    /// Share per gender (`F`, `M`, `U`).
    pub genders: BTreeMap<String, Share>,
    /// Share per ISO 639-1 language.
    pub languages: BTreeMap<String, Share>,
    /// Share per interest (`beauty`, `fitness`, …).
    pub interests: BTreeMap<String, Share>,
}

impl AudienceBreakdown {
    /// The share of the audience aged under 18 (the `13-17` bucket), if known.
    pub fn under_18_share(&self) -> Option<f64> {
        if self.ages.is_empty() {
            return None;
        }
        Some(self.ages.get("13-17").map(Share::get).unwrap_or(0.0))
    }
}
