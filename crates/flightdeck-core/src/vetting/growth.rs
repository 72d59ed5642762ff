//! Follower growth anomalies: bought followers show as sudden jumps in the daily
//! follower deltas that no rise in reach or engagement explains, often followed by a
//! slow purge. A real viral post is the opposite order: reach and engagement spike
//! first and followers follow over a few days, which this module explains away.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::series::{ActivityKind, Series};
use super::stats::{median, median_mad, quantile_sorted, robust_z};

/// Fewer days than this and growth cannot be judged.
pub const MIN_DAYS: usize = 14;
/// A day whose robust z exceeds this starts a jump (Iglewicz & Hoaglin).
const Z_JUMP: f64 = 3.5;
/// Neighbouring days above this z belong to the same jump.
const Z_EXTEND: f64 = 2.0;
/// A jump must add at least this share of the followers before it to matter.
pub const MATERIAL_SHARE: f64 = 0.015;
/// ... and at least this many followers.
const MATERIAL_MIN: f64 = 15.0;
/// How many days before a jump a spike in reach may explain it.
const LEAD_DAYS: usize = 5;
/// New followers one extra reached account (view, impression) may bring, at most
/// (about ten times the usual follow rate of a post's viewers).
const FOLLOWS_PER_REACH: f64 = 0.15;
/// New followers one extra interaction may bring, at most.
const FOLLOWS_PER_ENGAGEMENT: f64 = 3.0;
/// A measure explains nothing unless its peak is at least this many times its usual
/// high (90th percentile of the month before).
const MIN_LIFT: f64 = 1.5;
/// How long after a jump a purge is looked for.
const PURGE_DAYS: usize = 60;

/// One follower jump.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Jump {
    /// The first day of the jump.
    pub date: NaiveDate,
    /// How many days it lasted.
    pub days: u32,
    /// Followers gained above the account's normal daily growth.
    pub excess: f64,
    /// The part that reach or engagement does not explain.
    pub unexplained: f64,
    /// The highest robust z of the daily deltas.
    pub z: f64,
    /// The followers before the jump.
    pub followers_before: f64,
    /// Followers lost again within [`PURGE_DAYS`] days (capped at the excess).
    pub purged: f64,
    /// How much the best activity measure rose above its usual high (peak ÷ 90th
    /// percentile of the month before), when known.
    pub activity_lift: Option<f64>,
}

impl Jump {
    /// Whether reach or engagement fail to explain a material part of the jump.
    pub fn is_suspicious(&self) -> bool {
        self.unexplained >= material(self.followers_before)
    }
}

/// What the growth analysis found for one account.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Growth {
    /// Days of follower history.
    pub days: u32,
    /// Whether the history was long enough to judge.
    pub judged: bool,
    /// Every material jump, explained or not.
    pub jumps: Vec<Jump>,
    /// The measure that explained (or failed to explain) jumps.
    pub activity: Option<String>,
    /// Whether the daily deltas had no spread at all (MAD = 0).
    pub flat: bool,
}

impl Growth {
    /// Followers from unexplained jumps still on the account, as a share of the latest
    /// followers: (low, high) = (after the purge seen so far, before it).
    pub fn bought_share(&self, followers: f64) -> (f64, f64) {
        if followers <= 0.0 {
            return (0.0, 0.0);
        }
        let (mut lo, mut hi) = (0.0, 0.0);
        for j in self.jumps.iter().filter(|j| j.is_suspicious()) {
            lo += (j.unexplained - j.purged).max(0.0);
            hi += j.unexplained;
        }
        ((lo / followers).min(1.0), (hi / followers).min(1.0))
    }

    /// The suspicious jumps.
    pub fn suspicious(&self) -> impl Iterator<Item = &Jump> {
        self.jumps.iter().filter(|j| j.is_suspicious())
    }
}

fn material(followers_before: f64) -> f64 {
    (MATERIAL_SHARE * followers_before).max(MATERIAL_MIN)
}

/// Daily follower deltas (per day across gaps), index i = change from day i-1 to i.
fn deltas(s: &Series) -> Vec<f64> {
    let mut d = vec![0.0; s.len()];
    for (i, slot) in d.iter_mut().enumerate().skip(1) {
        let gap = (s.dates[i] - s.dates[i - 1]).num_days().max(1) as f64;
        *slot = (s.followers[i] - s.followers[i - 1]) / gap;
    }
    d
}

