//! Posts of one account: when they go out, what they say and how they perform.

use chrono::{DateTime, NaiveTime, Utc};
use rand::Rng;

use super::captions::{caption, CaptionSpec, SponsorText};
use super::lexicon::{lexicon, PARTNERS};
use super::model::{formats, model, weekday_factor, ErBase, Model};
use super::rng::{jitter, lognormal, pick, weighted, IdRng};
use super::series::Series;
use super::{day_date, weekday, DemoPost, Disclosure, Relationship, Sponsorship, DAYS};
use crate::domain::{AccountId, Country, Language, Platform, Post, PostId, PostMetrics};

/// How a creator handles sponsored work (the same on all their accounts).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SponsorHabit {
    /// The share of posts that are sponsored.
    pub rate: f64,
    /// Whether the creator sometimes discloses badly.
    pub sloppy: bool,
}

/// Everything the post writer needs to know about the account.
pub(crate) struct PostCtx<'a> {
    /// The account the posts go on.
    pub account_id: &'a AccountId,
    /// Its platform.
    pub platform: Platform,
    /// The niche slot.
    pub niche: usize,
    /// The audience's country and the caption language.
    pub market: (Country, Language),
    /// Places the creator mentions.
    pub places: &'static [&'static str],
    /// Posts published before the 180 days.
    pub earlier_posts: u32,
    /// Sponsored-work habit, if the creator does sponsored work.
    pub habit: Option<SponsorHabit>,
    /// The creator's affiliate code (`LOTTE15`).
    pub code: &'a str,
    /// Account-level multipliers on reach and engagement rate.
    pub reach_mult: f64,
    /// See `reach_mult`.
    pub er_mult: f64,
}

/// The days (0-based) on which the account posts: `n` spread over the window, each in its
/// own slot, with the planted event's day forced in.
pub(crate) fn schedule<R: Rng + ?Sized>(rng: &mut R, platform: Platform, event_day: Option<usize>) -> Vec<usize> {
    let (lo, hi) = model(platform).posts;
    let n = rng.gen_range(lo..=hi) as usize;
    let slot = DAYS as f64 / n as f64;
    let mut days: Vec<usize> =
        (0..n).map(|k| ((k as f64 + rng.gen::<f64>()) * slot) as usize).map(|d| d.min(DAYS - 1)).collect();
    if let Some(event) = event_day {
        if let Some(nearest) = days.iter_mut().min_by_key(|d| d.abs_diff(event)) {
            *nearest = event;
        }
        days.sort_unstable();
        days.dedup();
    }
    days
}

/// Interpolates a per-tier table on log10(followers), tier centres at 10^2.5 … 10^6.5.
pub(crate) fn by_size(table: &[f64; 5], followers: f64) -> f64 {
    let x = (followers.max(1.0).log10() - 2.5).clamp(0.0, 4.0);
    let i = (x as usize).min(3);
    let t = x - i as f64;
    table[i] * (1.0 - t) + table[i + 1] * t
}

/// A whole number from a non-negative real: small values are rounded up with the probability
/// of their fraction (so 0.3 likes a day add up), large ones to the nearest.
pub(crate) fn whole<R: Rng + ?Sized>(rng: &mut R, x: f64) -> u64 {
    if x.is_nan() || x <= 0.0 {
        return 0;
    }
    if x >= 64.0 {
        return (x + 0.5) as u64;
    }
    // `as` truncates, which is floor for positive values (and avoids a libm call).
    let floor = x as u64;
    floor + u64::from(rng.gen::<f64>() < x - floor as f64)
}

/// The audience a post meets: followers shown and really engaging, and the day's lift.
pub(crate) struct Reach {
    /// Followers as reported.
    pub shown: f64,
    /// Followers that engage like a normal audience.
    pub real: f64,
    /// Viral boost times weekday factor.
    pub lift: f64,
    /// The account's own reach multiplier.
    pub reach_mult: f64,
    /// The account's own engagement-rate multiplier.
    pub er_mult: f64,
}

/// The numbers of one post on `platform` (views only for video and for podcasts/blogs).
pub(crate) fn numbers<R: Rng + ?Sized>(rng: &mut R, platform: Platform, r: &Reach, video: bool) -> PostMetrics {
    let m: &Model = model(platform);
    let noise = lognormal(rng, 0.35);
    let reach = r.real * by_size(&m.reach, r.shown) * r.reach_mult * noise * r.lift;
    let impressions = m.impressions.map(|k| reach * k * jitter(rng, 0.1));
    let views = m.views.filter(|_| video || is_always_viewed(platform)).map(|k| reach * k * jitter(rng, 0.15));
    let base = match m.er_base {
        ErBase::Followers => r.real * r.lift * noise.sqrt(),
        ErBase::Views => views.unwrap_or(reach),
        ErBase::Impressions => impressions.unwrap_or(reach),
        ErBase::Reach => reach,
    };
    let e = base * by_size(&m.er, r.shown) * r.er_mult * lognormal(rng, 0.25);
    let shares = e * (m.split[2] + m.extra_shares.unwrap_or(0.0));
    PostMetrics {
        reach: Some(whole(rng, reach)),
        impressions: impressions.map(|v| whole(rng, v)),
        views: views.map(|v| whole(rng, v)),
        likes: m.likes.then(|| whole(rng, e * m.split[0])),
        comments: m.comments.then(|| whole(rng, e * m.split[1])),
        saves: m.saves.map(|k| whole(rng, e * k)),
        shares: m.shares.then(|| whole(rng, shares)),
    }
}

