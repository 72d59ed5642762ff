//! One creator: identity, accounts, and each account's history.

use rand::Rng;

use super::audience::{audience, AudienceCtx};
use super::comments::{add_comments, pod_members, CommentCtx};
use super::daily::{daily, DailyCtx};
use super::model::model;
use super::names::{identity, Identity};
use super::niche::{niche_weights, platform_slot, Niche, NICHES};
use super::posts::{posts, PostCtx, SponsorHabit};
use super::rng::{lognormal, mix, mix_tag, pick, rng_from, weighted};
use super::series::{series, Event, Series};
use super::truth::{planned, pod_ring};
use super::{AccountHistory, DemoCreator, Planted};
use crate::domain::{Account, AccountId, Creator, CreatorId, Handle, Name, Platform};

/// Generates creator `index` of the demo with `seed`. Pure and independent of every other
/// creator: call it for `0..n` in any order or in parallel and the result is the same.
pub fn creator(seed: u64, index: u64) -> DemoCreator {
    let creator_seed = mix(seed, index);
    let mut rng = rng_from(creator_seed);
    let who = identity(seed, index);
    let mut planted = planned(seed, index);
    let niche_slot = weighted(&mut rng, &niche_weights());
    let niche = &NICHES[niche_slot];
    let id = CreatorId::generate(&mut rng);
    let platforms = platforms(&mut rng, niche);
    // Pods and bots live in comments: plant them on the first account that has any, or not at all.
    let comment_target = platforms.iter().position(|p| model(*p).comments);
    if comment_target.is_none() {
        planted.retain(|l| !matches!(l, Planted::EngagementPod | Planted::BotComments));
    }
    let main_followers = pareto(&mut rng) * model(platforms[0]).scale;
    let word = *pick(&mut rng, niche.words);
    let age = age(&mut rng, platforms[0]);
    let habit = habit(&mut rng, main_followers);
    let code = format!("{}{}", who.code_stem(), pick(&mut rng, &["10", "15", "20"]));
    let mut accounts = Vec::with_capacity(platforms.len());
    let mut histories = Vec::with_capacity(platforms.len());
    for (k, platform) in platforms.iter().copied().enumerate() {
        let account_id = AccountId::generate(&mut rng);
        let followers = if k == 0 {
            main_followers
        } else {
            let ratio = lognormal(&mut rng, 1.0).clamp(0.04, 6.0) * 0.25;
            (main_followers * ratio * model(platform).scale / model(platforms[0]).scale).max(50.0)
        };
        let handle = who.handle(platform, word);
        let comments_planted = comment_target == Some(k);
        let spec =
            AccountSpec { seed, index, k, platform, niche_slot, followers, habit, code: &code, comments_planted };
        let account_seed = mix_tag(creator_seed, b"account", k as u64);
        let history = account_history(&who, &spec, account_seed, &planted, &account_id);
        let shown = history.metrics.last().map_or(0, |m| m.followers);
        accounts.push(Account {
            id: account_id,
            platform,
            handle: Handle::parse(&handle).unwrap_or_else(|_| fallback_handle(index)),
            followers: shown,
            country: Some(who.origin.country()),
            language: Some(who.origin.language()),
            niche: Some(niche.name.to_owned()),
            url: Some(url(&mut rng, platform, &handle)),
        });
        histories.push(history);
    }
    let undisclosed = histories
        .iter()
        .flat_map(|h| &h.posts)
        .any(|p| p.sponsorship.as_ref().is_some_and(|s| !s.disclosure.is_proper()));
    if undisclosed {
        planted.push(Planted::UndisclosedAd);
        planted.sort();
    }
    let name = Name::parse(&who.display_name).unwrap_or_else(|_| fallback_name());
    DemoCreator { index, creator: Creator { id, name, accounts }, age, histories, planted }
}

fn fallback_handle(index: u64) -> Handle {
    Handle::parse(&format!("creator{index}")).unwrap_or_else(|_| fallback_handle(0))
}

fn fallback_name() -> Name {
    Name::parse("Demo Creator").unwrap_or_else(|_| fallback_name())
}

struct AccountSpec<'a> {
    seed: u64,
    index: u64,
    k: usize,
    platform: Platform,
    niche_slot: usize,
    followers: f64,
    habit: Option<SponsorHabit>,
    code: &'a str,
    comments_planted: bool,
}

