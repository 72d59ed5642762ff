//! Authenticity: bought followers (unexplained jumps), hollow follower bases (reach and
//! engagement far below peers of the same platform and size), fake engagement (likes
//! without conversation, more interactions than reach), follow/unfollow churn, and
//! comment quality. The result is a fake-follower share with a range, `suspicious`
//! and the evidence in words.

use serde::{Deserialize, Serialize};

use super::comments::CommentQuality;
use super::peers::{Metric, PeerIndex, Placement};
use super::priors::MASS_FOLLOWING;
use super::stats::{round_to, unit};
use super::summary::AccountSummary;
use super::text::{count, pct, platform_name};

/// A hollow base: audience activity (engagement on followers and reach rate together)
/// at most this share of the peer typical...
const HOLLOW_RATIO: f64 = 0.5;
/// ... and at least this far below on the log scale (in σ).
const HOLLOW_Z: f64 = -1.5;
/// This far below is hollow on its own.
const HOLLOW_EXTREME_Z: f64 = -3.5;
/// Reach alone this low (share of typical, and σ) is hollow too, whatever the
/// engagement: interactions without reach come from pods or bought engagement.
const HOLLOW_REACH_RATIO: f64 = 0.4;
/// See [`HOLLOW_REACH_RATIO`].
const HOLLOW_REACH_Z: f64 = -2.5;
/// An account with less than this share of the creator's followers is a side account:
/// a hollow finding there is reported but does not make the creator suspicious.
pub const MATERIAL_ACCOUNT_SHARE: f64 = 0.3;
/// Likes per comment this many times off the peers' typical is fake engagement.
const LPC_FACTOR: f64 = 5.0;
/// Interactions above this share of reach are more than the people reached give.
const MAX_ENGAGEMENT_ON_REACH: f64 = 1.0;
/// The fake share of an unremarkable account (Socialbakers: up to 10 % is fine).
pub const BASE_FAKE: [f64; 2] = [0.01, 0.08];

/// A kind of inauthenticity found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Follower jumps that reach or engagement do not explain.
    BoughtFollowers,
    /// Reach and engagement far below what the follower count implies.
    HollowFollowers,
    /// Likes or interactions that do not fit the conversation or the reach.
    FakeEngagement,
    /// The same commenters on most posts.
    EngagementPod,
    /// Mostly generic comments.
    BotComments,
}

/// The authenticity verdict of one creator (all accounts together).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Authenticity {
    /// Whether bought followers, fake engagement or bot comments were found.
    pub suspicious: bool,
    /// Estimated share of fake or inactive followers, `[low, high]`.
    pub fake_share: [f64; 2],
    /// The evidence, one sentence per finding, with value, reference and threshold.
    pub reasons: Vec<String>,
    /// What was found, by kind.
    pub flags: Vec<Flag>,
    /// A 0–1 value for the composite score (1 − mid fake share, less penalties).
    #[serde(skip)]
    pub value: f64,
}

/// The authenticity findings of one account.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountAuthenticity {
    /// Estimated fake share `[low, high]`.
    pub fake_share: [f64; 2],
    /// Flags found.
    pub flags: Vec<Flag>,
    /// Evidence.
    pub reasons: Vec<String>,
    /// Multiplicative penalty for findings that are not fake followers (0–1).
    pub penalty: f64,
}

/// Judges one account against its peers; `comments` when comments were imported.
/// `material` is false for a side account (see [`MATERIAL_ACCOUNT_SHARE`]).
pub fn assess_account(
    s: &AccountSummary,
    peers: &PeerIndex,
    comments: Option<&CommentQuality>,
    material: bool,
) -> AccountAuthenticity {
    let mut a = AccountAuthenticity { fake_share: BASE_FAKE, flags: Vec::new(), reasons: Vec::new(), penalty: 1.0 };
    let label = format!("{} @{}", platform_name(s.platform), s.handle);
    growth_findings(s, &label, &mut a);
    hollow_findings(s, peers, &label, material, &mut a);
    engagement_findings(s, peers, &label, &mut a);
    following_findings(s, &label, &mut a);
    if let Some(q) = comments {
        comment_findings(q, &label, &mut a);
    }
    a.flags.sort();
    a.flags.dedup();
    a
}

fn widen(a: &mut AccountAuthenticity, lo: f64, hi: f64) {
    a.fake_share[0] = a.fake_share[0].max(unit(lo));
    a.fake_share[1] = a.fake_share[1].max(unit(hi)).max(a.fake_share[0]);
}

