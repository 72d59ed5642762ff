//! Audience breakdowns: country, age, gender, language and interest shares of an account.
//!
//! Mostly NL/BE; Flemish creators reach Flemings and Dutch, Walloon creators Belgians and
//! French; English-speaking creators a mixed expat audience. Accounts with bought or hollow
//! followers carry a large share from far-away follower farms, as real ones do.

use std::collections::BTreeMap;

use rand::Rng;

use super::names::Origin;
use super::niche::{Niche, NICHES};
use super::rng::lognormal;
use crate::domain::{AudienceBreakdown, Platform, Share};

/// The age buckets of [`AudienceBreakdown::ages`].
pub const AGE_BUCKETS: [&str; 7] = ["13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"];

/// Who the account is, for its audience.
pub(crate) struct AudienceCtx<'a> {
    /// The creator's origin.
    pub origin: Origin,
    /// The account's niche.
    pub niche: &'a Niche,
    /// The platform (drives the age mix).
    pub platform: Platform,
    /// Whether the creator is a woman (audiences lean to the creator's gender).
    pub female: bool,
    /// Share of the audience from follower farms (0 for a clean account).
    pub farm: f64,
}

fn put(map: &mut BTreeMap<String, Share>, key: &str, value: f64) {
    // Floor to 4 decimals so rounding never lifts a sum above 1.
    let v = ((value * 10_000.0).floor() / 10_000.0).clamp(0.0, 1.0);
    if let Ok(share) = Share::new(v) {
        if v > 0.0 {
            map.insert(key.to_owned(), share);
        }
    }
}

fn ranges<R: Rng + ?Sized>(rng: &mut R, table: &[(&str, f64, f64)]) -> Vec<(String, f64)> {
    table.iter().map(|(k, lo, hi)| ((*k).to_owned(), rng.gen_range(*lo..*hi))).collect()
}

fn countries<R: Rng + ?Sized>(rng: &mut R, origin: Origin) -> Vec<(String, f64)> {
    let table: &[(&str, f64, f64)] = match origin {
        Origin::Dutch => {
            &[("NL", 0.68, 0.85), ("BE", 0.04, 0.12), ("DE", 0.01, 0.03), ("GB", 0.005, 0.02), ("US", 0.005, 0.03)]
        }
        Origin::Flemish => &[("BE", 0.58, 0.75), ("NL", 0.15, 0.30), ("FR", 0.005, 0.02), ("DE", 0.005, 0.01)],
        Origin::Walloon => {
            &[("BE", 0.55, 0.70), ("FR", 0.15, 0.28), ("LU", 0.01, 0.03), ("NL", 0.01, 0.03), ("CH", 0.005, 0.02)]
        }
        Origin::English => {
            &[("NL", 0.35, 0.50), ("GB", 0.12, 0.20), ("US", 0.08, 0.15), ("DE", 0.03, 0.06), ("BE", 0.02, 0.05)]
        }
    };
    ranges(rng, table)
}

fn languages<R: Rng + ?Sized>(rng: &mut R, origin: Origin) -> Vec<(String, f64)> {
    let table: &[(&str, f64, f64)] = match origin {
        Origin::Dutch => &[("nl", 0.80, 0.90), ("en", 0.06, 0.12), ("fr", 0.0, 0.01)],
        Origin::Flemish => &[("nl", 0.78, 0.88), ("fr", 0.04, 0.10), ("en", 0.04, 0.08)],
        Origin::Walloon => &[("fr", 0.80, 0.90), ("nl", 0.03, 0.08), ("en", 0.04, 0.08)],
        Origin::English => &[("en", 0.50, 0.65), ("nl", 0.25, 0.40), ("de", 0.01, 0.04)],
    };
    ranges(rng, table)
}

fn base_ages(platform: Platform) -> [f64; 7] {
    match platform {
        Platform::Tiktok => [0.18, 0.38, 0.24, 0.11, 0.06, 0.02, 0.01],
        Platform::Instagram => [0.06, 0.30, 0.33, 0.17, 0.09, 0.04, 0.01],
        Platform::Youtube => [0.10, 0.26, 0.28, 0.17, 0.10, 0.06, 0.03],
        Platform::Twitch => [0.16, 0.42, 0.28, 0.10, 0.03, 0.01, 0.0],
        Platform::Podcast => [0.02, 0.18, 0.34, 0.24, 0.13, 0.07, 0.02],
        Platform::Blog => [0.02, 0.14, 0.30, 0.26, 0.16, 0.09, 0.03],
        Platform::Linkedin => [0.0, 0.14, 0.40, 0.26, 0.13, 0.06, 0.01],
        Platform::Newsletter => [0.01, 0.12, 0.32, 0.27, 0.16, 0.09, 0.03],
    }
}

/// The audience of one account.
pub(crate) fn audience<R: Rng + ?Sized>(rng: &mut R, ctx: &AudienceCtx) -> AudienceBreakdown {
    let mut out = AudienceBreakdown::default();
    let keep = 1.0 - ctx.farm;
    for (k, v) in countries(rng, ctx.origin) {
        put(&mut out.countries, &k, v * keep);
    }
    for (k, share) in [("IN", 0.35), ("BR", 0.25), ("ID", 0.2), ("NG", 0.1), ("TR", 0.1)] {
        put(&mut out.countries, k, ctx.farm * share);
    }
    for (k, v) in languages(rng, ctx.origin) {
        put(&mut out.languages, &k, v * keep);
    }
    for (k, share) in [("en", 0.4), ("pt", 0.3), ("hi", 0.3)] {
        let already = out.languages.get(k).map_or(0.0, Share::get);
        put(&mut out.languages, k, already + ctx.farm * share);
    }
    let mut ages = base_ages(ctx.platform);
    for (i, a) in ages.iter_mut().enumerate() {
        *a *= (ctx.niche.youth * (2.0 - i as f64) * 0.35).exp() * lognormal(rng, 0.15);
    }
    let total: f64 = ages.iter().sum();
    for (bucket, a) in AGE_BUCKETS.iter().zip(ages) {
        put(&mut out.ages, bucket, a / total.max(f64::EPSILON));
    }
    let lean = if ctx.female { 0.08 } else { -0.08 };
    let female = (ctx.niche.female_share + lean + rng.gen_range(-0.06..0.06)).clamp(0.05, 0.95);
    let unknown = rng.gen_range(0.01..0.03);
    put(&mut out.genders, "F", female * (1.0 - unknown));
    put(&mut out.genders, "M", (1.0 - female) * (1.0 - unknown));
    put(&mut out.genders, "U", unknown);
    interests(rng, ctx.niche, &mut out.interests);
    out
}

fn interests<R: Rng + ?Sized>(rng: &mut R, niche: &Niche, map: &mut BTreeMap<String, Share>) {
    let ranges = [(0.45, 0.65), (0.20, 0.35), (0.12, 0.25)];
    for (interest, (lo, hi)) in niche.interests.iter().zip(ranges) {
        put(map, interest, rng.gen_range(lo..hi));
    }
    for _ in 0..rng.gen_range(1..=2) {
        let other = &NICHES[rng.gen_range(0..NICHES.len())];
        if !map.contains_key(other.name) {
            put(map, other.name, rng.gen_range(0.05..0.15));
        }
    }
}
