//! Vetting one creator for one persona: the components, the gates and the report.

use super::analysis::{analyze, Analysis};
use super::audience::{self, AudienceQuality, Targets};
use super::authenticity::{self, AccountAuthenticity, Authenticity, Flag};
use super::fee;
use super::fit::{self, Fit};
use super::input::VettingInput;
use super::peers::{Metric, PeerIndex, Placement};
use super::priors::formula;
use super::report::{AccountReport, VettingReport};
use super::safety::{self, Safety};
use super::score::{self, Component, Confidence, Evidence, Weights};
use super::summary::AccountSummary;
use super::text::{count, ordinal, pct, platform_name};
use crate::domain::{Brand, Persona, Tier};

/// A fake share whose low end reaches this stops scoring.
pub const FAKE_SHARE_GATE: f64 = 0.3;
/// Below this many peers a percentile leans on the published prior, and says so.
const FEW_PEERS: usize = 30;

/// Vets one creator for one persona (or for the brand alone with `None`).
pub fn vet(
    input: &VettingInput,
    persona: Option<&Persona>,
    brand: &Brand,
    peers: &PeerIndex,
    weights: &Weights,
) -> VettingReport {
    vet_analysis(input, &analyze(input), persona, brand, peers, weights)
}

/// Like [`vet`], reusing an [`Analysis`] of the same input.
pub fn vet_analysis(
    input: &VettingInput,
    analysis: &Analysis,
    persona: Option<&Persona>,
    brand: &Brand,
    peers: &PeerIndex,
    weights: &Weights,
) -> VettingReport {
    Verdicts::of(input, analysis, brand, peers, weights).for_persona(input, analysis, persona, brand, weights)
}

/// What does not depend on the persona: authenticity, safety, engagement, reach, the
/// gates and the account numbers. Built once per creator and brand, then completed
/// for each persona with [`Verdicts::for_persona`].
#[derive(Debug, Clone)]
pub struct Verdicts {
    fakes: Vec<[f64; 2]>,
    authenticity: Authenticity,
    safety: Safety,
    accounts: Vec<AccountReport>,
    fee: Option<super::fee::FeeCheck>,
    engagement: (Component, f64),
    reach: (Component, f64),
    gate: Option<String>,
    confidence: Confidence,
}

impl Verdicts {
    /// The persona-independent verdicts about one analysed creator.
    pub fn of(
        input: &VettingInput,
        analysis: &Analysis,
        brand: &Brand,
        peers: &PeerIndex,
        weights: &Weights,
    ) -> Verdicts {
        let summaries = &analysis.summaries;
        let per_account: Vec<AccountAuthenticity> = summaries
            .iter()
            .zip(&analysis.comments)
            .map(|(s, c)| authenticity::assess_account(s, peers, c.as_ref(), authenticity::is_material(s, summaries)))
            .collect();
        let authenticity = authenticity::combine(summaries, &per_account);
        let fakes: Vec<[f64; 2]> = per_account.iter().map(|a| a.fake_share).collect();
        let safety = safety::assess(input, &analysis.content, brand);
        let main = main_account(summaries);
        let gate = gate(summaries, &authenticity, &safety);
        let confidence =
            if !has_data(summaries) { Confidence::Low } else { score::confidence(&evidence(input, main, peers)) };
        Verdicts {
            accounts: summaries.iter().zip(&fakes).map(|(s, f)| AccountReport::of(s, peers, *f)).collect(),
            fee: input.quoted_fee.as_ref().zip(main).map(|(f, s)| fee::check(f, s, peers)),
            engagement: engagement_component(summaries, peers, weights.engagement),
            reach: reach_component(summaries, peers, weights.reach),
            fakes,
            authenticity,
            safety,
            gate,
            confidence,
        }
    }

