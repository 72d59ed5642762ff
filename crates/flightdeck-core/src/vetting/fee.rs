//! A quoted fee checked against the benchmarks: the implied CPM (fee per 1,000
//! expected reached accounts) and CPE (fee per expected interaction) against the
//! tier's published range. The ranges are in USD; the comparison converts with the
//! caller's rate, or compares nominally and says so.

use serde::{Deserialize, Serialize};

use super::input::QuotedFee;
use super::peers::{Metric, PeerIndex};
use super::priors::{cpe_range_usd, cpm_range_usd};
use super::stats::round_to;
use super::summary::AccountSummary;
use super::text::{count, platform_name};

/// Where an implied price sits against its range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceVerdict {
    /// Cheaper than the range.
    Below,
    /// Inside the range.
    Within,
    /// Dearer than the range.
    Above,
    /// No range to compare with.
    Unknown,
}

impl PriceVerdict {
    /// The words for reasons.
    pub fn words(self) -> &'static str {
        match self {
            PriceVerdict::Below => "below",
            PriceVerdict::Within => "within",
            PriceVerdict::Above => "above",
            PriceVerdict::Unknown => "no range for",
        }
    }
}

/// The check of a quoted fee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeeCheck {
    /// The fee as quoted (`EUR 450.00`).
    pub fee: String,
    /// Expected reach per post the prices rest on.
    pub expected_reach: f64,
    /// Expected interactions per post.
    pub expected_engagements: f64,
    /// Implied CPM in the fee's currency.
    pub cpm: Option<f64>,
    /// Implied CPE in the fee's currency.
    pub cpe: Option<f64>,
    /// The tier's CPM range in USD.
    pub cpm_range_usd: Option<[f64; 2]>,
    /// The tier's CPE range in USD.
    pub cpe_range_usd: [f64; 2],
    /// CPM against its range.
    pub cpm_verdict: PriceVerdict,
    /// CPE against its range.
    pub cpe_verdict: PriceVerdict,
    /// In words, with the currency note.
    pub reason: String,
}

fn verdict(value_usd: Option<f64>, range: Option<(f64, f64)>) -> PriceVerdict {
    match (value_usd, range) {
        (Some(v), Some((lo, _))) if v < lo => PriceVerdict::Below,
        (Some(v), Some((_, hi))) if v > hi => PriceVerdict::Above,
        (Some(_), Some(_)) => PriceVerdict::Within,
        _ => PriceVerdict::Unknown,
    }
}

/// Checks `fee` for a post on the account `s`.
pub fn check(fee: &QuotedFee, s: &AccountSummary, peers: &PeerIndex) -> FeeCheck {
    let followers = s.followers as f64;
    let reach_rate = s
        .rates
        .reach_rate
        .or_else(|| peers.reference(Metric::ReachRate, s.platform, s.tier, s.basis()).map(|r| r.center));
    let expected_reach = match (s.basis(), s.rates.reach_per_post) {
        (super::RateBasis::PerPost, Some(r)) => r,
        _ => followers * reach_rate.unwrap_or(0.15),
    };
    let expected_engagements = followers * s.rates.on_followers.unwrap_or(0.0);
    let digits = fee.amount.currency.minor_digits() as i32;
    let amount = fee.amount.minor as f64 / 10f64.powi(digits);
    let cpm = (expected_reach > 0.0).then(|| round_to(amount / expected_reach * 1000.0, 2));
    let cpe = (expected_engagements > 0.0).then(|| round_to(amount / expected_engagements, 3));
    let rate = fee.usd_per_unit.unwrap_or(1.0);
    let cpm_range = cpm_range_usd(s.platform, s.tier);
    let cpe_range = cpe_range_usd(s.tier);
    let cpm_verdict = verdict(cpm.map(|c| c * rate), cpm_range);
    let cpe_verdict = verdict(cpe.map(|c| c * rate), Some(cpe_range));
    let currency = fee.amount.currency;
    let note = match fee.usd_per_unit {
        Some(r) => format!("compared at {r} USD per {currency}"),
        None => format!("ranges are USD, compared nominally with {currency}"),
    };
    let cpm_words = match (cpm, cpm_range) {
        (None, _) => "CPM n/a".to_owned(),
        (Some(c), Some((lo, hi))) => {
            format!("CPM {c:.2} ({} the {} range {lo:.0}–{hi:.0} USD)", cpm_verdict.words(), s.tier)
        }
        (Some(c), None) => format!("CPM {c:.2} (no published {} range on this platform)", s.tier),
    };
    let reason = format!(
        "{} for ~{} reach and ~{} interactions per post on {} ({}): {cpm_words}, CPE {} ({} {:.2}–{:.2} USD); {note}",
        fee.amount,
        count(expected_reach),
        count(expected_engagements),
        platform_name(s.platform),
        s.tier,
        cpe.map_or_else(|| "n/a".to_owned(), |c| format!("{c:.3}")),
        cpe_verdict.words(),
        cpe_range.0,
        cpe_range.1,
    );
    FeeCheck {
        fee: fee.amount.to_string(),
        expected_reach: expected_reach.round(),
        expected_engagements: expected_engagements.round(),
        cpm,
        cpe,
        cpm_range_usd: cpm_range.map(|(a, b)| [a, b]),
        cpe_range_usd: [cpe_range.0, cpe_range.1],
        cpm_verdict,
        cpe_verdict,
        reason,
    }
}
