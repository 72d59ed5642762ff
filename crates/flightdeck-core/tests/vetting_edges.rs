//! Edge cases of each component: flat series (MAD = 0), missing metrics, brand-new
//! accounts, a viral spike that must not be flagged, zero followers.

mod vetting_support;

use chrono::Duration;
use flightdeck_core::domain::{DailyMetrics, Platform};
use flightdeck_core::vetting::{vet, Flag, VettingInput, VettingReport, Weights};
use vetting_support::synth::{self, Kind, Plan};
use vetting_support::{brand, index, persona};

/// A workspace of 200 clean peers plus `extra`, vetted for the persona.
fn vet_among_peers(extra: &VettingInput) -> VettingReport {
    let peers_ws = synth::workspace(5, 200);
    let mut inputs: Vec<&VettingInput> = peers_ws.iter().map(|(_, i)| i).collect();
    inputs.push(extra);
    let (_, peers) = index(&inputs);
    vet(extra, Some(&persona()), &brand(), &peers, &Weights::default())
}

fn plan(kind: Kind, followers: f64) -> Plan {
    Plan { kind, platform: Platform::Instagram, followers, days: 180, full_metrics: true }
}

#[test]
fn a_flat_series_is_not_an_anomaly_but_a_jump_on_it_is() {
    let mut rng = synth::rng(1);
    let flat = synth::creator(&mut rng, &plan(Kind::Flat, 20_000.0));
    let report = vet_among_peers(&flat);
    assert!(!report.authenticity.flags.contains(&Flag::BoughtFollowers), "{:?}", report.authenticity);
    assert!(report.scorable, "{:?}", report.not_scorable_reason);

    let mut jumped = flat.clone();
    for d in jumped.accounts[0].daily.iter_mut().skip(100) {
        d.followers += 4_000;
    }
    let report = vet_among_peers(&jumped);
    assert!(report.authenticity.flags.contains(&Flag::BoughtFollowers), "{:?}", report.authenticity);
    assert!(!report.scorable);
    assert!(report.score.is_none());
    assert!(report.not_scorable_reason.as_deref().is_some_and(|r| r.starts_with("bought followers")));
}

#[test]
fn a_viral_spike_is_explained_by_reach_and_not_flagged() {
    let mut rng = synth::rng(2);
    let mut explained = 0;
    for _ in 0..10 {
        let viral = synth::creator(&mut rng, &plan(Kind::Viral, 30_000.0));
        let report = vet_among_peers(&viral);
        assert!(!report.authenticity.suspicious, "{:?}", report.authenticity.reasons);
        explained += usize::from(report.authenticity.reasons.iter().any(|r| r.contains("organic growth")));
    }
    assert!(explained >= 5, "most viral spikes are big enough to be seen and explained: {explained}");
}

#[test]
fn the_same_jump_without_the_reach_spike_is_bought() {
    let mut rng = synth::rng(3);
    let viral = synth::creator(&mut rng, &plan(Kind::Viral, 30_000.0));
    let mut no_reach = viral.clone();
    let acc = &mut no_reach.accounts[0];
    let (med_reach, med_likes, med_comments) = {
        let mut r: Vec<u64> = acc.daily.iter().filter_map(|d| d.reach).collect();
        let mut l: Vec<u64> = acc.daily.iter().filter_map(|d| d.likes).collect();
        let mut c: Vec<u64> = acc.daily.iter().filter_map(|d| d.comments).collect();
        r.sort_unstable();
        l.sort_unstable();
        c.sort_unstable();
        (r[r.len() / 2], l[l.len() / 2], c[c.len() / 2])
    };
    for d in acc.daily.iter_mut() {
        d.reach = Some(med_reach);
        d.impressions = Some(med_reach);
        d.likes = Some(med_likes);
        d.comments = Some(med_comments);
    }
    let report = vet_among_peers(&no_reach);
    assert!(report.authenticity.flags.contains(&Flag::BoughtFollowers), "{:?}", report.authenticity.reasons);
}

#[test]
fn missing_metrics_lower_confidence_but_do_not_crash_or_flag() {
    let mut rng = synth::rng(4);
    let mut sparse = synth::creator(&mut rng, &plan(Kind::Clean, 15_000.0));
    for d in sparse.accounts[0].daily.iter_mut() {
        *d = DailyMetrics { likes: d.likes, comments: d.comments, ..DailyMetrics::new(d.date, d.followers) };
    }
    sparse.accounts[0].daily.retain(|d| d.date.format("%d").to_string() != "15");
    let report = vet_among_peers(&sparse);
    assert!(report.scorable, "{:?}", report.not_scorable_reason);
    let reach = report.components.iter().find(|c| c.name == "reach").map(|c| c.weight);
    assert_eq!(reach, Some(0.0), "reach is not assessed without reach");
    assert!(!report.authenticity.suspicious, "{:?}", report.authenticity.reasons);

    let mut followers_only = sparse.clone();
    for d in followers_only.accounts[0].daily.iter_mut() {
        *d = DailyMetrics::new(d.date, d.followers);
    }
    let report = vet_among_peers(&followers_only);
    assert!(!report.scorable);
    assert!(report.not_scorable_reason.as_deref().is_some_and(|r| r.starts_with("too little data")));
    assert_eq!(report.confidence, flightdeck_core::vetting::Confidence::Low);
}

#[test]
fn a_brand_new_account_is_not_scorable_for_lack_of_data() {
    let mut rng = synth::rng(5);
    let mut young = synth::creator(&mut rng, &plan(Kind::Clean, 2_000.0));
    young.accounts[0].daily.truncate(5);
    let report = vet_among_peers(&young);
    assert!(!report.scorable);
    assert_eq!(report.score, None);
    let reason = report.not_scorable_reason.unwrap_or_default();
    assert!(reason.contains("5 days of metrics"), "{reason}");
    assert!(report.authenticity.reasons.iter().any(|r| r.contains("growth not judged")));
}

#[test]
fn zero_followers_give_no_rates_and_no_score() {
    let mut rng = synth::rng(6);
    let mut empty = synth::creator(&mut rng, &plan(Kind::Clean, 2_000.0));
    let start = synth::start_date();
    empty.accounts[0].daily = (0..60)
        .map(|i| {
            let mut d = DailyMetrics::new(start + Duration::days(i), 0);
            d.likes = Some(0);
            d.reach = Some(0);
            d
        })
        .collect();
    let report = vet_among_peers(&empty);
    assert!(!report.scorable);
    assert_eq!(report.accounts[0].engagement_on_followers, None);
    assert_eq!(report.accounts[0].tier, flightdeck_core::domain::Tier::Emerging);
    assert_eq!(report.effective_audience, 0);
}

#[test]
fn no_accounts_at_all_is_not_scorable() {
    let mut rng = synth::rng(7);
    let mut none = synth::creator(&mut rng, &plan(Kind::Clean, 2_000.0));
    none.accounts.clear();
    let report = vet_among_peers(&none);
    assert!(!report.scorable);
    assert!(report.not_scorable_reason.is_some_and(|r| r.contains("no accounts")));
}