/// Removes weekly seasonality: subtracts each weekday's median deviation from the
/// overall median, when every weekday has at least 3 samples.
fn deseasonalise(s: &Series, d: &[f64]) -> Vec<f64> {
    let mut by_day: [Vec<f64>; 7] = Default::default();
    for (i, v) in d.iter().enumerate().skip(1) {
        by_day[s.weekday(i)].push(*v);
    }
    let overall = median(&d[1..]).unwrap_or(0.0);
    if by_day.iter().any(|v| v.len() < 3) {
        return d.to_vec();
    }
    let shift: Vec<f64> = by_day.iter().map(|v| median(v).unwrap_or(overall) - overall).collect();
    d.iter().enumerate().map(|(i, v)| if i == 0 { *v } else { v - shift[s.weekday(i)] }).collect()
}

/// Finds follower jumps in one account's history and judges each against reach.
pub fn analyse(s: &Series) -> Growth {
    let mut g = Growth { days: s.len() as u32, ..Growth::default() };
    if s.len() < MIN_DAYS {
        return g;
    }
    g.judged = true;
    let r = deseasonalise(s, &deltas(s));
    let Some((med, mad)) = median_mad(&r[1..]) else {
        return g;
    };
    g.flat = mad == 0.0;
    let level = median(&s.followers).unwrap_or(0.0);
    let floor = (0.0001 * level).max(0.5);
    let z: Vec<f64> =
        r.iter().enumerate().map(|(i, x)| if i == 0 { 0.0 } else { robust_z(*x, med, mad, floor) }).collect();
    let (kind, activity) = s.activity();
    g.activity = Some(kind.word().to_owned());
    let mut i = 1;
    while i < s.len() {
        if z[i] <= Z_JUMP {
            i += 1;
            continue;
        }
        let mut a = i;
        while a > 1 && z[a - 1] > Z_EXTEND && i - a < 3 {
            a -= 1;
        }
        let mut b = i;
        while b + 1 < s.len() && z[b + 1] > Z_EXTEND && b - a < 10 {
            b += 1;
        }
        let excess: f64 = r[a..=b].iter().map(|x| x - med).sum();
        let before = s.followers[a - 1];
        if excess >= material(before) {
            let zmax = z[a..=b].iter().copied().fold(0.0, f64::max);
            g.jumps.push(judge(s, a, b, excess, zmax, kind, activity));
        }
        i = b + 1;
    }
    g
}

/// How many followers a rise in one measure over days `w0..=b` can explain, and the
/// measure's lift (peak ÷ its usual high of the month before).
fn explained_by(act: &[Option<f64>], w0: usize, b: usize, per_unit: f64) -> (f64, Option<f64>) {
    let ref_lo = w0.saturating_sub(28);
    let mut reference: Vec<f64> = act[ref_lo..w0].iter().flatten().copied().collect();
    if reference.len() < 7 {
        let after = (b + 10).min(act.len());
        reference = act[..w0].iter().chain(&act[after..]).flatten().copied().collect();
    }
    reference.sort_by(f64::total_cmp);
    let window: Vec<f64> = act[w0..=b].iter().flatten().copied().collect();
    let peak = window.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let Some(high) = quantile_sorted(&reference, 0.9).filter(|_| !window.is_empty()) else {
        return (0.0, None);
    };
    let lift = peak / high.max(1.0);
    if lift < MIN_LIFT {
        return (0.0, Some(lift));
    }
    let extra: f64 = window.iter().map(|x| (x - high).max(0.0)).sum();
    (extra * per_unit, Some(lift))
}

/// Judges one jump over days `a..=b`: how much of it reach or engagement explains,
/// and how much was purged afterwards.
fn judge(s: &Series, a: usize, b: usize, excess: f64, z: f64, kind: ActivityKind, act: &[Option<f64>]) -> Jump {
    let w0 = a.saturating_sub(LEAD_DAYS);
    let per = if kind == ActivityKind::Engagement { FOLLOWS_PER_ENGAGEMENT } else { FOLLOWS_PER_REACH };
    let (by_reach, lift) = explained_by(act, w0, b, per);
    let by_engagement = if kind == ActivityKind::Engagement {
        0.0
    } else {
        explained_by(&s.engagement, w0, b, FOLLOWS_PER_ENGAGEMENT).0
    };
    let explained = by_reach.max(by_engagement);
    let peak_followers = s.followers[b..(b + 4).min(s.len())].iter().copied().fold(s.followers[b], f64::max);
    let low_after = s.followers[b..(b + PURGE_DAYS).min(s.len())].iter().copied().fold(peak_followers, f64::min);
    Jump {
        date: s.dates[a],
        days: (b - a + 1) as u32,
        excess,
        unexplained: (excess - explained).max(0.0),
        z,
        followers_before: s.followers[a - 1],
        purged: (peak_followers - low_after).clamp(0.0, excess),
        activity_lift: lift,
    }
}
