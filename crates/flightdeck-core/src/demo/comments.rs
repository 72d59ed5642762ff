//! Comments under posts: real followers, drive-by generic ones, pods and bots.
//!
//! Only a sample of posts gets its comments written out (at most [`MAX_LISTED`] each), so
//! 100,000 creators stay cheap; the post's `comments` count is the full number, and pods
//! and bots raise it by what they add.

use chrono::Duration;
use rand::Rng;

use super::lexicon::{lexicon, Lexicon, GENERIC_COMMENTS, SPAM_COMMENTS};
use super::rng::{hex16, mix_tag, pick};
use super::DemoPost;
use crate::domain::{Comment, CommentId, Language};

/// The most comments written out per post.
pub const MAX_LISTED: u64 = 20;

/// How an account's comment section is planted.
pub(crate) struct CommentCtx {
    /// The caption language (the language most comments are in).
    pub language: Language,
    /// The account's niche slot.
    pub niche: usize,
    /// Seed of the account's own stream (fan hashes are derived from it).
    pub account_seed: u64,
    /// How many distinct fans may comment (loyal fans repeat, but not on every post).
    pub fan_pool: u64,
    /// The pod members' hashes, when the account is in an engagement pod.
    pub pod: Vec<String>,
    /// The share of bot comments, when the account buys comments.
    pub bot_share: Option<f64>,
}

/// The members of pod ring `ring`: the same hashes for every creator in the ring.
pub(crate) fn pod_members<R: Rng + ?Sized>(rng: &mut R, seed: u64, ring: u64) -> Vec<String> {
    let size = rng.gen_range(8..=15);
    let start = rng.gen_range(0..20_u64);
    (0..size).map(|k| hex16(mix_tag(seed, b"pod", ring * 64 + (start + k) % 20))).collect()
}

/// Adds comments to a sample of `posts`.
pub(crate) fn add_comments<R: Rng + ?Sized>(rng: &mut R, ctx: &CommentCtx, posts: &mut [DemoPost]) {
    let planted = !ctx.pod.is_empty() || ctx.bot_share.is_some();
    let (sample, cap) = if planted { (0.85, MAX_LISTED) } else { (0.2, 12) };
    let lex = lexicon(ctx.language);
    let generic_share = rng.gen_range(0.04..0.2);
    for (k, demo) in posts.iter_mut().enumerate() {
        if k >= 2 && !rng.gen_bool(sample) {
            continue;
        }
        let organic = demo.post.metrics.comments.unwrap_or(0);
        let mut listed = Vec::new();
        if !ctx.pod.is_empty() {
            for member in &ctx.pod {
                if rng.gen_bool(0.85) {
                    listed.push((member.clone(), pick(rng, lex.pod_comments).to_string(), rng.gen_range(60..1800)));
                }
            }
        }
        let mut total = organic + listed.len() as u64;
        let mut bots = 0;
        if let Some(share) = ctx.bot_share {
            let added = (organic as f64 * share / (1.0 - share)).round() as u64 + rng.gen_range(3..8);
            total += added;
            bots = ((cap.min(total) as f64) * added as f64 / total as f64).round() as u64;
        }
        let room = cap.min(total).saturating_sub(listed.len() as u64);
        for i in 0..room {
            let entry = if i < bots {
                bot_comment(rng)
            } else if rng.gen_bool(generic_share) {
                (fan(rng, ctx), pick(rng, GENERIC_COMMENTS).to_string(), delay(rng))
            } else {
                (fan(rng, ctx), real_comment(rng, lex, ctx.niche), delay(rng))
            };
            listed.push(entry);
        }
        if let Some(count) = demo.post.metrics.comments.as_mut() {
            *count = total;
        }
        let published = demo.post.published_at;
        demo.comments = listed
            .into_iter()
            .map(|(author_hash, text, secs)| Comment {
                id: CommentId::generate(rng),
                post_id: demo.post.id.clone(),
                author_hash,
                text,
                created_at: published + Duration::seconds(secs),
            })
            .collect();
        demo.comments.sort_by_key(|c| c.created_at);
    }
}

fn fan<R: Rng + ?Sized>(rng: &mut R, ctx: &CommentCtx) -> String {
    let u: f64 = rng.gen();
    let index = (ctx.fan_pool as f64 * u.powf(1.5)) as u64;
    hex16(mix_tag(ctx.account_seed, b"fan", index))
}

/// Seconds after publishing: most within hours, a tail over two days.
fn delay<R: Rng + ?Sized>(rng: &mut R) -> i64 {
    let u: f64 = rng.gen_range(0.0..1.0);
    (120.0 + 172_800.0 * u.powi(3)) as i64
}

fn real_comment<R: Rng + ?Sized>(rng: &mut R, lex: &Lexicon, niche: usize) -> String {
    let lex = if rng.gen_bool(0.12) { lexicon(Language::EN) } else { lex };
    let pool = if rng.gen_bool(0.5) { lex.niche_comments[niche] } else { lex.comments };
    pick(rng, pool).to_string()
}

fn random_account<R: Rng + ?Sized>(rng: &mut R) -> String {
    const STEMS: &[&str] = &["insta.growth", "followboost", "shoutout", "promo.page", "viral.hub", "crypto.daily"];
    format!("{}_{}", pick(rng, STEMS), rng.gen_range(10..9999))
}

fn bot_comment<R: Rng + ?Sized>(rng: &mut R) -> (String, String, i64) {
    let text = match rng.gen_range(0..4) {
        0 | 1 => pick(rng, GENERIC_COMMENTS).to_string(),
        2 => pick(rng, SPAM_COMMENTS).replace("{x}", &random_account(rng)),
        _ => format!("@{}", random_account(rng)),
    };
    (hex16(rng.gen()), text, rng.gen_range(20..900))
}