fn day_reach(ctx: &PostCtx, s: &Series, day: usize) -> Reach {
    let lift = s.boost[day] * weekday_factor(model(ctx.platform).weekday_business, weekday(day));
    Reach { shown: s.shown[day], real: s.real[day], lift, reach_mult: ctx.reach_mult, er_mult: ctx.er_mult }
}

fn sponsorship<R: Rng + ?Sized>(rng: &mut R, ctx: &PostCtx) -> Option<Sponsorship> {
    let habit = ctx.habit?;
    if !rng.gen_bool(habit.rate) {
        return None;
    }
    let (country, language) = ctx.market;
    let relationship =
        [Relationship::Paid, Relationship::Gifted, Relationship::Affiliate][weighted(rng, &[60, 25, 15])];
    let disclosure = if !habit.sloppy || rng.gen_bool(0.5) {
        Disclosure::Proper
    } else {
        let wrong_language = if country == Country::BE { 15 } else { 0 };
        const KINDS: [Disclosure; 5] = [
            Disclosure::Missing,
            Disclosure::Vague,
            Disclosure::Buried,
            Disclosure::AfterFold,
            Disclosure::WrongLanguage,
        ];
        KINDS[weighted(rng, &[30, 30, 15, 15, wrong_language])]
    };
    let partner = (*pick(rng, PARTNERS[ctx.niche])).to_owned();
    Some(Sponsorship { partner, relationship, disclosure, country, language })
}

pub(crate) fn published_at<R: Rng + ?Sized>(rng: &mut R, platform: Platform, day: usize) -> DateTime<Utc> {
    let hours = match platform {
        Platform::Newsletter => 5..8,
        Platform::Linkedin => 6..10,
        Platform::Twitch => 17..21,
        _ => 6..20,
    };
    let secs = rng.gen_range(hours.start * 3600..hours.end * 3600);
    let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap_or_default();
    day_date(day).and_time(time).and_utc()
}

pub(crate) fn external_id<R: Rng + ?Sized>(rng: &mut R, platform: Platform) -> Option<String> {
    const YT: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    match platform {
        Platform::Instagram => Some(format!("17{:016}", rng.gen_range(0..10_u64.pow(16)))),
        Platform::Tiktok => Some(format!("7{:018}", rng.gen_range(0..10_u64.pow(18)))),
        Platform::Youtube => Some((0..11).map(|_| char::from(YT[rng.gen_range(0..YT.len())])).collect()),
        _ => None,
    }
}

/// Writes the account's posts (comments are added later).
pub(crate) fn posts<R: Rng + ?Sized>(rng: &mut R, ctx: &PostCtx, s: &Series) -> Vec<DemoPost> {
    let days = schedule(rng, ctx.platform, s.event_day);
    let lex = lexicon(ctx.market.1);
    let mut out = Vec::with_capacity(days.len());
    let mut ids = IdRng::from_rng(rng);
    for (k, day) in days.into_iter().enumerate() {
        let id = PostId::generate(&mut ids);
        let format = formats(ctx.platform)[weighted(rng, &format_weights(ctx.platform))].0;
        let sponsorship = sponsorship(rng, ctx);
        let spec = CaptionSpec {
            lex,
            platform: ctx.platform,
            niche: ctx.niche,
            places: ctx.places,
            number: ctx.earlier_posts + k as u32 + 1,
            market: ctx.market,
            sponsor: sponsorship.as_ref().map(|sp| SponsorText {
                brand: &sp.partner,
                relationship: sp.relationship,
                disclosure: sp.disclosure,
                code: ctx.code,
            }),
            topic: None,
        };
        let (text, hashtags) = caption(rng, &spec);
        let label = paid_label(rng, ctx.platform, sponsorship.as_ref());
        let post = Post {
            id,
            account_id: ctx.account_id.clone(),
            external_id: external_id(rng, ctx.platform),
            hashtags,
            caption: text,
            format,
            published_at: published_at(rng, ctx.platform, day),
            paid_partnership_label: label,
            metrics: numbers(rng, ctx.platform, &day_reach(ctx, s, day), format.is_video()),
        };
        out.push(DemoPost { post, comments: Vec::new(), sponsorship });
    }
    out
}

fn format_weights(platform: Platform) -> Vec<u32> {
    formats(platform).iter().map(|(_, w)| *w).collect()
}

/// Podcasts and blogs report plays and page views although they are no video.
fn is_always_viewed(platform: Platform) -> bool {
    matches!(platform, Platform::Podcast | Platform::Blog)
}

/// The platform's paid-partnership switch: only Instagram, TikTok and YouTube have one.
pub(crate) fn paid_label<R: Rng + ?Sized>(
    rng: &mut R,
    platform: Platform,
    sponsorship: Option<&Sponsorship>,
) -> Option<bool> {
    if !matches!(platform, Platform::Instagram | Platform::Tiktok | Platform::Youtube) {
        return None;
    }
    match sponsorship {
        None => Some(false),
        Some(sp) if sp.disclosure == Disclosure::Proper => Some(rng.gen_bool(0.5)),
        Some(_) => {
            if rng.gen_bool(0.3) {
                None
            } else {
                Some(false)
            }
        }
    }
}
