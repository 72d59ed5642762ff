//! Detection quality on synthetic workspaces: bought and hollow follower bases must be
//! flagged from daily metrics alone (recall ≥ 0.9) while clean creators (≤ 5 %) and
//! creators with real viral growth (≤ 10 %) are not.

mod vetting_support;

use std::collections::HashMap;

use flightdeck_core::vetting::{analyze, Flag, PeerIndex};
use vetting_support::synth::{self, Kind};

/// (kind, whether reach is reported) → (flagged, total).
type Tally = HashMap<(Kind, bool), (usize, usize)>;

fn tally(seed: u64, n: usize) -> Tally {
    let ws = synth::workspace(seed, n);
    let analyses: Vec<_> = ws.iter().map(|(_, input)| analyze(input)).collect();
    let peers = PeerIndex::build(analyses.iter().flat_map(|a| a.summaries.iter()));
    let mut out = Tally::new();
    for ((kind, input), a) in ws.iter().zip(&analyses) {
        let verdict = a.authenticity(&peers);
        let with_reach = input.accounts[0].daily.iter().any(|d| d.reach.is_some());
        let e = out.entry((*kind, with_reach)).or_default();
        e.1 += 1;
        e.0 += usize::from(verdict.suspicious);
        if *kind == Kind::Bought && verdict.suspicious {
            assert!(verdict.flags.contains(&Flag::BoughtFollowers), "{:?}", verdict.reasons);
        }
        if std::env::var_os("VETTING_DEBUG").is_some()
            && verdict.suspicious != matches!(kind, Kind::Bought | Kind::Hollow)
        {
            eprintln!("{kind:?} {:?} {:?}", verdict.fake_share, verdict.reasons);
        }
    }
    out
}

fn share(t: &Tally, kind: Kind, reach: Option<bool>) -> f64 {
    let (hit, n) = t
        .iter()
        .filter(|((k, r), _)| *k == kind && reach.is_none_or(|want| want == *r))
        .fold((0, 0), |(h, n), (_, (a, b))| (h + a, n + b));
    hit as f64 / n.max(1) as f64
}

#[test]
fn bought_and_hollow_are_found_and_clean_and_viral_are_left_alone() {
    let mut all = Tally::new();
    for seed in 1..=5 {
        for (k, (a, b)) in tally(seed, 400) {
            let e = all.entry(k).or_default();
            e.0 += a;
            e.1 += b;
        }
    }
    eprintln!("{all:?}");
    assert!(share(&all, Kind::Bought, None) >= 0.9, "bought recall {all:?}");
    assert!(share(&all, Kind::Hollow, Some(true)) >= 0.9, "hollow recall with reach {all:?}");
    assert!(share(&all, Kind::Hollow, Some(false)) >= 0.7, "hollow recall without reach {all:?}");
    assert!(share(&all, Kind::Clean, None) <= 0.05, "clean false positives {all:?}");
    assert!(share(&all, Kind::Viral, None) <= 0.10, "viral false positives {all:?}");
}

#[test]
fn a_small_workspace_leans_on_the_priors_without_flagging_clean_creators() {
    let t = tally(11, 20);
    assert!(share(&t, Kind::Clean, None) <= 0.1, "{t:?}");
    assert!(share(&t, Kind::Bought, None) >= 0.5, "{t:?}");
}
