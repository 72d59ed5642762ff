//! Vetting against the demo generator's ground truth (`demo::creator` + `Planted`).
//!
//! Like the acceptance run, the first check sees **daily metrics only** (what
//! `import creators` + `import metrics` give): bought followers and hollow follower bases
//! must be flagged (recall ≥ 0.9) while ≤ 5 % of clean creators and ≤ 10 % of viral
//! ones are. The second check sees everything (posts, comments, audiences) and must also
//! find engagement pods and bot comments.

use std::collections::HashMap;

use flightdeck_core::demo::{self, DemoCreator, Planted};
use flightdeck_core::vetting::{analyze_workspace, AccountInput, VettingInput};

const SEED: u64 = 42;
const CREATORS: u64 = 600;

fn input(d: &DemoCreator, full: bool) -> VettingInput {
    let accounts = d
        .creator
        .accounts
        .iter()
        .zip(&d.histories)
        .map(|(account, h)| AccountInput {
            account: account.clone(),
            daily: h.metrics.clone(),
            audience: full.then(|| h.audience.clone()),
            posts: if full { h.posts.iter().map(|p| p.post.clone()).collect() } else { Vec::new() },
            comments: if full { h.posts.iter().flat_map(|p| p.comments.iter().cloned()).collect() } else { Vec::new() },
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
}

/// label → (flagged suspicious, total); `clean` for creators without a label.
fn tally(full: bool) -> HashMap<&'static str, (usize, usize)> {
    let creators: Vec<DemoCreator> = (0..CREATORS).map(|i| demo::creator(SEED, i)).collect();
    let inputs: Vec<VettingInput> = creators.iter().map(|c| input(c, full)).collect();
    let (analyses, peers) = analyze_workspace(&inputs);
    let mut out: HashMap<&'static str, (usize, usize)> = HashMap::new();
    for (c, a) in creators.iter().zip(&analyses) {
        let verdict = a.authenticity(&peers);
        let labels: Vec<&'static str> =
            c.planted.iter().filter(|p| **p != Planted::UndisclosedAd).map(Planted::as_str).collect();
        let labels = if labels.is_empty() { vec!["clean"] } else { labels };
        for l in labels {
            let e = out.entry(l).or_default();
            e.1 += 1;
            e.0 += usize::from(verdict.suspicious);
        }
        if std::env::var_os("VETTING_DEBUG").is_some() {
            let problem = c.planted.iter().any(Planted::is_authenticity_problem);
            if problem != verdict.suspicious {
                eprintln!("{:?} {:?} {:?}", c.planted, verdict.fake_share, verdict.reasons);
            }
        }
    }
    out
}

fn rate(t: &HashMap<&'static str, (usize, usize)>, label: &str) -> f64 {
    t.get(label).map_or(f64::NAN, |(hit, n)| *hit as f64 / (*n).max(1) as f64)
}

#[test]
fn daily_metrics_alone_find_bought_and_hollow_followers() {
    let t = tally(false);
    eprintln!("daily metrics only: {t:?}");
    assert!(rate(&t, "bought_followers") >= 0.9, "{t:?}");
    assert!(rate(&t, "hollow_followers") >= 0.9, "{t:?}");
    assert!(rate(&t, "clean") <= 0.05, "{t:?}");
    assert!(rate(&t, "viral") <= 0.10, "{t:?}");
}

#[test]
fn with_posts_and_comments_pods_and_bot_comments_are_found_too() {
    let t = tally(true);
    eprintln!("everything: {t:?}");
    for label in ["bought_followers", "hollow_followers", "engagement_pod", "bot_comments"] {
        assert!(rate(&t, label) >= 0.9, "{label}: {t:?}");
    }
    assert!(rate(&t, "clean") <= 0.05, "{t:?}");
    assert!(rate(&t, "viral") <= 0.10, "{t:?}");
}