    /// The report for one persona (or the brand alone).
    pub fn for_persona(
        &self,
        input: &VettingInput,
        analysis: &Analysis,
        persona: Option<&Persona>,
        brand: &Brand,
        weights: &Weights,
    ) -> VettingReport {
        let summaries = &analysis.summaries;
        let targets = Targets::of(persona, brand);
        let aud = audience::assess(input, summaries, &self.fakes, &targets);
        let fit = fit::assess(input, &analysis.words, &aud, &targets);
        let parts = vec![
            self.engagement.clone(),
            self.reach.clone(),
            authenticity_component(&self.authenticity, weights.authenticity),
            audience_component(&aud, weights.audience),
            fit_component(&fit, weights.fit),
            safety_component(&self.safety, weights.safety),
        ];
        let (components, score) = score::composite(parts);
        let gate = self.gate.clone().or_else(|| score.is_none().then(|| "no component could be assessed".to_owned()));
        VettingReport {
            creator: input.creator.clone(),
            persona: persona.map(|p| p.name.as_str().to_owned()),
            scorable: gate.is_none(),
            score: if gate.is_none() { score } else { None },
            confidence: self.confidence,
            not_scorable_reason: gate,
            tier: summaries.iter().map(|s| s.tier).max().unwrap_or(Tier::Emerging),
            effective_audience: aud.effective_audience,
            accounts: self.accounts.clone(),
            fee: self.fee.clone(),
            authenticity: self.authenticity.clone(),
            components,
            audience: aud,
            fit,
            safety: self.safety.clone(),
        }
    }
}

fn has_data(summaries: &[AccountSummary]) -> bool {
    summaries.iter().any(AccountSummary::has_enough_data)
}

/// The account the headline numbers come from: the largest with enough data.
fn main_account(summaries: &[AccountSummary]) -> Option<&AccountSummary> {
    summaries
        .iter()
        .filter(|s| s.has_enough_data())
        .max_by_key(|s| s.followers)
        .or_else(|| summaries.iter().max_by_key(|s| s.followers))
}

fn evidence(input: &VettingInput, main: Option<&AccountSummary>, peers: &PeerIndex) -> Evidence {
    let Some(s) = main else { return Evidence::default() };
    Evidence {
        days: s.days,
        posts: s.posts,
        peers: peers.peer_count(Metric::Engagement, s.platform, s.tier, s.basis()),
        audience: input.accounts.iter().any(|a| a.audience.is_some()),
        reach: s.rates.reach_rate.is_some(),
    }
}

/// The first gate a creator fails, as the reason it is not scorable.
fn gate(summaries: &[AccountSummary], auth: &Authenticity, safety: &Safety) -> Option<String> {
    if !has_data(summaries) {
        let what: Vec<String> = summaries
            .iter()
            .map(|s| {
                format!(
                    "{} @{}: {} followers, {} days of metrics, {} posts",
                    platform_name(s.platform),
                    s.handle,
                    count(s.followers as f64),
                    s.days,
                    s.posts
                )
            })
            .collect();
        let what = if what.is_empty() { "no accounts".to_owned() } else { what.join("; ") };
        return Some(format!("too little data: {what} (needs followers and 14 days of metrics with interactions, or 3 posts with numbers)"));
    }
    if auth.flags.contains(&Flag::BoughtFollowers) {
        let evidence = auth.reasons.iter().find(|r| r.contains("jumped")).cloned().unwrap_or_default();
        return Some(format!("bought followers: {evidence}"));
    }
    if auth.fake_share[0] >= FAKE_SHARE_GATE {
        return Some(format!(
            "large fake share: an estimated {}–{} of followers are fake or inactive (gate at {})",
            pct(auth.fake_share[0]),
            pct(auth.fake_share[1]),
            pct(FAKE_SHARE_GATE)
        ));
    }
    if safety.floor_hit {
        let evidence = safety
            .conflicts
            .first()
            .or_else(|| safety.reasons.iter().find(|r| r.contains("floor of")))
            .cloned()
            .unwrap_or_default();
        return Some(format!("brand safety floor hit: {evidence}"));
    }
    None
}

/// Followers-weighted mean percentile of `metric` over the accounts with data, and
/// the main account's placement for the reason.
fn placed<'a>(
    summaries: &'a [AccountSummary],
    peers: &PeerIndex,
    metric: Metric,
) -> Option<(f64, Placement, &'a AccountSummary)> {
    let mut total = 0.0;
    let mut sum = 0.0;
    let mut best: Option<(Placement, &AccountSummary)> = None;
    for s in summaries.iter().filter(|s| s.has_enough_data()) {
        let Some(p) = peers.place(metric, s) else { continue };
        let w = (s.followers as f64).max(1.0);
        total += w;
        sum += w * p.percentile;
        if best.as_ref().is_none_or(|(_, b)| s.followers > b.followers) {
            best = Some((p, s));
        }
    }
    best.map(|(p, s)| (sum / total, p, s))
}