fn growth_findings(s: &AccountSummary, label: &str, a: &mut AccountAuthenticity) {
    let g = &s.growth;
    if !g.judged {
        a.reasons.push(format!(
            "{label}: only {} days of follower history, growth not judged (needs {})",
            g.days,
            super::growth::MIN_DAYS
        ));
        return;
    }
    let activity = g.activity.as_deref().unwrap_or("reach");
    for j in &g.jumps {
        let lift = j
            .activity_lift
            .map_or_else(|| format!("no {activity} data"), |l| format!("{activity} peak {l:.1}× its usual high"));
        let gain = format!(
            "+{} ({}) from {} over {} day(s), robust z {:.1} > 3.5",
            count(j.excess),
            pct(j.excess / j.followers_before.max(1.0)),
            j.date,
            j.days,
            j.z
        );
        if j.is_suspicious() {
            a.flags.push(Flag::BoughtFollowers);
            let purge = if j.purged > 0.05 * j.excess {
                format!("; {} of them gone again within 60 days (a purge)", pct(j.purged / j.excess))
            } else {
                String::new()
            };
            a.reasons.push(format!("{label}: followers jumped {gain} that nothing explains ({lift}){purge}"));
        } else {
            a.reasons.push(format!(
                "{label}: followers rose {gain} after a rise in {activity} ({lift}): organic growth, not suspicious"
            ));
        }
    }
    let (lo, hi) = g.bought_share(s.followers as f64);
    if hi > 0.0 {
        widen(a, lo, hi);
    }
}

fn placement_words(p: &Placement, what: &str, s: &AccountSummary) -> String {
    format!(
        "{what} {} vs {} typical for {} {} {} peers ({:.2}× typical, {:.1}σ)",
        pct(p.value),
        pct(p.reference.center),
        p.reference.peers,
        s.tier,
        platform_name(s.platform),
        p.ratio,
        p.z
    )
}

fn hollow_findings(s: &AccountSummary, peers: &PeerIndex, label: &str, material: bool, a: &mut AccountAuthenticity) {
    let er = peers.place(Metric::EngagementOnFollowers, s);
    let reach = peers.place(Metric::ReachRate, s);
    let Some(primary) = peers.place(Metric::Activity, s).or(er).or(reach) else {
        if s.followers > 0 {
            a.reasons.push(format!("{label}: neither interactions nor reach known, hollow followers not judged"));
        }
        return;
    };
    let reach_hollow = reach.is_some_and(|r| r.ratio <= HOLLOW_REACH_RATIO && r.z <= HOLLOW_REACH_Z);
    let hollow =
        (primary.ratio <= HOLLOW_RATIO && primary.z <= HOLLOW_Z) || primary.z <= HOLLOW_EXTREME_Z || reach_hollow;
    if primary.ratio < 1.0 {
        let spread = (0.674 * primary.reference.sigma).exp();
        widen(a, 1.0 - primary.ratio * spread, 1.0 - primary.ratio);
    }
    let parts: Vec<String> = [(er, "engagement on followers"), (reach, "reach rate")]
        .into_iter()
        .filter_map(|(p, what)| p.map(|p| placement_words(&p, what, s)))
        .collect();
    let text = format!("{}; together {:.2}× typical ({:.1}σ)", parts.join("; "), primary.ratio, primary.z);
    let rule = format!(
        "threshold ≤ {HOLLOW_RATIO}× and ≤ {HOLLOW_Z}σ together, ≤ {HOLLOW_EXTREME_Z}σ, or reach ≤ {HOLLOW_REACH_RATIO}× and ≤ {HOLLOW_REACH_Z}σ"
    );
    if hollow && !material {
        a.reasons.push(format!("{label}: side account with a hollow-looking base, not counted: {text} ({rule})"));
    } else if hollow {
        a.flags.push(Flag::HollowFollowers);
        a.reasons.push(format!("{label}: hollow follower base: {text} ({rule})"));
    } else if primary.ratio < 0.7 {
        a.reasons.push(format!("{label}: weak but plausible audience activity: {text}"));
    }
}

