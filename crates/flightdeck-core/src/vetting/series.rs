//! A channel account's daily metrics as clean, sorted arrays over the analysis window.

use chrono::{Datelike, NaiveDate};

use super::priors::{formula, Denominator};
use crate::domain::{DailyMetrics, Platform};

/// How many days of history the analysis looks at (the most recent ones).
pub const WINDOW_DAYS: i64 = 180;

/// What "activity" (how many people saw the account's content) is measured by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityKind {
    /// Unique accounts reached.
    Reach,
    /// Video views.
    Views,
    /// Impressions.
    Impressions,
    /// Only interactions are known.
    Engagement,
}

impl ActivityKind {
    /// The word for reasons.
    pub fn word(self) -> &'static str {
        match self {
            ActivityKind::Reach => "reach",
            ActivityKind::Views => "views",
            ActivityKind::Impressions => "impressions",
            ActivityKind::Engagement => "engagement",
        }
    }
}

/// Daily arrays of one account, oldest first, one entry per distinct date.
#[derive(Debug, Clone, Default)]
pub struct Series {
    /// The dates.
    pub dates: Vec<NaiveDate>,
    /// Followers at the end of each day.
    pub followers: Vec<f64>,
    /// Accounts followed.
    pub following: Vec<Option<f64>>,
    /// Posts published so far.
    pub posts: Vec<Option<f64>>,
    /// Interactions by the platform's formula (likes + comments [+ shares]).
    pub engagement: Vec<Option<f64>>,
    /// Likes.
    pub likes: Vec<Option<f64>>,
    /// Comments.
    pub comments: Vec<Option<f64>>,
    /// Reach.
    pub reach: Vec<Option<f64>>,
    /// Views.
    pub views: Vec<Option<f64>>,
    /// Impressions.
    pub impressions: Vec<Option<f64>>,
}

fn f(x: Option<u64>) -> Option<f64> {
    x.map(|v| v as f64)
}

impl Series {
    /// Builds the series from raw snapshots: sorted, de-duplicated (the last snapshot
    /// of a date wins) and cut to the last [`WINDOW_DAYS`] days before the newest one.
    pub fn from_daily(platform: Platform, daily: &[DailyMetrics]) -> Series {
        let mut rows: Vec<&DailyMetrics> = daily.iter().collect();
        rows.sort_by_key(|d| d.date);
        rows.reverse();
        rows.dedup_by_key(|d| d.date);
        rows.reverse();
        let Some(last) = rows.last().map(|d| d.date) else {
            return Series::default();
        };
        let start = last - chrono::Duration::days(WINDOW_DAYS - 1);
        let shares = formula(platform).shares;
        let n = rows.len();
        let mut s = Series {
            dates: Vec::with_capacity(n),
            followers: Vec::with_capacity(n),
            following: Vec::with_capacity(n),
            posts: Vec::with_capacity(n),
            engagement: Vec::with_capacity(n),
            likes: Vec::with_capacity(n),
            comments: Vec::with_capacity(n),
            reach: Vec::with_capacity(n),
            views: Vec::with_capacity(n),
            impressions: Vec::with_capacity(n),
        };
        for d in rows.into_iter().filter(|d| d.date >= start) {
            s.dates.push(d.date);
            s.followers.push(d.followers as f64);
            s.following.push(f(d.following));
            s.posts.push(f(d.posts));
            s.engagement.push(engagement_of(d, shares));
            s.likes.push(f(d.likes));
            s.comments.push(f(d.comments));
            s.reach.push(f(d.reach));
            s.views.push(f(d.views));
            s.impressions.push(f(d.impressions));
        }
        s
    }

    /// The number of days with a snapshot.
    pub fn len(&self) -> usize {
        self.dates.len()
    }

    /// Whether there is no snapshot.
    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }

    /// The weekday (0 = Monday) of day `i`.
    pub fn weekday(&self, i: usize) -> usize {
        self.dates.get(i).map(|d| d.weekday().num_days_from_monday() as usize).unwrap_or(0)
    }

    /// The best-covered measure of how many people saw the content, preferring reach.
    /// A measure counts when it is known on at least half of the days.
    pub fn activity(&self) -> (ActivityKind, &[Option<f64>]) {
        let half = self.len().div_ceil(2).max(1);
        let known = |v: &[Option<f64>]| v.iter().filter(|x| x.is_some()).count() >= half;
        if known(&self.reach) {
            (ActivityKind::Reach, &self.reach)
        } else if known(&self.views) {
            (ActivityKind::Views, &self.views)
        } else if known(&self.impressions) {
            (ActivityKind::Impressions, &self.impressions)
        } else {
            (ActivityKind::Engagement, &self.engagement)
        }
    }

    /// The denominator series of the platform's headline engagement rate (`None` for
    /// followers, which are handled per day).
    pub fn headline_denominator(&self, platform: Platform) -> Option<&[Option<f64>]> {
        match formula(platform).denominator {
            Denominator::Followers => None,
            Denominator::Views => Some(&self.views),
            Denominator::Impressions => Some(&self.impressions),
        }
    }

    /// The indices of the last `days` calendar days.
    pub fn recent(&self, days: i64) -> std::ops::Range<usize> {
        let Some(last) = self.dates.last() else {
            return 0..0;
        };
        let start = *last - chrono::Duration::days(days - 1);
        let first = self.dates.partition_point(|d| *d < start);
        first..self.len()
    }
}

/// The interactions of one day by the platform's formula; `None` when neither likes
/// nor comments are known.
fn engagement_of(d: &DailyMetrics, shares: bool) -> Option<f64> {
    if d.likes.is_none() && d.comments.is_none() {
        return None;
    }
    let mut sum = d.likes.unwrap_or(0) + d.comments.unwrap_or(0);
    if shares {
        sum += d.shares.unwrap_or(0);
    }
    Some(sum as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: i64, followers: u64) -> DailyMetrics {
        let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
        DailyMetrics::new(base + chrono::Duration::days(n), followers)
    }

    #[test]
    fn series_are_sorted_deduplicated_and_windowed() {
        let mut rows = vec![day(3, 30), day(1, 10), day(2, 20), day(2, 21)];
        rows.push(day(400, 99));
        let s = Series::from_daily(Platform::Instagram, &rows);
        assert_eq!(s.followers, vec![99.0]);
        let s = Series::from_daily(Platform::Instagram, &rows[..4]);
        assert_eq!(s.followers, vec![10.0, 21.0, 30.0]);
        assert_eq!(s.recent(2), 1..3);
    }

    #[test]
    fn missing_metrics_stay_unknown_and_activity_falls_back() {
        let mut a = day(0, 100);
        a.likes = Some(5);
        let s = Series::from_daily(Platform::Tiktok, &[a, day(1, 100)]);
        assert_eq!(s.engagement, vec![Some(5.0), None]);
        assert_eq!(s.activity().0, ActivityKind::Engagement);
        assert!(Series::from_daily(Platform::Tiktok, &[]).is_empty());
    }
}
