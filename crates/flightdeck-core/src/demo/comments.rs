//! Comments under posts: real followers, drive-by generic ones, pods and bots.
//!
//! Only a sample of posts gets its comments written out (at most [`MAX_LISTED`] each), so
//! 100,000 creators stay cheap; the post's `comments` count is the full number, and pods
//! and bots raise it by what they add.

use chrono::Duration;
use rand::Rng;

use super::lexicon::{lexicon, Lexicon, GENERIC_COMMENTS, SPAM_COMMENTS};
use super::rng::{hex16, mix_tag, pick, pick_str, IdRng};
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

/// Sets every post's full comment count (pods and bots add to it) and writes out the
/// comments of a sample of posts.
pub(crate) fn add_comments<R: Rng + ?Sized>(rng: &mut R, ctx: &CommentCtx, posts: &mut [DemoPost]) {
    let planted = !ctx.pod.is_empty() || ctx.bot_share.is_some();
    let (sample, cap) = if planted { (0.6, MAX_LISTED) } else { (0.12, 10) };
    let generic_share = rng.gen_range(0.04..0.2);
    let mut ids = IdRng::from_rng(rng);
    for (k, demo) in posts.iter_mut().enumerate() {
        let Some(organic) = demo.post.metrics.comments else { continue };
        let pod: Vec<&String> = ctx.pod.iter().filter(|_| rng.gen_bool(0.85)).collect();
        let bots = ctx
            .bot_share
            .map_or(0, |share| (organic as f64 * share / (1.0 - share) + 0.5) as u64 + rng.gen_range(3..8));
        let total = organic + pod.len() as u64 + bots;
        demo.post.metrics.comments = Some(total);
        if total == 0 || (k >= 1 && !rng.gen_bool(sample)) {
            continue;
        }
        let shown = cap.min(total);
        let shown_bots = (shown as f64 * bots as f64 / total as f64 + 0.5) as u64;
        let mut listed: Vec<(String, String, i64)> = Vec::with_capacity(shown as usize);
        let lex = lexicon(ctx.language);
        for member in pod.into_iter().take(shown as usize) {
            listed.push((member.clone(), pick_str(rng, lex.pod_comments).to_owned(), rng.gen_range(60..1800)));
        }
        for i in 0..shown.saturating_sub(listed.len() as u64) {
            listed.push(if i < shown_bots {
                bot_comment(rng)
            } else if rng.gen_bool(generic_share) {
                (fan(rng, ctx), pick_str(rng, GENERIC_COMMENTS).to_owned(), delay(rng))
            } else {
                (fan(rng, ctx), real_comment(rng, lex, ctx.niche), delay(rng))
            });
        }
        let (post_id, published) = (&demo.post.id, demo.post.published_at);
        let mut comments: Vec<Comment> = listed
            .into_iter()
            .map(|(author_hash, text, secs)| Comment {
                id: CommentId::generate(&mut ids),
                post_id: post_id.clone(),
                author_hash,
                text,
                created_at: published + Duration::seconds(secs),
            })
            .collect();
        comments.sort_by_key(|c| c.created_at);
        demo.comments = comments;
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
    pick_str(rng, pool).to_owned()
}

fn random_account<R: Rng + ?Sized>(rng: &mut R) -> String {
    const STEMS: &[&str] = &["insta.growth", "followboost", "shoutout", "promo.page", "viral.hub", "crypto.daily"];
    format!("{}_{}", pick(rng, STEMS), rng.gen_range(10..9999))
}

fn bot_comment<R: Rng + ?Sized>(rng: &mut R) -> (String, String, i64) {
    let text = match rng.gen_range(0..4) {
        0 | 1 => pick_str(rng, GENERIC_COMMENTS).to_owned(),
        2 => pick(rng, SPAM_COMMENTS).replace("{x}", &random_account(rng)),
        _ => format!("@{}", random_account(rng)),
    };
    (hex16(rng.gen()), text, rng.gen_range(20..900))
}
