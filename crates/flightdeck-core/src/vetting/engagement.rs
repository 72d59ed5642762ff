//! Engagement rates of one account: on followers, on reach and on views, by the
//! platform's own formula, as the median over recent posts (or over recent days when
//! no posts were imported), plus average reach per post and reach as a share of
//! followers.

use serde::{Deserialize, Serialize};

use super::priors::{formula, Denominator};
use super::series::Series;
use super::stats::median;
use crate::domain::{Platform, Post};

/// How many recent posts the medians are taken over.
pub const RECENT_POSTS: usize = 30;
/// How many recent days the rates are taken over when they come from daily metrics.
pub const RECENT_DAYS: i64 = 90;
/// The length of a block of days whose per-post rate is one sample of the median.
const BLOCK_DAYS: usize = 14;

/// What one rate sample stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateBasis {
    /// Per post (from posts, or from daily metrics with a post count).
    PerPost,
    /// Per day (daily metrics without a post count).
    PerDay,
}

impl RateBasis {
    /// The words for reasons.
    pub fn words(self) -> &'static str {
        match self {
            RateBasis::PerPost => "per post",
            RateBasis::PerDay => "per day",
        }
    }
}

/// The engagement and reach rates of one account (fractions, not percent).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rates {
    /// Whether the rates are per post or per day.
    pub basis: RateBasis,
    /// The platform's default engagement rate (see [`super::priors::formula`]).
    pub headline: Option<f64>,
    /// Engagement on followers.
    pub on_followers: Option<f64>,
    /// Engagement on reach.
    pub on_reach: Option<f64>,
    /// Engagement on views.
    pub on_views: Option<f64>,
    /// Average reach per post (or per day).
    pub reach_per_post: Option<f64>,
    /// Reach as a share of followers.
    pub reach_rate: Option<f64>,
    /// Likes per comment.
    pub likes_per_comment: Option<f64>,
    /// How many posts (or days) the rates rest on.
    pub samples: u32,
}

impl Rates {
    fn empty(basis: RateBasis) -> Rates {
        Rates {
            basis,
            headline: None,
            on_followers: None,
            on_reach: None,
            on_views: None,
            reach_per_post: None,
            reach_rate: None,
            likes_per_comment: None,
            samples: 0,
        }
    }
}

fn ratio(num: f64, den: f64) -> Option<f64> {
    (den > 0.0 && num.is_finite()).then(|| num / den)
}

/// Rates from posts: the median over the most recent [`RECENT_POSTS`] posts with
/// numbers. `None` when fewer than 3 posts have likes or comments.
pub fn from_posts(platform: Platform, followers: u64, posts: &[Post]) -> Option<Rates> {
    let fm = formula(platform);
    let mut recent: Vec<&Post> =
        posts.iter().filter(|p| p.metrics.likes.is_some() || p.metrics.comments.is_some()).collect();
    if recent.len() < 3 {
        return None;
    }
    recent.sort_by_key(|p| std::cmp::Reverse(p.published_at));
    recent.truncate(RECENT_POSTS);
    let num = |p: &Post| {
        let m = p.metrics;
        (m.likes.unwrap_or(0) + m.comments.unwrap_or(0) + if fm.shares { m.shares.unwrap_or(0) } else { 0 }) as f64
    };
    let per = |den: &dyn Fn(&Post) -> Option<u64>| {
        let v: Vec<f64> = recent.iter().filter_map(|p| ratio(num(p), den(p)? as f64)).collect();
        median(&v)
    };
    let f = followers as f64;
    let on_followers =
        (followers > 0).then(|| median(&recent.iter().map(|p| num(p) / f).collect::<Vec<_>>())).flatten();
    let on_reach = per(&|p| p.metrics.reach);
    let on_views = per(&|p| p.metrics.views);
    let reach_per_post = median(&recent.iter().filter_map(|p| p.metrics.reach.map(|r| r as f64)).collect::<Vec<_>>());
    let likes: u64 = recent.iter().filter_map(|p| p.metrics.likes).sum();
    let comments: u64 = recent.iter().filter_map(|p| p.metrics.comments).sum();
    let headline = match fm.denominator {
        Denominator::Followers => on_followers,
        Denominator::Views => on_views.or(on_followers),
        Denominator::Impressions => per(&|p| p.metrics.impressions).or(on_followers),
    };
    Some(Rates {
        basis: RateBasis::PerPost,
        headline,
        on_followers,
        on_reach,
        on_views,
        reach_per_post,
        reach_rate: reach_per_post.and_then(|r| ratio(r, f)),
        likes_per_comment: ratio(likes as f64, comments as f64),
        samples: recent.len() as u32,
    })
}

/// Sums `num` and `den` over the days where both are known.
fn ratio_of_sums(num: &[Option<f64>], den: &[Option<f64>]) -> Option<f64> {
    let (mut a, mut b) = (0.0, 0.0);
    for (n, d) in num.iter().zip(den) {
        if let (Some(n), Some(d)) = (n, d) {
            a += n;
            b += d;
        }
    }
    ratio(a, b)
}

