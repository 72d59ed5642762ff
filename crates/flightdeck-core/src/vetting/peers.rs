//! The peer index: per platform × tier bucket, the sorted values of every account in
//! the workspace, so that a percentile is a binary search (O(log n)).
//!
//! Few peers mean an unreliable distribution, so every reference is shrunk towards a
//! prior: the published benchmark of the bucket, moved by how far the workspace's own
//! accounts sit from the benchmarks overall (their formulas and sources differ 3–10×).
//! With `n` peers the bucket's own median gets weight `n / (n + 10)`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::engagement::RateBasis;
use super::priors::{engagement_prior, formula, reach_rate_prior, tier_curve, Denominator, PRIOR_LOG_SIGMA};
use super::stats::{ecdf_sorted, median, median_in_place, median_mad, normal_cdf, quantile_sorted};
use super::summary::AccountSummary;
use crate::domain::{Platform, Tier};

/// Pseudo-count of the prior against a bucket's peers.
const K_BUCKET: f64 = 10.0;
/// Pseudo-count of the global offset against a platform's own accounts.
const K_PLATFORM: f64 = 10.0;
/// Pseudo-count of "no offset" against the workspace-wide offset.
const K_GLOBAL: f64 = 3.0;
/// Pseudo-count of the prior spread against the measured one.
const K_SIGMA: f64 = 20.0;
/// The smallest spread (σ of ln) a reference may have.
const MIN_SIGMA: f64 = 0.2;

/// A per-account number that peers are compared on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// The platform's default engagement rate.
    Engagement,
    /// Engagement on followers (every platform).
    EngagementOnFollowers,
    /// Reach (or views / impressions) per post as a share of followers.
    ReachRate,
    /// Likes per comment.
    LikesPerComment,
    /// The geometric mean of engagement on followers and reach rate: how active the
    /// follower base is, with the noise of each measure halved.
    Activity,
}

impl Metric {
    /// Every metric.
    pub const ALL: [Metric; 5] = [
        Metric::Engagement,
        Metric::EngagementOnFollowers,
        Metric::ReachRate,
        Metric::LikesPerComment,
        Metric::Activity,
    ];

    /// The account's value of the metric, when known and positive.
    pub fn value(self, s: &AccountSummary) -> Option<f64> {
        let v = match self {
            Metric::Engagement => s.rates.headline,
            Metric::EngagementOnFollowers => s.rates.on_followers,
            Metric::ReachRate => s.rates.reach_rate,
            Metric::LikesPerComment => s.rates.likes_per_comment,
            Metric::Activity => match (s.rates.on_followers, s.rates.reach_rate) {
                (Some(e), Some(r)) => Some((e * r).sqrt()),
                _ => None,
            },
        };
        v.filter(|x| *x > 0.0 && x.is_finite())
    }

    /// The published prior of the metric for a bucket, when there is one.
    pub fn published(self, platform: Platform, tier: Tier) -> Option<f64> {
        match self {
            Metric::Engagement => engagement_prior(platform, tier),
            Metric::EngagementOnFollowers => {
                (formula(platform).denominator == Denominator::Followers).then(|| engagement_prior(platform, tier))?
            }
            Metric::ReachRate => reach_rate_prior(platform, tier),
            Metric::LikesPerComment => None,
            Metric::Activity => {
                let e = Metric::EngagementOnFollowers.published(platform, tier)?;
                Some((e * reach_rate_prior(platform, tier)?).sqrt())
            }
        }
    }

    fn ln_base(self, platform: Platform, tier: Tier) -> f64 {
        match self.published(platform, tier) {
            Some(p) => p.ln(),
            None => tier_curve(self != Metric::LikesPerComment, tier).ln(),
        }
    }
}

pub(super) type BucketKey = (Metric, Platform, Tier, RateBasis);
pub(super) type PlatformKey = (Metric, Platform, RateBasis);

