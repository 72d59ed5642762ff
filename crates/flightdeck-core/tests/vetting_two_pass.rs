//! Scoring a workspace in pages gives exactly what scoring it at once gives: the
//! first pass summarises accounts from their daily metrics, the peer index goes
//! through a persisted snapshot, and the second pass vets inputs without any daily
//! metrics, taking the summaries from the first pass.

#![allow(clippy::expect_used)] // tests: a panic is the failure report

use std::collections::HashMap;

use flightdeck_core::demo;
use flightdeck_core::domain::AccountId;
use flightdeck_core::vetting::{
    summarize_page, vet_page, vet_workspace, AccountInput, AccountSummary, PeerIndex, PeerSnapshot, VettingInput,
    Weights,
};

fn inputs(n: u64) -> Vec<VettingInput> {
    (0..n)
        .map(|i| {
            let d = demo::creator(3, i);
            let accounts = d
                .creator
                .accounts
                .iter()
                .zip(&d.histories)
                .map(|(account, h)| AccountInput {
                    account: account.clone(),
                    daily: h.metrics.clone(),
                    audience: Some(h.audience.clone()),
                    posts: h.posts.iter().map(|p| p.post.clone()).collect(),
                    comments: h.posts.iter().flat_map(|p| p.comments.iter().cloned()).collect(),
                })
                .collect();
            VettingInput {
                creator: d.creator.id.clone(),
                accounts,
                as_of: demo::LAST_DAY,
                disclosure: Default::default(),
                exclusivities: Vec::new(),
                quoted_fee: None,
            }
        })
        .collect()
}

#[test]
fn paged_two_pass_scoring_with_a_snapshot_equals_scoring_at_once() {
    let all = inputs(240);
    let brand = demo::brand(3);
    let personas = brand.personas.clone();
    let weights = Weights::default();
    let at_once = vet_workspace(&all, &personas, &brand.workspace.brand, &weights);

    let mut known: HashMap<AccountId, AccountSummary> = HashMap::new();
    for page in all.chunks(70) {
        for s in summarize_page(page).into_iter().flatten() {
            known.insert(s.account.clone(), s);
        }
    }
    let built = PeerIndex::build(known.values());
    let json = serde_json::to_string(&built.snapshot()).expect("snapshot JSON");
    let again: PeerSnapshot = serde_json::from_str(&json).expect("snapshot back");
    assert_eq!(serde_json::to_string(&again).expect("JSON"), json, "a snapshot writes the same bytes again");
    let peers = PeerIndex::from_snapshot(&again).expect("restored");

    let lookup = |id: &AccountId| known.get(id).cloned();
    let targets: Vec<_> = personas.iter().map(Some).collect();
    let mut paged = Vec::new();
    for page in all.chunks(70) {
        let slim: Vec<VettingInput> = page
            .iter()
            .cloned()
            .map(|mut i| {
                i.accounts.iter_mut().for_each(|a| a.daily.clear());
                i
            })
            .collect();
        paged.extend(vet_page(&slim, &lookup, &targets, &brand.workspace.brand, &peers, &weights));
    }
    assert_eq!(paged.len(), at_once.len());
    for (a, b) in at_once.iter().zip(&paged) {
        assert_eq!(serde_json::to_value(a).expect("JSON"), serde_json::to_value(b).expect("JSON"));
    }
    assert!(at_once.iter().flatten().any(|r| r.scorable), "some creators are scored");
}

#[test]
fn a_snapshot_of_another_version_is_refused() {
    let mut s = PeerIndex::default().snapshot();
    s.version = 99;
    let e = PeerIndex::from_snapshot(&s).expect_err("refused");
    assert!(e.to_string().contains("rescore"), "{e}");
}