/// Per-post samples of `values` (e.g. interactions or reach) from blocks of days:
/// the block's sum (scaled up for unknown days) divided by the posts published in it,
/// divided by the block's mean followers when `per_follower`.
fn per_post_blocks(s: &Series, range: std::ops::Range<usize>, values: &[Option<f64>], per_follower: bool) -> Vec<f64> {
    let mut out = Vec::new();
    let mut start = range.start;
    while start < range.end {
        let end = (start + BLOCK_DAYS).min(range.end);
        let before = if start > 0 { s.posts[start - 1] } else { s.posts[start] };
        let published = match (before, s.posts[end - 1]) {
            (Some(a), Some(b)) if b > a => b - a,
            _ => 0.0,
        };
        let known: Vec<f64> = values[start..end].iter().flatten().copied().collect();
        let days = end - start;
        if published > 0.0 && known.len() * 2 >= days {
            let total = known.iter().sum::<f64>() * days as f64 / known.len() as f64;
            let mean_f = s.followers[start..end].iter().sum::<f64>() / days as f64;
            let sample = if per_follower { ratio(total / published, mean_f) } else { Some(total / published) };
            out.extend(sample);
        }
        start = end;
    }
    out
}

/// Rates from daily metrics over the last [`RECENT_DAYS`] days. Per post when the
/// daily post count moved, else per day.
pub fn from_series(platform: Platform, s: &Series) -> Rates {
    let range = s.recent(RECENT_DAYS);
    let eng = &s.engagement[range.clone()];
    let per_post = per_post_blocks(s, range.clone(), &s.engagement, true);
    let basis = if per_post.is_empty() { RateBasis::PerDay } else { RateBasis::PerPost };
    let mut r = Rates::empty(basis);
    let followers = &s.followers[range.clone()];
    let med_f = median(followers).unwrap_or(0.0);
    let (on_followers, reach_per_post) = if basis == RateBasis::PerPost {
        (median(&per_post), median(&per_post_blocks(s, range.clone(), &s.reach, false)))
    } else {
        let daily: Vec<f64> = eng.iter().zip(followers).filter_map(|(e, f)| e.and_then(|e| ratio(e, *f))).collect();
        (median(&daily), median(&s.reach[range.clone()].iter().flatten().copied().collect::<Vec<_>>()))
    };
    r.samples = if basis == RateBasis::PerPost { per_post.len() as u32 } else { eng.iter().flatten().count() as u32 };
    r.on_followers = on_followers;
    r.on_reach = ratio_of_sums(eng, &s.reach[range.clone()]);
    r.on_views = ratio_of_sums(eng, &s.views[range.clone()]);
    r.reach_per_post = reach_per_post;
    r.reach_rate = reach_per_post.and_then(|x| ratio(x, med_f));
    r.likes_per_comment = ratio_of_sums(&s.likes[range.clone()], &s.comments[range.clone()]);
    r.headline = match s.headline_denominator(platform) {
        None => on_followers,
        Some(den) => ratio_of_sums(eng, &den[range]).or(on_followers),
    };
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::DailyMetrics;
    use chrono::NaiveDate;

    fn days(n: i64, f: impl Fn(i64) -> DailyMetrics) -> Vec<DailyMetrics> {
        (0..n).map(f).collect()
    }

    fn base(i: i64, followers: u64) -> DailyMetrics {
        DailyMetrics::new(
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default() + chrono::Duration::days(i),
            followers,
        )
    }

    #[test]
    fn per_post_rates_divide_by_posts_published() {
        let rows = days(60, |i| {
            let mut d = base(i, 10_000);
            d.posts = Some(100 + (i as u64) / 2);
            d.likes = Some(100);
            d.comments = Some(0);
            d.reach = Some(1_000);
            d
        });
        let r = from_series(Platform::Instagram, &Series::from_daily(Platform::Instagram, &rows));
        assert_eq!(r.basis, RateBasis::PerPost);
        let er = r.on_followers.unwrap_or(0.0);
        assert!((er - 0.02).abs() < 0.002, "{er}");
        assert!((r.on_reach.unwrap_or(0.0) - 0.1).abs() < 1e-9);
        assert!((r.reach_rate.unwrap_or(0.0) - 0.2).abs() < 0.02);
    }

    #[test]
    fn without_post_counts_rates_are_per_day_and_zero_followers_give_none() {
        let rows = days(30, |i| {
            let mut d = base(i, 0);
            d.likes = Some(5);
            d
        });
        let r = from_series(Platform::Instagram, &Series::from_daily(Platform::Instagram, &rows));
        assert_eq!(r.basis, RateBasis::PerDay);
        assert_eq!(r.on_followers, None);
        assert_eq!(r.reach_rate, None);
        assert_eq!(r.likes_per_comment, None);
    }

    #[test]
    fn youtube_headline_is_on_views() {
        let rows = days(30, |i| {
            let mut d = base(i, 50_000);
            d.likes = Some(40);
            d.comments = Some(10);
            d.views = Some(1_000);
            d
        });
        let r = from_series(Platform::Youtube, &Series::from_daily(Platform::Youtube, &rows));
        assert!((r.headline.unwrap_or(0.0) - 0.05).abs() < 1e-9);
        assert!((r.on_followers.unwrap_or(0.0) - 0.001).abs() < 1e-9);
    }
}
