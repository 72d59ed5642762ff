//! The compliance corpus: hand-written posts (NL, Flemish, French, English; every platform and
//! trap) with the verdict and rule ids the catalog demands. Fails on any disagreement and lists
//! false "ok" verdicts (a missed problem) separately, because those are the dangerous ones.

use std::collections::BTreeMap;

use flightdeck_core::compliance::{check, PostInput, Severity};
use serde::Deserialize;

const CORPUS: &str = include_str!("data/compliance_corpus.jsonl");

#[derive(Deserialize)]
struct Expect {
    verdict: Severity,
    rules: Vec<String>,
}

#[derive(Deserialize)]
struct Case {
    expect: Expect,
    note: String,
}

struct Outcome {
    line: usize,
    note: String,
    want: (Severity, Vec<String>),
    got: (Severity, Vec<String>),
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn run_corpus() -> (usize, Vec<Outcome>) {
    let mut wrong = Vec::new();
    let mut n = 0;
    for (i, line) in CORPUS.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        n += 1;
        let case: Case = serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
        let post: PostInput = serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
        let result = check(&post);
        let got = (result.verdict, sorted(result.rules().map(String::from).collect()));
        let want = (case.expect.verdict, sorted(case.expect.rules));
        if got != want {
            wrong.push(Outcome { line: i + 1, note: case.note, want, got });
        }
    }
    (n, wrong)
}

#[test]
fn corpus_has_at_least_150_cases_covering_every_market() {
    let mut per_country: BTreeMap<String, usize> = BTreeMap::new();
    for line in CORPUS.lines().filter(|l| !l.trim().is_empty()) {
        let post: PostInput = serde_json::from_str(line).unwrap();
        *per_country.entry(post.country.unwrap_or_default().to_uppercase()).or_default() += 1;
    }
    let total: usize = per_country.values().sum();
    assert!(total >= 150, "{total} cases");
    for c in ["NL", "BE", "US", "GB"] {
        assert!(per_country.get(c).copied().unwrap_or(0) >= 10, "{c}: {per_country:?}");
    }
    // Flemish and Belgian French apart, and the video platforms, each with cases of their own.
    let mut per_kind: BTreeMap<String, usize> = BTreeMap::new();
    for line in CORPUS.lines().filter(|l| !l.trim().is_empty()) {
        let post: PostInput = serde_json::from_str(line).unwrap();
        let country = post.country.clone().unwrap_or_default().to_uppercase();
        let language = post.language.clone().unwrap_or_default();
        *per_kind.entry(format!("{country}-{language}")).or_default() += 1;
        *per_kind.entry(post.platform.clone().unwrap_or_default()).or_default() += 1;
    }
    for kind in ["BE-nl", "BE-fr", "NL-nl", "tiktok", "youtube"] {
        assert!(per_kind.get(kind).copied().unwrap_or(0) >= 8, "{kind}: {per_kind:?}");
    }
    for platform in ["twitch", "snapchat", "blog", "podcast", "linkedin"] {
        assert!(per_kind.contains_key(platform), "{platform}: {per_kind:?}");
    }
}

#[test]
fn corpus_verdicts_and_rules_match() {
    let (n, wrong) = run_corpus();
    let false_ok: Vec<&Outcome> =
        wrong.iter().filter(|o| o.got.0 == Severity::Ok && o.want.0 != Severity::Ok).collect();
    let mut report = String::new();
    for o in &false_ok {
        report += &format!("FALSE OK line {} ({}): want {:?}\n", o.line, o.note, o.want);
    }
    for o in wrong.iter().filter(|o| !(o.got.0 == Severity::Ok && o.want.0 != Severity::Ok)) {
        report += &format!("line {} ({}): want {:?}, got {:?}\n", o.line, o.note, o.want, o.got);
    }
    assert!(false_ok.is_empty(), "{} false ok of {n}:\n{report}", false_ok.len());
    assert!(wrong.is_empty(), "{} of {n} cases wrong:\n{report}", wrong.len());
}

#[test]
fn every_finding_has_a_message_and_a_fix() {
    for line in CORPUS.lines().filter(|l| !l.trim().is_empty()) {
        let post: PostInput = serde_json::from_str(line).unwrap();
        for f in check(&post).findings {
            assert!(f.message.len() > 20 && f.fix.len() > 10, "{f:?}");
        }
    }
}