/// "78th percentile of 412 micro Instagram peers (typical 2.9%)", noting the prior
/// below [`FEW_PEERS`] peers.
fn peer_words(p: &Placement, s: &AccountSummary) -> String {
    let mut typical = format!("typical {}", pct(p.reference.center));
    if p.reference.peers < FEW_PEERS {
        match p.reference.published {
            Some(prior) => typical.push_str(&format!("; few peers, blended with the published prior {}", pct(prior))),
            None => typical.push_str("; few peers"),
        }
    }
    format!(
        "{} percentile of {} {} {} peers ({typical})",
        ordinal(p.percentile.round().clamp(1.0, 99.0) as u32),
        p.reference.peers,
        s.tier,
        platform_name(s.platform)
    )
}

fn engagement_component(summaries: &[AccountSummary], peers: &PeerIndex, w: f64) -> (Component, f64) {
    let Some((pctile, p, s)) = placed(summaries, peers, Metric::Engagement) else {
        return score::component("engagement", None, w, "no engagement known".to_owned());
    };
    let on = match formula(s.platform).denominator {
        super::priors::Denominator::Followers => "followers",
        super::priors::Denominator::Views => "views",
        super::priors::Denominator::Impressions => "impressions",
    };
    let reason = format!(
        "ER {} on {on} ({}, {}), {}",
        pct(p.value),
        s.basis().words(),
        formula(s.platform).text,
        peer_words(&p, s)
    );
    score::component("engagement", Some((pctile / 100.0).max(0.02)), w, reason)
}

fn reach_component(summaries: &[AccountSummary], peers: &PeerIndex, w: f64) -> (Component, f64) {
    let Some((pctile, p, s)) = placed(summaries, peers, Metric::ReachRate) else {
        return score::component("reach", None, w, "no reach known".to_owned());
    };
    let avg =
        s.rates.reach_per_post.map_or_else(String::new, |r| format!(" (average {} {})", count(r), s.basis().words()));
    let reason = format!("reach {} of followers{avg}, {}", pct(p.value), peer_words(&p, s));
    score::component("reach", Some((pctile / 100.0).max(0.02)), w, reason)
}

fn authenticity_component(a: &Authenticity, w: f64) -> (Component, f64) {
    let head = format!("estimated fake share {}–{}", pct(a.fake_share[0]), pct(a.fake_share[1]));
    let reason = match a.reasons.first() {
        Some(r) if a.suspicious || a.reasons.len() == 1 => format!("{head}; {r}"),
        _ => format!("{head}; {} finding(s), see authenticity.reasons", a.reasons.len()),
    };
    score::component("authenticity", Some(a.value), w, reason)
}

fn audience_component(q: &AudienceQuality, w: f64) -> (Component, f64) {
    let reason = q.reasons.join("; ");
    let reason = if q.value.is_none() { format!("no audience breakdown or creator country; {reason}") } else { reason };
    score::component("audience", q.value, w, reason)
}

fn fit_component(f: &Fit, w: f64) -> (Component, f64) {
    let reason = format!(
        "fit {}/100; matching: {}; missing: {}",
        f.score.map_or_else(|| "?".to_owned(), |s| format!("{s:.0}")),
        if f.matching.is_empty() { "nothing".to_owned() } else { f.matching.join(", ") },
        if f.missing.is_empty() { "nothing".to_owned() } else { f.missing.join(", ") }
    );
    score::component("fit", f.score.map(|s| s / 100.0), w, reason)
}

fn safety_component(s: &Safety, w: f64) -> (Component, f64) {
    if !s.assessed {
        return score::component(
            "safety",
            None,
            w,
            "no captions, disclosure record or exclusivities to check".to_owned(),
        );
    }
    score::component("safety", Some(s.value), w, s.reasons.join("; "))
}
