//! A synthetic generator of daily metric histories with planted anomalies, independent
//! of the demo generator: clean, bought followers (jump + slow purge), hollow follower
//! base, real viral growth, flat (MAD = 0), missing metrics, brand-new and zero
//! followers. Growth is driven by reach (followers come from people who saw a post),
//! so a viral post produces a follower spike the honest way.

use chrono::{Duration, NaiveDate};
use flightdeck_core::domain::{Account, AccountId, CreatorId, DailyMetrics, Handle, Platform, Tier};
use flightdeck_core::vetting::{AccountInput, DisclosureStats, VettingInput};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What was planted in a synthetic creator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Nothing.
    Clean,
    /// A real viral post: reach first, followers after.
    Viral,
    /// A bought batch of followers, often purged slowly afterwards.
    Bought,
    /// Followers of whom only a fraction is real.
    Hollow,
    /// A constant follower count (MAD = 0) with steady interactions.
    Flat,
}

/// The start of every synthetic history.
pub fn start_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default()
}

fn lognormal(rng: &mut ChaCha8Rng, sigma: f64) -> f64 {
    let u1: f64 = rng.gen_range(1e-12..1.0);
    let u2: f64 = rng.gen_range(0.0..1.0);
    let z = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
    (sigma * z).exp()
}

fn poisson_ish(rng: &mut ChaCha8Rng, mean: f64) -> f64 {
    if mean <= 0.0 {
        return 0.0;
    }
    let z = lognormal(rng, 1.0).ln();
    (mean + mean.sqrt() * z).max(0.0).round()
}

/// Engagement per post on real followers by platform and tier (fractions), loosely
/// following the published priors.
fn base_er(platform: Platform, followers: f64) -> f64 {
    let ig = [0.04, 0.03, 0.018, 0.011, 0.007];
    let tt = [0.09, 0.078, 0.045, 0.023, 0.016];
    let t = Tier::of(followers as u64) as usize;
    match platform {
        Platform::Tiktok => tt[t],
        _ => ig[t],
    }
}

/// The parameters of one synthetic account.
#[derive(Debug, Clone)]
pub struct Plan {
    /// What is planted.
    pub kind: Kind,
    /// The platform.
    pub platform: Platform,
    /// Followers at the start.
    pub followers: f64,
    /// Days of history.
    pub days: i64,
    /// Whether reach, views and the post count are reported.
    pub full_metrics: bool,
}

/// A random plan of `kind` drawn from `rng`.
pub fn plan(rng: &mut ChaCha8Rng, kind: Kind) -> Plan {
    let platform = [Platform::Instagram, Platform::Tiktok, Platform::Instagram][rng.gen_range(0..3)];
    let followers = 10f64.powf(rng.gen_range(3.2..6.3));
    Plan { kind, platform, followers, days: 180, full_metrics: rng.gen_bool(0.7) }
}

