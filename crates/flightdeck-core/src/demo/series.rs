//! Follower trajectories over the 180 days, with the planted events.
//!
//! Three series per account: the followers shown (what the platform reports), the
//! followers that really engage (what reach and engagement are computed from), and an
//! engagement multiplier (a viral spike). Bought followers show up in the first only;
//! hollow followers shrink the second for the whole history; a viral moment raises the
//! third first and the followers a day later.

use rand::Rng;

use super::rng::normal;
use super::DAYS;

/// What happens to one account's followers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Event {
    /// Nothing planted.
    None,
    /// Followers bought on `day`.
    Bought,
    /// A large part of the followers never engages.
    Hollow,
    /// A post goes viral on `day`.
    Viral,
}

/// The three daily series of an account.
pub(crate) struct Series {
    /// Followers as reported, per day.
    pub shown: [f64; DAYS],
    /// Followers that engage like a normal audience, per day.
    pub real: [f64; DAYS],
    /// Multiplier on reach and engagement of posts published that day.
    pub boost: [f64; DAYS],
    /// The day of the planted event (bought jump or viral post), if any.
    pub event_day: Option<usize>,
}

/// Organic growth towards `end` followers with small day-to-day noise, plus the `event`.
pub(crate) fn series<R: Rng + ?Sized>(rng: &mut R, end: f64, event: Event) -> Series {
    let growth = if rng.gen_bool(0.12) { -rng.gen_range(0.0..0.0006) } else { rng.gen_range(0.0001..0.0028) };
    let start = end / (growth * (DAYS as f64 - 1.0)).exp();
    let mut shown = [0.0; DAYS];
    let (mut walk, mut level) = (0.0_f64, start);
    for slot in shown.iter_mut() {
        let next = (walk + 0.0007 * normal(rng)).clamp(-0.02, 0.02);
        // exp(d) to second order: |d| < 0.025, so the error is below 3e-6 a day.
        let d = growth + next - walk;
        level *= 1.0 + d + d * d / 2.0;
        walk = next;
        *slot = level;
    }
    let mut out = Series { real: shown, shown, boost: [1.0; DAYS], event_day: None };
    match event {
        Event::None => {}
        Event::Bought => bought(rng, &mut out),
        Event::Hollow => {
            let engaged = rng.gen_range(0.08..0.25);
            out.real.iter_mut().for_each(|f| *f *= engaged);
        }
        Event::Viral => viral(rng, &mut out),
    }
    out
}

/// A jump of 10–40 % over one or two days, then (usually) a slow purge of part of it.
fn bought<R: Rng + ?Sized>(rng: &mut R, s: &mut Series) {
    let day = rng.gen_range(30..150);
    let jump = s.shown[day] * rng.gen_range(0.10..0.40);
    let first_share = if rng.gen_bool(0.5) { 1.0 } else { rng.gen_range(0.55..0.75) };
    let purged = if rng.gen_bool(0.8) { jump * rng.gen_range(0.2..0.6) } else { 0.0 };
    let purge_start = day + rng.gen_range(3..10);
    let purge_days = rng.gen_range(20..60) as f64;
    for (t, value) in s.shown.iter_mut().enumerate().skip(day) {
        let added = if t == day { jump * first_share } else { jump };
        let lost = if t >= purge_start { purged * ((t - purge_start) as f64 / purge_days).min(1.0) } else { 0.0 };
        *value += added - lost;
    }
    s.event_day = Some(day);
}

/// A spike in reach and engagement on the viral day, followers arriving over the next week.
fn viral<R: Rng + ?Sized>(rng: &mut R, s: &mut Series) {
    const ARRIVAL: [f64; 6] = [0.12, 0.24, 0.24, 0.18, 0.12, 0.10];
    let day = rng.gen_range(25..160);
    let peak = rng.gen_range(8.0..20.0);
    for (offset, share) in [1.0, 0.45, 0.18, 0.06].iter().enumerate() {
        if let Some(b) = s.boost.get_mut(day + offset) {
            *b = 1.0 + (peak - 1.0) * share;
        }
    }
    let gain = s.shown[day] * rng.gen_range(0.08..0.35);
    let mut arrived = 0.0;
    for t in day..DAYS {
        if let Some(share) = t.checked_sub(day + 1).and_then(|k| ARRIVAL.get(k)) {
            arrived += gain * share;
        }
        s.shown[t] += arrived;
        s.real[t] += arrived;
    }
    s.event_day = Some(day);
}

/// The largest rise of `values` over `window` days, relative to the starting value.
pub fn largest_rise(values: &[u64], window: usize) -> f64 {
    values
        .windows(window + 1)
        .filter_map(|w| {
            let (first, last) = (*w.first()?, *w.last()?);
            (first > 0).then(|| (last as f64 - first as f64) / first as f64)
        })
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::super::rng::rng_from;
    use super::*;

    fn rounded(s: &[f64]) -> Vec<u64> {
        s.iter().map(|v| v.round() as u64).collect()
    }

    #[test]
    fn bought_followers_jump_and_clean_ones_do_not() {
        for seed in 0..200 {
            let clean = series(&mut rng_from(seed), 20_000.0, Event::None);
            assert!(largest_rise(&rounded(&clean.shown), 2) < 0.03, "seed {seed}");
            let bought = series(&mut rng_from(seed), 20_000.0, Event::Bought);
            assert!(largest_rise(&rounded(&bought.shown), 2) > 0.09, "seed {seed}");
            assert_eq!(rounded(&bought.real), rounded(&clean.real), "bought followers never engage");
        }
    }

    #[test]
    fn viral_engagement_comes_before_the_followers() {
        let s = series(&mut rng_from(3), 5_000.0, Event::Viral);
        let day = s.event_day.unwrap_or(0);
        assert!(s.boost[day] > 5.0);
        assert!((s.shown[day] - s.shown[day - 1]).abs() < s.shown[day] * 0.02);
        assert!(s.shown[day + 6] > s.shown[day] * 1.05);
    }

    #[test]
    fn hollow_accounts_engage_with_a_fraction_of_their_followers() {
        let s = series(&mut rng_from(4), 50_000.0, Event::Hollow);
        assert!(s.real[100] < s.shown[100] * 0.3);
    }
}
