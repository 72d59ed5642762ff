//! Published benchmarks used as priors (from `refdata/vetting/benchmarks.json`).
//!
//! They are a starting point only: the published numbers differ 3–10× by formula, so
//! the peer index recomputes baselines from the workspace's own creators and uses these
//! values while there are few peers (see [`super::peers`]).

use crate::domain::{Platform, Tier};

/// The engagement formula a platform is judged by (`definition_default` in the
/// benchmarks): which interactions count and what they are divided by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formula {
    /// Whether shares (reposts) count as engagement.
    pub shares: bool,
    /// What the interactions are divided by.
    pub denominator: Denominator,
    /// The formula in words, for reasons.
    pub text: &'static str,
}

/// The denominator of a platform's default engagement rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denominator {
    /// Followers (Instagram, TikTok, and platforms without a standard).
    Followers,
    /// Video views (YouTube).
    Views,
    /// Impressions (LinkedIn).
    Impressions,
}

/// The default engagement formula of `platform`.
pub fn formula(platform: Platform) -> Formula {
    match platform {
        Platform::Instagram => {
            Formula { shares: false, denominator: Denominator::Followers, text: "(likes+comments)/followers" }
        }
        Platform::Tiktok => {
            Formula { shares: true, denominator: Denominator::Followers, text: "(likes+comments+shares)/followers" }
        }
        Platform::Youtube => Formula { shares: false, denominator: Denominator::Views, text: "(likes+comments)/views" },
        Platform::Linkedin => Formula {
            shares: true,
            denominator: Denominator::Impressions,
            text: "(reactions+comments+reposts)/impressions",
        },
        _ => Formula {
            shares: true,
            denominator: Denominator::Followers,
            text: "(likes+comments+shares)/followers (no published standard for this platform)",
        },
    }
}

/// The prior median engagement rate (a fraction, per post, on the platform's default
/// formula) for a platform × tier: `prior_median_percent` of the benchmarks. Emerging
/// accounts (< 1k) have no published value; the nano value × 1.3 is used (smaller
/// accounts engage more in every published series).
pub fn engagement_prior(platform: Platform, tier: Tier) -> Option<f64> {
    let [nano, micro, macro_, mega] = match platform {
        Platform::Instagram => [3.0, 1.8, 1.1, 0.7],
        Platform::Tiktok => [7.8, 4.5, 2.3, 1.6],
        Platform::Youtube => [5.2, 3.3, 1.8, 1.3],
        Platform::Linkedin => [5.4, 3.3, 1.7, 1.1],
        _ => return None,
    };
    let percent = match tier {
        Tier::Emerging => nano * 1.3,
        Tier::Nano => nano,
        Tier::Micro => micro,
        Tier::Macro => macro_,
        Tier::Mega => mega,
    };
    Some(percent / 100.0)
}

/// The prior organic reach per post as a share of followers. Only Instagram has a
/// published value (The Cirqle 2024: 15.7 % at 10–50k, 3.2 % at 500k–1M); the other
/// tiers are interpolated on a log scale.
pub fn reach_rate_prior(platform: Platform, tier: Tier) -> Option<f64> {
    if platform != Platform::Instagram {
        return None;
    }
    Some(match tier {
        Tier::Emerging => 0.30,
        Tier::Nano => 0.22,
        Tier::Micro => 0.14,
        Tier::Macro => 0.06,
        Tier::Mega => 0.03,
    })
}

/// The relative size of a metric across tiers when no published value exists, so that
/// peers of different tiers on one platform can stand in for each other (engagement and
/// reach fall with size in every published series; likes per comment do not).
pub fn tier_curve(metric_falls_with_size: bool, tier: Tier) -> f64 {
    if !metric_falls_with_size {
        return 1.0;
    }
    match tier {
        Tier::Emerging => 1.3,
        Tier::Nano => 1.0,
        Tier::Micro => 0.6,
        Tier::Macro => 0.37,
        Tier::Mega => 0.23,
    }
}

/// The spread (σ of the natural log) of engagement between creators of one bucket:
/// ln(p75/p25)/1.349 of the SociaVault quartiles is 0.6–0.7 on TikTok, YouTube and
/// LinkedIn; 0.6 is used everywhere.
pub const PRIOR_LOG_SIGMA: f64 = 0.6;

/// A CPM range in USD per 1,000 impressions for a platform × tier (InfluencerRadar /
/// Influencer Hero ranges in the benchmarks; USD, nominal).
pub fn cpm_range_usd(platform: Platform, tier: Tier) -> Option<(f64, f64)> {
    let range = match (platform, tier) {
        (Platform::Instagram, Tier::Emerging | Tier::Nano) => (5.0, 12.0),
        (Platform::Instagram, Tier::Micro) => (10.0, 20.0),
        (Platform::Instagram, Tier::Macro) => (15.0, 45.0),
        (Platform::Instagram, Tier::Mega) => (40.0, 100.0),
        (Platform::Tiktok, Tier::Emerging | Tier::Nano) => (4.0, 10.0),
        (Platform::Tiktok, Tier::Micro) => (8.0, 18.0),
        (Platform::Tiktok, Tier::Macro) => (12.0, 25.0),
        (Platform::Tiktok, Tier::Mega) => (20.0, 40.0),
        (Platform::Youtube, Tier::Micro) => (20.0, 50.0),
        (Platform::Youtube, Tier::Macro) => (35.0, 75.0),
        (Platform::Youtube, _) => (10.0, 30.0),
        _ => return None,
    };
    Some(range)
}

/// A CPE range in USD (Lookfluence 2026: nano 0.10–0.50, macro 2–5; micro and mega
/// interpolated / extrapolated).
pub fn cpe_range_usd(tier: Tier) -> (f64, f64) {
    match tier {
        Tier::Emerging | Tier::Nano => (0.10, 0.50),
        Tier::Micro => (0.50, 2.00),
        Tier::Macro => (2.00, 5.00),
        Tier::Mega => (3.00, 8.00),
    }
}

/// The robust z threshold above which a value is an outlier (Iglewicz & Hoaglin).
pub const ROBUST_Z_FLAG: f64 = 3.5;

/// Accounts following more than this many are "mass followers" (HypeAuditor).
pub const MASS_FOLLOWING: u64 = 1500;

/// Share of generic comments at which comment authenticity raises an alarm.
pub const GENERIC_COMMENT_ALARM: f64 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priors_follow_the_benchmarks_and_fall_with_size() {
        assert!(engagement_prior(Platform::Instagram, Tier::Micro).is_some_and(|p| (p - 0.018).abs() < 1e-12));
        assert_eq!(engagement_prior(Platform::Twitch, Tier::Micro), None);
        let ig: Vec<f64> = Tier::ALL.iter().filter_map(|t| engagement_prior(Platform::Tiktok, *t)).collect();
        assert!(ig.windows(2).all(|w| w[0] > w[1]));
        assert_eq!(formula(Platform::Youtube).denominator, Denominator::Views);
    }
}