fn engagement_findings(s: &AccountSummary, peers: &PeerIndex, label: &str, a: &mut AccountAuthenticity) {
    if let Some(p) = peers.place(Metric::LikesPerComment, s) {
        if p.reference.peers >= 5 && (p.ratio >= LPC_FACTOR || p.ratio <= 1.0 / LPC_FACTOR) && p.z.abs() >= 3.5 {
            a.penalty *= 0.9;
            a.reasons.push(format!(
                "{label}: {:.0} likes per comment vs {:.0} typical for {} peers ({:.1}×, |z| ≥ 3.5): likes and conversation do not match",
                p.value, p.reference.center, p.reference.peers, p.ratio
            ));
        }
    }
    if let Some(on_reach) = s.rates.on_reach.filter(|r| *r > MAX_ENGAGEMENT_ON_REACH) {
        a.penalty *= 0.9;
        a.reasons.push(format!(
            "{label}: interactions are {} of reach (above {} is more than the people reached usually give)",
            pct(on_reach),
            pct(MAX_ENGAGEMENT_ON_REACH)
        ));
    }
}

fn following_findings(s: &AccountSummary, label: &str, a: &mut AccountAuthenticity) {
    let Some(following) = s.following else { return };
    let churn = s.following_churn.unwrap_or(0.0);
    if following > MASS_FOLLOWING && following as f64 > s.followers as f64 {
        a.penalty *= 0.9;
        a.reasons.push(format!(
            "{label}: follows {} accounts, more than its {} followers (mass following > {MASS_FOLLOWING})",
            count(following as f64),
            count(s.followers as f64)
        ));
    }
    if churn > 1.0 {
        a.penalty *= 0.9;
        a.reasons
            .push(format!("{label}: accounts followed turned over {churn:.1}× in the window (follow/unfollow churn)"));
    }
}

fn comment_findings(q: &CommentQuality, label: &str, a: &mut AccountAuthenticity) {
    if q.is_generic() {
        a.flags.push(Flag::BotComments);
        a.penalty *= 0.75;
        a.reasons.push(format!(
            "{label}: {} of {} comments are generic (emoji, \"nice pic\", mentions; alarm at {})",
            pct(q.generic_share),
            q.comments,
            pct(super::priors::GENERIC_COMMENT_ALARM)
        ));
    }
    if q.is_pod() {
        a.flags.push(Flag::EngagementPod);
        a.penalty *= 0.75;
        a.reasons.push(format!(
            "{label}: {} commenters appear on ≥ 60% of {} posts and write {} of comments (engagement pod)",
            q.regulars,
            q.posts,
            pct(q.regular_share)
        ));
    }
    if q.detected >= 10 && q.foreign_share >= 0.6 {
        a.penalty *= 0.9;
        let lang = q.top_foreign.as_deref().unwrap_or("other");
        a.reasons.push(format!(
            "{label}: {} of {} comments are in a language the audience does not speak (mostly {lang})",
            pct(q.foreign_share),
            q.detected
        ));
    }
}

/// Whether an account holds at least [`MATERIAL_ACCOUNT_SHARE`] of its creator's followers.
pub fn is_material(s: &AccountSummary, all: &[AccountSummary]) -> bool {
    let total: u64 = all.iter().map(|a| a.followers).sum();
    total == 0 || s.followers as f64 >= MATERIAL_ACCOUNT_SHARE * total as f64
}

/// Combines the accounts' findings into the creator's verdict; fake shares are
/// weighted by followers.
pub fn combine(summaries: &[AccountSummary], accounts: &[AccountAuthenticity]) -> Authenticity {
    let total: f64 = summaries.iter().map(|s| s.followers as f64).sum();
    let mut share = [0.0, 0.0];
    let mut penalty = 1.0f64;
    let mut flags = Vec::new();
    let mut reasons = Vec::new();
    for (s, a) in summaries.iter().zip(accounts) {
        let w = if total > 0.0 { s.followers as f64 / total } else { 1.0 / summaries.len().max(1) as f64 };
        share[0] += w * a.fake_share[0];
        share[1] += w * a.fake_share[1];
        penalty = penalty.min(a.penalty);
        flags.extend(a.flags.iter().copied());
        reasons.extend(a.reasons.iter().cloned());
    }
    flags.sort();
    flags.dedup();
    let fake_share = [round_to(share[0], 3), round_to(share[1], 3)];
    let value = unit((1.0 - (share[0] + share[1]) / 2.0) * penalty);
    if reasons.is_empty() {
        reasons.push("no growth anomaly, hollow base or fake engagement found".to_owned());
    }
    Authenticity { suspicious: !flags.is_empty(), fake_share, reasons, flags, value }
}
