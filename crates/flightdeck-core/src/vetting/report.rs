//! The vetting report: the JSON of `flightdeck vet ID --format json` and
//! `GET /api/v1/creators/{id}/vetting` (INTERFACES.md "Vetting output"), plus the
//! detail behind each component.

use serde::{Deserialize, Serialize};

use super::audience::AudienceQuality;
use super::authenticity::Authenticity;
use super::engagement::RateBasis;
use super::fee::FeeCheck;
use super::fit::Fit;
use super::peers::{Metric, PeerIndex};
use super::safety::Safety;
use super::score::{Component, Confidence};
use super::stats::round_to;
use super::summary::AccountSummary;
use crate::domain::{AccountId, CreatorId, Platform, Tier};

/// The explained vetting of one creator for one persona (or none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VettingReport {
    /// The creator's id.
    pub creator: CreatorId,
    /// The persona's name, `null` without a persona.
    pub persona: Option<String>,
    /// Whether a score could be given.
    pub scorable: bool,
    /// 0–100, `null` when not scorable.
    pub score: Option<f64>,
    /// How far the score can be trusted.
    pub confidence: Confidence,
    /// Why there is no score.
    pub not_scorable_reason: Option<String>,
    /// Bought followers, hollow base, fake engagement, bot comments.
    pub authenticity: Authenticity,
    /// The parts of the score, each with value, weight and reason.
    pub components: Vec<Component>,
    /// The creator's tier (their largest account's).
    pub tier: Tier,
    /// Real, in-target followers of the largest account.
    pub effective_audience: u64,
    /// Audience quality for the persona.
    pub audience: AudienceQuality,
    /// Brand fit with the persona.
    pub fit: Fit,
    /// Brand safety.
    pub safety: Safety,
    /// The numbers per account.
    pub accounts: Vec<AccountReport>,
    /// The check of a quoted fee, when one was given.
    pub fee: Option<FeeCheck>,
}

/// The numbers of one account (rates are fractions: 0.041 = 4.1 %).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountReport {
    /// The account's id.
    pub account: AccountId,
    /// Its platform.
    pub platform: Platform,
    /// Its handle.
    pub handle: String,
    /// Latest followers.
    pub followers: u64,
    /// Its tier.
    pub tier: Tier,
    /// Days of metrics.
    pub days: u32,
    /// Per post or per day.
    pub basis: RateBasis,
    /// The platform's default engagement rate.
    pub engagement_rate: Option<f64>,
    /// Its percentile among peers (0–100).
    pub engagement_percentile: Option<f64>,
    /// Peers in its bucket.
    pub peers: usize,
    /// Engagement on followers.
    pub engagement_on_followers: Option<f64>,
    /// Engagement on reach.
    pub engagement_on_reach: Option<f64>,
    /// Engagement on views.
    pub engagement_on_views: Option<f64>,
    /// Average reach per post (or per day).
    pub reach_per_post: Option<f64>,
    /// Reach as a share of followers.
    pub reach_rate: Option<f64>,
    /// Likes per comment.
    pub likes_per_comment: Option<f64>,
    /// Estimated fake share `[low, high]`.
    pub fake_share: [f64; 2],
}

fn r4(x: Option<f64>) -> Option<f64> {
    x.map(|v| round_to(v, 5))
}

impl AccountReport {
    /// The report of one account.
    pub fn of(s: &AccountSummary, peers: &PeerIndex, fake_share: [f64; 2]) -> AccountReport {
        let placed = peers.place(Metric::Engagement, s);
        AccountReport {
            account: s.account.clone(),
            platform: s.platform,
            handle: s.handle.clone(),
            followers: s.followers,
            tier: s.tier,
            days: s.days,
            basis: s.basis(),
            engagement_rate: r4(s.rates.headline),
            engagement_percentile: placed.map(|p| round_to(p.percentile, 1)),
            peers: peers.peer_count(Metric::Engagement, s.platform, s.tier, s.basis()),
            engagement_on_followers: r4(s.rates.on_followers),
            engagement_on_reach: r4(s.rates.on_reach),
            engagement_on_views: r4(s.rates.on_views),
            reach_per_post: s.rates.reach_per_post.map(f64::round),
            reach_rate: r4(s.rates.reach_rate),
            likes_per_comment: s.rates.likes_per_comment.map(|v| round_to(v, 1)),
            fake_share,
        }
    }
}
