//! Daily metric snapshots: each post's numbers spread over the days after it went out,
//! plus a baseline from older content, with weekly seasonality and noise.

use rand::Rng;

use super::model::{model, weekday_factor};
use super::rng::normal;
use super::series::Series;
use super::{day_date, weekday, DemoPost, DAYS};
use crate::domain::{DailyMetrics, Platform, PostMetrics};

const FIELDS: usize = 7;

fn values(m: &PostMetrics) -> [Option<u64>; FIELDS] {
    [m.reach, m.impressions, m.views, m.likes, m.comments, m.saves, m.shares]
}

/// Account-level facts the snapshots carry besides the spread-out post numbers.
pub(crate) struct DailyCtx {
    /// The platform.
    pub platform: Platform,
    /// Posts published before the window.
    pub earlier_posts: u64,
    /// Accounts followed at the start (`None`: not reported).
    pub following: Option<u64>,
}

/// The 180 daily snapshots of one account.
pub(crate) fn daily<R: Rng + ?Sized>(rng: &mut R, ctx: &DailyCtx, s: &Series, posts: &[DemoPost]) -> Vec<DailyMetrics> {
    let m = model(ctx.platform);
    let mut sums = [[0.0_f64; DAYS]; FIELDS];
    let mut totals = [0.0_f64; FIELDS];
    let mut known = [false; FIELDS];
    let mut posted = [0_u64; DAYS];
    for demo in posts {
        let day = (demo.post.published_at.date_naive() - day_date(0)).num_days().clamp(0, DAYS as i64 - 1) as usize;
        posted[day] += 1;
        for (f, value) in values(&demo.post.metrics).into_iter().enumerate() {
            let Some(v) = value else { continue };
            known[f] = true;
            totals[f] += v as f64;
            for (offset, share) in m.decay.iter().enumerate() {
                if let Some(slot) = sums[f].get_mut(day + offset) {
                    *slot += v as f64 * share;
                }
            }
        }
    }
    let count = posts.len().max(1) as f64;
    let mean_real = s.real.iter().sum::<f64>() / DAYS as f64;
    let mut out = Vec::with_capacity(DAYS);
    let mut published = ctx.earlier_posts;
    let mut following = ctx.following.unwrap_or(0) as f64;
    // Error diffusion: each day's fraction is carried to the next, so daily totals add up
    // to the posts' numbers without a random draw per value.
    let mut carry = [0.0_f64; FIELDS];
    for day in 0..DAYS {
        published += posted[day];
        following = (following + rng.gen_range(-1.5..2.5)).max(0.0);
        let wd = weekday(day);
        let base = m.baseline * weekday_factor(m.weekday_business, wd) * s.real[day] / mean_real.max(1.0);
        let noise = 1.0 + 0.12 * normal(rng);
        let mut field = |f: usize| -> Option<u64> {
            known[f].then(|| {
                let exact = sums[f][day] + totals[f] / count * base * noise + carry[f];
                let value = exact.max(0.0) as u64;
                carry[f] = exact - value as f64;
                value
            })
        };
        let reach = field(0);
        let impressions = field(1);
        let views = field(2);
        let likes = field(3);
        let comments = field(4);
        let saves = field(5);
        let shares = field(6);
        out.push(DailyMetrics {
            date: day_date(day),
            followers: (s.shown[day].max(0.0) + 0.5) as u64,
            following: ctx.following.map(|_| (following + 0.5) as u64),
            posts: Some(published),
            reach,
            impressions,
            views: views.or_else(|| m.views.and(Some(0))),
            likes,
            comments,
            saves,
            shares,
        });
    }
    out
}
