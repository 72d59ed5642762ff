//! Which creators the brand works with in each campaign: a tier mix that suits the goal
//! (reach for awareness, many smaller creators for conversion), on platforms that fit,
//! preferably in niches close to skin care. Picked in a seeded random order, so the
//! choice looks like a marketer's and not like "the first twenty".

use super::niche::NICHES;
use super::rng::mix_tag;
use super::CreatorSummary;
use crate::domain::{Account, Goal, Platform, Tier};

/// A creator picked for a campaign, with the account the deliverables go on.
pub(crate) struct Pick<'a> {
    /// The creator.
    pub summary: &'a CreatorSummary,
    /// The account used.
    pub account: &'a Account,
    /// The niche slot of that account.
    pub niche: usize,
}

/// Niches that fit a skin-care brand.
const FITTING: [&str; 7] = ["beauty", "sustainability", "lifestyle", "fitness", "fashion", "home", "parenting"];

fn quotas(goal: Goal) -> (&'static [Platform], &'static [(Tier, usize)]) {
    match goal {
        Goal::Awareness | Goal::Consideration => (
            &[Platform::Instagram, Platform::Tiktok, Platform::Youtube],
            &[(Tier::Mega, 1), (Tier::Macro, 4), (Tier::Micro, 8), (Tier::Nano, 2)],
        ),
        Goal::Conversion | Goal::Loyalty => (
            &[Platform::Instagram, Platform::Tiktok, Platform::Youtube, Platform::Podcast, Platform::Newsletter],
            &[(Tier::Macro, 1), (Tier::Micro, 10), (Tier::Nano, 13)],
        ),
    }
}

fn niche_slot(account: &Account) -> usize {
    let name = account.niche.as_deref().unwrap_or("");
    NICHES.iter().position(|n| n.name == name).unwrap_or(0)
}

/// The creators of campaign `campaign` (0 or 1) with `goal`, from `pool` (sorted by index).
pub(crate) fn pick<'a>(seed: u64, campaign: u64, goal: Goal, pool: &[&'a CreatorSummary]) -> Vec<Pick<'a>> {
    let (platforms, tiers) = quotas(goal);
    let wanted: usize = tiers.iter().map(|(_, n)| n).sum();
    let mut order: Vec<(u64, &CreatorSummary)> =
        pool.iter().map(|c| (mix_tag(seed, b"pick", campaign << 40 | c.index), *c)).collect();
    order.sort_by_key(|(key, c)| (*key, c.index));
    let mut left: Vec<(Tier, usize)> = tiers.to_vec();
    let mut out: Vec<Pick> = Vec::with_capacity(wanted);
    // Pass 0: fitting niche and tier quota; pass 1: any niche; pass 2: anything, to fill up.
    for pass in 0..3 {
        for (_, summary) in &order {
            if out.len() >= wanted {
                return out;
            }
            if out.iter().any(|p| p.summary.index == summary.index) {
                continue;
            }
            let best = summary
                .creator
                .accounts
                .iter()
                .filter(|a| pass == 2 || platforms.contains(&a.platform))
                .max_by_key(|a| (a.followers, a.platform));
            let Some(account) = best else { continue };
            let niche = niche_slot(account);
            if pass == 0 && !FITTING.contains(&NICHES[niche].name) {
                continue;
            }
            let slot = left.iter_mut().find(|(t, n)| *t == account.tier() && *n > 0);
            match (slot, pass) {
                (Some(slot), _) => slot.1 -= 1,
                (None, 2) => {}
                (None, _) => continue,
            }
            out.push(Pick { summary, account, niche });
        }
    }
    out
}