/// What an account's value is compared with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reference {
    /// The expected (typical) value for the bucket.
    pub center: f64,
    /// The spread between creators (σ of the natural log).
    pub sigma: f64,
    /// How many peers the bucket has (the account itself included).
    pub peers: usize,
    /// The published benchmark of the bucket, when there is one.
    pub published: Option<f64>,
}

/// Where an account's value sits among its peers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// The account's value.
    pub value: f64,
    /// Percentile 0–100 (peers blended with the prior).
    pub percentile: f64,
    /// ln(value / center) / sigma: a z-score on the log scale.
    pub z: f64,
    /// value / center.
    pub ratio: f64,
    /// The reference used.
    pub reference: Reference,
}

/// The workspace's peer distributions, built once from every account's summary.
#[derive(Debug, Clone, Default)]
pub struct PeerIndex {
    pub(super) buckets: HashMap<BucketKey, Vec<f64>>,
    pub(super) platform_offset: HashMap<PlatformKey, f64>,
    pub(super) sigma: HashMap<(Metric, Option<Platform>), f64>,
}

impl PeerIndex {
    /// Builds the index from the summaries of every account in the workspace.
    pub fn build<'a>(summaries: impl IntoIterator<Item = &'a AccountSummary>) -> PeerIndex {
        let mut buckets: HashMap<BucketKey, Vec<f64>> = HashMap::new();
        let mut by_platform: HashMap<PlatformKey, Vec<f64>> = HashMap::new();
        let mut global: HashMap<(Metric, RateBasis), Vec<f64>> = HashMap::new();
        for s in summaries {
            for m in Metric::ALL {
                let Some(v) = m.value(s) else { continue };
                let basis = s.basis();
                buckets.entry((m, s.platform, s.tier, basis)).or_default().push(v.ln());
                let y = v.ln() - m.ln_base(s.platform, s.tier);
                by_platform.entry((m, s.platform, basis)).or_default().push(y);
                if m.published(s.platform, s.tier).is_some() {
                    global.entry((m, basis)).or_default().push(y);
                }
            }
        }
        let global_offset: HashMap<(Metric, RateBasis), f64> = global
            .into_iter()
            .map(|(k, mut ys)| {
                let n = ys.len() as f64;
                (k, median_in_place(&mut ys).unwrap_or(0.0) * n / (n + K_GLOBAL))
            })
            .collect();
        let mut index = PeerIndex::default();
        for ((m, p, basis), ys) in by_platform {
            let med = median(&ys).unwrap_or(0.0);
            let n = ys.len() as f64;
            let offset = match Tier::ALL.iter().any(|t| m.published(p, *t).is_some()) {
                true => {
                    (n * med + K_PLATFORM * global_offset.get(&(m, basis)).copied().unwrap_or(0.0)) / (n + K_PLATFORM)
                }
                false => med,
            };
            index.platform_offset.insert((m, p, basis), offset);
        }
        for v in buckets.values_mut() {
            v.sort_by(f64::total_cmp);
        }
        index.buckets = buckets;
        let mut residuals: HashMap<(Metric, Platform), Vec<f64>> = HashMap::new();
        for (&(m, p, t, basis), values) in &index.buckets {
            if let Some(center) = index.center_ln(m, p, t, basis) {
                residuals.entry((m, p)).or_default().extend(values.iter().map(|v| v - center));
            }
        }
        index.set_sigmas(residuals);
        index
    }

    /// The spread of each metric: 1.4826 × MAD of the accounts' distances to their
    /// bucket's centre, pooled over platforms and shrunk towards the prior spread, then
    /// per platform shrunk towards the pooled one (platforms differ in how noisy they are).
    fn set_sigmas(&mut self, residuals: HashMap<(Metric, Platform), Vec<f64>>) {
        let robust = |res: &[f64]| median_mad(res).map(|(_, mad)| 1.4826 * mad);
        let shrink = |n: usize, measured: Option<f64>, towards: f64| {
            let n = n as f64;
            ((n * measured.unwrap_or(towards) + K_SIGMA * towards) / (n + K_SIGMA)).max(MIN_SIGMA)
        };
        for m in Metric::ALL {
            let pooled: Vec<f64> =
                residuals.iter().filter(|((rm, _), _)| *rm == m).flat_map(|(_, v)| v.iter().copied()).collect();
            let overall = shrink(pooled.len(), robust(&pooled), PRIOR_LOG_SIGMA);
            self.sigma.insert((m, None), overall);
            for ((_, p), res) in residuals.iter().filter(|((rm, _), _)| *rm == m) {
                self.sigma.insert((m, Some(*p)), shrink(res.len(), robust(res), overall));
            }
        }
    }

    /// The spread of a metric on a platform.
    fn sigma_of(&self, m: Metric, p: Platform) -> f64 {
        self.sigma.get(&(m, Some(p))).or_else(|| self.sigma.get(&(m, None))).copied().unwrap_or(PRIOR_LOG_SIGMA)
    }

    /// How many peers a bucket has.
    pub fn peer_count(&self, metric: Metric, platform: Platform, tier: Tier, basis: RateBasis) -> usize {
        self.buckets.get(&(metric, platform, tier, basis)).map_or(0, Vec::len)
    }

    /// The prior centre (ln) of a bucket: the benchmark moved by the workspace offset.
    fn prior_center(&self, m: Metric, p: Platform, t: Tier, basis: RateBasis) -> Option<f64> {
        let offset = match self.platform_offset.get(&(m, p, basis)) {
            Some(o) => *o,
            None if m.published(p, t).is_some() => 0.0,
            None => return None,
        };
        Some(m.ln_base(p, t) + offset)
    }

    /// The centre (ln) of a bucket: its peers' median shrunk towards the prior centre.
    fn center_ln(&self, m: Metric, p: Platform, t: Tier, basis: RateBasis) -> Option<f64> {
        let prior = self.prior_center(m, p, t, basis);
        let peers = self.buckets.get(&(m, p, t, basis));
        let n = peers.map_or(0, Vec::len) as f64;
        match (prior, peers.and_then(|v| quantile_sorted(v, 0.5))) {
            (Some(c), Some(med)) => Some((n * med + K_BUCKET * c) / (n + K_BUCKET)),
            (Some(c), None) => Some(c),
            (None, Some(med)) => Some(med),
            (None, None) => None,
        }
    }

    /// The reference of a bucket; `None` when neither peers nor a prior exist.
    pub fn reference(&self, m: Metric, p: Platform, t: Tier, basis: RateBasis) -> Option<Reference> {
        let center = self.center_ln(m, p, t, basis)?;
        let sigma = self.sigma_of(m, p);
        let peers = self.peer_count(m, p, t, basis);
        Some(Reference { center: center.exp(), sigma, peers, published: m.published(p, t) })
    }

    /// Places an account's value of `m` among its peers.
    pub fn place(&self, m: Metric, s: &AccountSummary) -> Option<Placement> {
        let value = m.value(s)?;
        let basis = s.basis();
        let reference = self.reference(m, s.platform, s.tier, basis)?;
        let ln_v = value.ln();
        let sigma = reference.sigma;
        let prior_pct = self.prior_center(m, s.platform, s.tier, basis).map(|c| normal_cdf((ln_v - c) / sigma));
        let peer_pct = self.buckets.get(&(m, s.platform, s.tier, basis)).and_then(|v| ecdf_sorted(v, ln_v));
        let n = reference.peers as f64;
        let pct = match (peer_pct, prior_pct) {
            (Some(e), Some(p)) => (n * e + K_BUCKET * p) / (n + K_BUCKET),
            (Some(e), None) => e,
            (None, Some(p)) => p,
            (None, None) => 0.5,
        };
        let ratio = value / reference.center;
        Some(Placement { value, percentile: 100.0 * pct, z: ratio.ln() / sigma, ratio, reference })
    }
}