fn account_history(
    who: &Identity,
    spec: &AccountSpec,
    account_seed: u64,
    planted: &[Planted],
    account_id: &AccountId,
) -> AccountHistory {
    let mut rng = rng_from(account_seed);
    let main = spec.k == 0;
    let has = |label: Planted| main && planted.contains(&label);
    let has_in_comments = |label: Planted| spec.comments_planted && planted.contains(&label);
    let event = if has(Planted::BoughtFollowers) {
        Event::Bought
    } else if has(Planted::HollowFollowers) {
        Event::Hollow
    } else if has(Planted::Viral) {
        Event::Viral
    } else {
        Event::None
    };
    let s: Series = series(&mut rng, spec.followers, event);
    let niche = &NICHES[spec.niche_slot];
    let ctx = PostCtx {
        account_id,
        platform: spec.platform,
        niche: spec.niche_slot,
        market: (who.origin.country(), who.origin.language()),
        places: who.origin.places(),
        earlier_posts: earlier_posts(&mut rng, spec.platform),
        habit: spec.habit,
        code: spec.code,
        reach_mult: lognormal(&mut rng, 0.3),
        er_mult: lognormal(&mut rng, 0.35),
    };
    let mut demo_posts = posts(&mut rng, &ctx, &s);
    let pod = if has_in_comments(Planted::EngagementPod) {
        pod_members(&mut rng, spec.seed, pod_ring(spec.seed, spec.index))
    } else {
        Vec::new()
    };
    let comment_ctx = CommentCtx {
        language: who.origin.language(),
        niche: spec.niche_slot,
        account_seed,
        fan_pool: (s.real[super::DAYS - 1] * 0.05).clamp(60.0, 20_000.0) as u64,
        pod,
        bot_share: has_in_comments(Planted::BotComments).then(|| rng.gen_range(0.6..0.85)),
    };
    add_comments(&mut rng, &comment_ctx, &mut demo_posts);
    let daily_ctx = DailyCtx {
        platform: spec.platform,
        earlier_posts: u64::from(ctx.earlier_posts),
        following: following(&mut rng, spec.platform),
    };
    let metrics = daily(&mut rng, &daily_ctx, &s, &demo_posts);
    let farm = match event {
        Event::Bought => rng.gen_range(0.2..0.4),
        Event::Hollow => rng.gen_range(0.35..0.6),
        _ => rng.gen_range(0.0..0.04),
    };
    let aud_ctx = AudienceCtx { origin: who.origin, niche, platform: spec.platform, female: who.female, farm };
    let audience = audience(&mut rng, &aud_ctx);
    AccountHistory { account_id: account_id.clone(), metrics, audience, posts: demo_posts }
}

/// The creator's platforms: the main one by niche, then 0–2 more, never twice the same.
fn platforms<R: Rng + ?Sized>(rng: &mut R, niche: &Niche) -> Vec<Platform> {
    let count = [1, 2, 3][weighted(rng, &[72, 20, 8])];
    let mut weights = niche.platforms;
    let mut out = Vec::with_capacity(count);
    while out.len() < count && weights.iter().any(|w| *w > 0) {
        let platform = Platform::ALL[weighted(rng, &weights)];
        weights[platform_slot(platform)] = 0;
        out.push(platform);
    }
    out
}

/// A truncated Pareto draw (power law, α = 0.55) between 300 and 8 million followers.
fn pareto<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    const MIN: f64 = 300.0;
    const MAX: f64 = 8_000_000.0;
    const ALPHA: f64 = 0.55;
    let u: f64 = rng.gen();
    let tail = 1.0 - (MIN / MAX).powf(ALPHA);
    MIN * (1.0 - u * tail).powf(-1.0 / ALPHA)
}

fn age<R: Rng + ?Sized>(rng: &mut R, platform: Platform) -> u8 {
    match platform {
        Platform::Tiktok | Platform::Twitch => rng.gen_range(16..32),
        Platform::Linkedin | Platform::Podcast | Platform::Newsletter => rng.gen_range(25..56),
        _ => rng.gen_range(18..46),
    }
}

/// Bigger creators do more sponsored work; four in ten of them are sloppy about disclosure.
fn habit<R: Rng + ?Sized>(rng: &mut R, followers: f64) -> Option<SponsorHabit> {
    let chance = match followers {
        f if f < 1_000.0 => 0.1,
        f if f < 10_000.0 => 0.4,
        f if f < 100_000.0 => 0.7,
        _ => 0.88,
    };
    rng.gen_bool(chance).then(|| SponsorHabit { rate: rng.gen_range(0.08..0.25), sloppy: rng.gen_bool(0.4) })
}

fn earlier_posts<R: Rng + ?Sized>(rng: &mut R, platform: Platform) -> u32 {
    match platform {
        Platform::Instagram => rng.gen_range(30..1500),
        Platform::Tiktok => rng.gen_range(20..900),
        Platform::Youtube => rng.gen_range(10..400),
        Platform::Twitch => rng.gen_range(20..600),
        Platform::Podcast | Platform::Newsletter => rng.gen_range(5..250),
        Platform::Blog | Platform::Linkedin => rng.gen_range(10..500),
    }
}

fn following<R: Rng + ?Sized>(rng: &mut R, platform: Platform) -> Option<u64> {
    match platform {
        Platform::Instagram => Some(rng.gen_range(150..1500)),
        Platform::Tiktok => Some(rng.gen_range(30..800)),
        Platform::Twitch => Some(rng.gen_range(20..300)),
        Platform::Linkedin => Some(rng.gen_range(200..3000)),
        _ => None,
    }
}

fn url<R: Rng + ?Sized>(rng: &mut R, platform: Platform, handle: &str) -> String {
    match platform {
        Platform::Instagram => format!("https://www.instagram.com/{handle}/"),
        Platform::Tiktok => format!("https://www.tiktok.com/@{handle}"),
        Platform::Youtube => format!("https://www.youtube.com/@{handle}"),
        Platform::Twitch => format!("https://www.twitch.tv/{handle}"),
        Platform::Podcast => format!(
            "https://podcasts.apple.com/nl/podcast/{handle}/id{}",
            rng.gen_range(1_000_000_000_u64..1_999_999_999)
        ),
        Platform::Blog => format!("https://{handle}.nl/"),
        Platform::Linkedin => format!("https://www.linkedin.com/in/{handle}"),
        Platform::Newsletter => format!("https://{handle}.substack.com/"),
    }
}
