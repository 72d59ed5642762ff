//! A cheap, persistable summary of one channel account: its tier, rates and growth
//! findings. The peer index is built from these, and the store may keep them so that
//! lists sorted by score need no recomputation.

use serde::{Deserialize, Serialize};

use super::engagement::{self, RateBasis, Rates};
use super::growth::{self, Growth};
use super::input::AccountInput;
use super::series::Series;
use crate::domain::{AccountId, Platform, Tier};

/// The per-account numbers vetting works from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountSummary {
    /// The account.
    pub account: AccountId,
    /// Its platform.
    pub platform: Platform,
    /// Its handle (for reasons).
    pub handle: String,
    /// Latest followers (the newest snapshot, else the account's own count).
    pub followers: u64,
    /// Its tier by those followers.
    pub tier: Tier,
    /// Days of daily metrics in the analysis window.
    pub days: u32,
    /// Posts with numbers that were imported.
    pub posts: u32,
    /// Engagement and reach rates.
    pub rates: Rates,
    /// Follower growth anomalies.
    pub growth: Growth,
    /// Accounts followed (latest), when known.
    pub following: Option<u64>,
    /// Sum of daily changes in accounts followed, as a share of the mean: a high value
    /// is follow/unfollow churn.
    pub following_churn: Option<f64>,
}

impl AccountSummary {
    /// Summarises one account's data.
    pub fn of(input: &AccountInput) -> AccountSummary {
        let acc = &input.account;
        let series = Series::from_daily(acc.platform, &input.daily);
        let followers = series.followers.last().map(|f| *f as u64).unwrap_or(acc.followers);
        let from_posts = engagement::from_posts(acc.platform, followers, &input.posts);
        let rates = match from_posts {
            Some(r) => r,
            None => engagement::from_series(acc.platform, &series),
        };
        let (following, following_churn) = following_stats(&series);
        AccountSummary {
            account: acc.id.clone(),
            platform: acc.platform,
            handle: acc.handle.as_str().to_owned(),
            followers,
            tier: Tier::of(followers),
            days: series.len() as u32,
            posts: from_posts.map(|r| r.samples).unwrap_or(0),
            rates,
            growth: growth::analyse(&series),
            following,
            following_churn,
        }
    }

    /// Whether the account has enough data for its rates to mean something: 14 days
    /// of metrics with interactions, or 3 posts with numbers.
    pub fn has_enough_data(&self) -> bool {
        self.followers > 0
            && self.rates.headline.is_some()
            && (self.posts >= 3 || (self.days as usize >= growth::MIN_DAYS && self.rates.samples >= 3))
    }

    /// The rate basis (per post or per day).
    pub fn basis(&self) -> RateBasis {
        self.rates.basis
    }
}

fn following_stats(s: &Series) -> (Option<u64>, Option<f64>) {
    let known: Vec<f64> = s.following.iter().flatten().copied().collect();
    let last = known.last().map(|f| *f as u64);
    if known.len() < growth::MIN_DAYS {
        return (last, None);
    }
    let mean = known.iter().sum::<f64>() / known.len() as f64;
    let moved: f64 = known.windows(2).map(|w| (w[1] - w[0]).abs()).sum();
    (last, (mean > 0.0).then(|| moved / mean))
}