/// Generates the daily history of a plan.
pub fn history(rng: &mut ChaCha8Rng, p: &Plan) -> Vec<DailyMetrics> {
    let real_share = if p.kind == Kind::Hollow { rng.gen_range(0.08..0.35) } else { 1.0 };
    let mut real = p.followers * real_share;
    let mut fake = p.followers - real;
    let er = base_er(p.platform, p.followers) * lognormal(rng, 0.4);
    let reach_rate = 0.18 * (p.followers / 10_000.0).powf(-0.15) * lognormal(rng, 0.35);
    let conversion = rng.gen_range(0.002..0.012);
    let unfollow = rng.gen_range(0.0002..0.0012);
    let post_prob = rng.gen_range(0.25..0.8);
    let lpc = 35.0 * lognormal(rng, 0.5);
    let event_day = rng.gen_range(20..p.days - 20);
    let bought = rng.gen_range(0.08..0.6) * p.followers;
    let bought_days = rng.gen_range(1..=3);
    let purge_share = if rng.gen_bool(0.6) { rng.gen_range(0.2..0.5) } else { 0.0 };
    let viral_mult = rng.gen_range(6.0..40.0);
    let mut posts = rng.gen_range(50.0..900.0f64).round();
    let mut following = rng.gen_range(200.0..1200.0f64).round();
    let mut out = Vec::with_capacity(p.days as usize);
    for day in 0..p.days {
        let date = start_date() + Duration::days(day);
        let weekend = matches!(day % 7, 5 | 6);
        let posted = p.kind == Kind::Flat || rng.gen_bool(post_prob);
        let mut lift = 1.0;
        if p.kind == Kind::Viral && day >= event_day {
            lift += (viral_mult - 1.0) * 0.5f64.powi((day - event_day) as i32);
        }
        let season = if weekend { 1.15 } else { 1.0 };
        let noise = if p.kind == Kind::Flat { 1.0 } else { lognormal(rng, 0.3) };
        let reach = real * reach_rate * if posted { 1.0 } else { 0.35 } * lift * season * noise;
        let interactions = real * er * if posted { 1.0 } else { 0.3 } * lift * season * noise.sqrt();
        let comments = (interactions / (1.0 + lpc)).round();
        let likes = (interactions - comments).max(0.0).round();
        if p.kind != Kind::Flat {
            let gained = poisson_ish(rng, conversion * reach * if day > 0 { 1.0 } else { 0.0 });
            let lost = poisson_ish(rng, unfollow * real);
            real = (real + gained - lost).max(0.0);
        }
        if p.kind == Kind::Bought {
            if day >= event_day && day < event_day + bought_days {
                fake += bought / bought_days as f64;
            } else if day >= event_day + bought_days && day < event_day + bought_days + 45 {
                fake -= bought * purge_share / 45.0;
            }
        }
        if posted {
            posts += 1.0;
        }
        following = (following + poisson_ish(rng, 1.0) - poisson_ish(rng, 0.8)).max(0.0);
        let mut d = DailyMetrics::new(date, (real + fake.max(0.0)).round() as u64);
        d.likes = Some(likes as u64);
        d.comments = Some(comments as u64);
        d.following = Some(following as u64);
        if p.full_metrics {
            d.posts = Some(posts as u64);
            d.reach = Some(reach.round() as u64);
            d.impressions = Some((reach * 1.4).round() as u64);
            d.saves = Some((interactions * 0.05).round() as u64);
            d.shares = Some((interactions * 0.03).round() as u64);
            if p.platform == Platform::Tiktok {
                d.views = Some((reach * 1.8).round() as u64);
            }
        }
        out.push(d);
    }
    out
}

/// An account around a history.
pub fn account(rng: &mut ChaCha8Rng, platform: Platform, daily: Vec<DailyMetrics>) -> AccountInput {
    let followers = daily.last().map_or(0, |d| d.followers);
    let id = AccountId::generate(rng);
    let handle = Handle::parse(&format!("h{}", &id.as_str()[3..])).unwrap_or_else(|_| unreachable!());
    AccountInput {
        account: Account { id, platform, handle, followers, country: None, language: None, niche: None, url: None },
        daily,
        audience: None,
        posts: Vec::new(),
        comments: Vec::new(),
    }
}

/// A creator with one account following `plan`.
pub fn creator(rng: &mut ChaCha8Rng, plan: &Plan) -> VettingInput {
    let daily = history(rng, plan);
    let as_of = daily.last().map_or_else(start_date, |d| d.date);
    VettingInput {
        creator: CreatorId::generate(rng),
        accounts: vec![account(rng, plan.platform, daily)],
        as_of,
        disclosure: DisclosureStats::default(),
        exclusivities: Vec::new(),
        quoted_fee: None,
    }
}

/// A workspace of `n` creators with a fixed mix of kinds (60 % clean, 10 % viral, 15 %
/// bought, 15 % hollow), returned with the truth.
pub fn workspace(seed: u64, n: usize) -> Vec<(Kind, VettingInput)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n)
        .map(|i| {
            let kind = match i % 20 {
                0..=11 => Kind::Clean,
                12 | 13 => Kind::Viral,
                14..=16 => Kind::Bought,
                _ => Kind::Hollow,
            };
            let p = plan(&mut rng, kind);
            (kind, creator(&mut rng, &p))
        })
        .collect()
}

/// A seeded generator for one-off series in tests.
pub fn rng(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed)
}
