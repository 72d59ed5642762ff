//! The composite score: gates first (a creator that fails one is not scorable, never
//! silently low), then a weighted geometric mean of the components, and a confidence.

use serde::{Deserialize, Serialize};

use super::stats::round_to;

/// The weight of each component in the composite (configurable per workspace). They
/// need not sum to 1: the weights of the components that could be assessed are
/// normalised.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    /// Engagement rate percentile among peers.
    pub engagement: f64,
    /// Reach rate percentile among peers.
    pub reach: f64,
    /// Real followers and engagement.
    pub authenticity: f64,
    /// Audience in the target countries, ages and languages.
    pub audience: f64,
    /// Brand fit with the persona.
    pub fit: f64,
    /// Brand safety.
    pub safety: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights { engagement: 0.25, reach: 0.10, authenticity: 0.25, audience: 0.15, fit: 0.15, safety: 0.10 }
    }
}

/// One explained part of the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// `engagement`, `reach`, `authenticity`, `audience`, `fit` or `safety`.
    pub name: String,
    /// 0–1 (0.5 when not assessed).
    pub value: f64,
    /// The weight it had in the score (normalised; 0 when not assessed).
    pub weight: f64,
    /// Value, peer reference and threshold in words.
    pub reason: String,
}

/// How far the score can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Long history, many peers, audience known.
    High,
    /// Some of those.
    Medium,
    /// Little data or few peers.
    Low,
}

/// The smallest value a component enters the geometric mean with (a 0 would erase
/// every other component; gates handle the real zeroes).
const VALUE_FLOOR: f64 = 0.02;

/// Builds a component; `value` `None` means "not assessed".
pub fn component(name: &str, value: Option<f64>, raw_weight: f64, reason: String) -> (Component, f64) {
    let assessed = value.is_some();
    let c = Component {
        name: name.to_owned(),
        value: round_to(value.unwrap_or(0.5).clamp(0.0, 1.0), 3),
        weight: 0.0,
        reason: if assessed { reason } else { format!("not assessed: {reason}") },
    };
    (c, if assessed { raw_weight.max(0.0) } else { 0.0 })
}

/// Normalises the weights of the assessed components and returns the weighted
/// geometric mean × 100 (`None` when nothing could be assessed).
pub fn composite(parts: Vec<(Component, f64)>) -> (Vec<Component>, Option<f64>) {
    let total: f64 = parts.iter().map(|(_, w)| w).sum();
    let mut log_sum = 0.0;
    let mut out = Vec::with_capacity(parts.len());
    for (mut c, w) in parts {
        let weight = if total > 0.0 { w / total } else { 0.0 };
        c.weight = round_to(weight, 3);
        log_sum += weight * c.value.max(VALUE_FLOOR).ln();
        out.push(c);
    }
    let score = (total > 0.0).then(|| round_to(100.0 * log_sum.exp(), 1));
    (out, score)
}

/// The facts a confidence rests on.
#[derive(Debug, Clone, Copy, Default)]
pub struct Evidence {
    /// Days of daily metrics of the main account.
    pub days: u32,
    /// Posts with numbers of the main account.
    pub posts: u32,
    /// Peers in the main account's bucket.
    pub peers: usize,
    /// Whether an audience breakdown exists.
    pub audience: bool,
    /// Whether reach (or views) is known.
    pub reach: bool,
}

/// High with a long history, many peers and a known audience; low with little.
pub fn confidence(e: &Evidence) -> Confidence {
    let mut points = 0;
    points += match e.days {
        90.. => 2,
        30..=89 => 1,
        _ => 0,
    };
    points += u32::from(e.posts >= 12);
    points += match e.peers {
        30.. => 2,
        5..=29 => 1,
        _ => 0,
    };
    points += u32::from(e.audience) + u32::from(e.reach);
    match points {
        5.. => Confidence::High,
        3..=4 => Confidence::Medium,
        _ => Confidence::Low,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_composite_is_a_weighted_geometric_mean_over_assessed_parts() {
        let parts = vec![
            component("a", Some(0.81), 0.5, "a".into()),
            component("b", Some(0.49), 0.5, "b".into()),
            component("c", None, 0.5, "no data".into()),
        ];
        let (cs, score) = composite(parts);
        assert_eq!(score, Some(63.0));
        assert_eq!(cs[2].weight, 0.0);
        assert!(cs[2].reason.starts_with("not assessed"));
        assert_eq!(cs[0].weight, 0.5);
        let (_, none) = composite(vec![component("c", None, 1.0, "x".into())]);
        assert_eq!(none, None);
    }

    #[test]
    fn confidence_grows_with_evidence() {
        let rich = Evidence { days: 180, posts: 30, peers: 100, audience: true, reach: true };
        assert_eq!(confidence(&rich), Confidence::High);
        assert_eq!(
            confidence(&Evidence { days: 40, peers: 10, reach: true, ..Evidence::default() }),
            Confidence::Medium
        );
        assert_eq!(confidence(&Evidence { days: 5, ..Evidence::default() }), Confidence::Low);
    }
}
