//! Vetting through the real binary: accounts the engine has never seen, imported with
//! `import creators` + `import metrics`, and the demo workspace against its `--truth`
//! file. Creators with bought followers or hollow follower bases must be flagged
//! `suspicious` (recall ≥ 0.9) while ≤ 5 % of clean creators and ≤ 10 % of creators
//! with real viral growth are; `vet --format json` has the INTERFACES.md shape and
//! the score `creators list` shows.

#![allow(clippy::expect_used)] // helpers of tests: a panic is the failure report

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn flightdeck(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flightdeck"))
        .current_dir(dir)
        .env_remove("FLIGHTDECK_DB")
        .env_remove("FLIGHTDECK_WORKSPACE")
        .args(args)
        .output()
        .expect("the flightdeck binary runs")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = flightdeck(dir, args);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, args)).expect("JSON output")
}

/// Creator id → (name, suspicious) from `creators list --format json`.
fn verdicts(dir: &Path) -> HashMap<String, (String, Option<bool>)> {
    let list = json(dir, &["creators", "list", "--format", "json"]);
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|c| {
            let id = c["id"].as_str().expect("id").to_owned();
            (id, (c["name"].as_str().expect("name").to_owned(), c["suspicious"].as_bool()))
        })
        .collect()
}

/// A small, seeded generator (splitmix64), independent of the engine's own test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit().max(1e-12), self.unit());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
    fn lognormal(&mut self, sigma: f64) -> f64 {
        (sigma * self.normal() - sigma * sigma / 2.0).exp()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Clean,
    Viral,
    Bought,
    Hollow,
}

/// One synthetic account: its platform, handle and daily rows
/// (date, followers, posts, reach, views, likes, comments).
struct Synthetic {
    kind: Kind,
    platform: &'static str,
    handle: String,
    days: Vec<[u64; 6]>,
}

const DAYS: usize = 180;

fn account(rng: &mut Rng, i: usize, kind: Kind) -> Synthetic {
    let platform = ["instagram", "instagram", "tiktok", "youtube"][i % 4];
    let start = 10f64.powf(rng.range(3.4, 5.6));
    let growth = rng.range(0.0003, 0.0015);
    let size = (start / 10_000.0).powf(-0.12);
    let er = match platform {
        "tiktok" => 0.055,
        "youtube" => 0.04,
        _ => 0.03,
    } * size
        * rng.lognormal(0.3);
    let reach_rate = match platform {
        "tiktok" => 0.45,
        "youtube" => 0.3,
        _ => 0.28,
    } * size
        * rng.lognormal(0.25);
    let comment_ratio = rng.range(0.015, 0.05);
    let every = 2 + (i % 3) as u64;
    let real_share = if kind == Kind::Hollow { rng.range(0.08, 0.2) } else { 1.0 };
    let event = rng.range(45.0, 150.0) as usize;
    let jump = start * rng.range(0.15, 0.35);
    let purge = jump * rng.range(0.1, 0.4);
    let spike = rng.range(6.0, 14.0);
    let follow_rate = rng.range(0.02, 0.05);
    let (mut real, mut extra) = (start * real_share, 0.0f64);
    let mut days = Vec::with_capacity(DAYS);
    for d in 0..DAYS {
        let week = 1.0 + 0.15 * (std::f64::consts::TAU * d as f64 / 7.0).sin();
        real *= 1.0 + growth * week * rng.lognormal(0.5);
        let mut lift = 1.0;
        match kind {
            Kind::Bought if d == event || d == event + 1 => extra += jump / 2.0,
            Kind::Bought if d > event + 1 && d <= event + 41 => extra -= purge / 40.0,
            Kind::Viral if (event..event + 3).contains(&d) => lift = spike / f64::from(1 << (d - event)),
            _ => {}
        }
        let reach = real * reach_rate * week * lift * rng.lognormal(0.2);
        if kind == Kind::Viral && (event..event + 5).contains(&d) {
            let extra_reach = real * reach_rate * (spike - 1.0) * 1.75;
            real += extra_reach * follow_rate * [0.35, 0.3, 0.2, 0.1, 0.05][d - event];
        }
        let likes = real * er * week * lift * rng.lognormal(0.25);
        let comments = likes * comment_ratio * rng.lognormal(0.3);
        let followers = (real / real_share + extra + rng.normal() * (real / real_share).sqrt() * 0.3).max(1.0);
        days.push([
            followers.round() as u64,
            d as u64 / every + 40,
            reach.round() as u64,
            reach.round() as u64,
            likes.round() as u64,
            comments.round() as u64,
        ]);
    }
    Synthetic { kind, platform, handle: format!("acct{i:04}"), days }
}

fn workspace(seed: u64, n: usize) -> Vec<Synthetic> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|i| {
            let kind = match i % 16 {
                0..=9 => Kind::Clean,
                10 | 11 => Kind::Viral,
                12 | 13 => Kind::Bought,
                _ => Kind::Hollow,
            };
            account(&mut rng, i, kind)
        })
        .collect()
}

fn write_csvs(dir: &Path, accounts: &[Synthetic]) {
    let mut creators = String::from("creator,platform,handle,followers,country,language,niche\n");
    let mut metrics = String::from("platform,handle,date,followers,posts,reach,views,likes,comments\n");
    let first = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    for (i, a) in accounts.iter().enumerate() {
        let last = a.days.last().map_or(0, |d| d[0]);
        let (country, language) = if i % 3 == 0 { ("BE", "fr") } else { ("NL", "nl") };
        writeln!(creators, "Creator {i:04},{},{},{last},{country},{language},lifestyle", a.platform, a.handle)
            .expect("write");
        for (d, [followers, posts, reach, views, likes, comments]) in a.days.iter().enumerate() {
            let date = first + chrono::Duration::days(d as i64);
            let views = if a.platform == "youtube" { views.to_string() } else { String::new() };
            writeln!(
                metrics,
                "{},{},{date},{followers},{posts},{reach},{views},{likes},{comments}",
                a.platform, a.handle
            )
            .expect("write");
        }
    }
    std::fs::write(dir.join("creators.csv"), creators).expect("write creators.csv");
    std::fs::write(dir.join("metrics.csv"), metrics).expect("write metrics.csv");
}

fn rate(hits: &HashMap<Kind, (usize, usize)>, kind: Kind) -> f64 {
    hits.get(&kind).map_or(f64::NAN, |(h, n)| *h as f64 / (*n).max(1) as f64)
}

/// The contract keys of INTERFACES.md "Vetting output", with their components.
fn assert_contract_shape(report: &Value) {
    for key in
        ["creator", "persona", "scorable", "score", "confidence", "not_scorable_reason", "authenticity", "components"]
    {
        assert!(report.get(key).is_some(), "`{key}` missing from {report}");
    }
    assert!(["high", "medium", "low"].contains(&report["confidence"].as_str().expect("confidence")));
    let auth = &report["authenticity"];
    assert!(auth["suspicious"].is_boolean());
    let fake = auth["fake_share"].as_array().expect("fake_share");
    assert_eq!(fake.len(), 2);
    assert!(fake[0].as_f64() <= fake[1].as_f64(), "{fake:?}");
    assert!(!auth["reasons"].as_array().expect("reasons").is_empty(), "authenticity gives its reasons");
    let components = report["components"].as_array().expect("components");
    assert_eq!(components.len(), 6, "engagement, reach, authenticity, audience, fit, safety");
    let mut weights = 0.0;
    for c in components {
        let value = c["value"].as_f64().expect("value");
        assert!((0.0..=1.0).contains(&value), "{c}");
        weights += c["weight"].as_f64().expect("weight");
        assert!(!c["reason"].as_str().expect("reason").is_empty(), "{c}");
    }
    assert!((weights - 1.0).abs() < 0.01, "the weights of the assessed components sum to 1: {weights}");
    if report["scorable"] == true {
        let score = report["score"].as_f64().expect("a score");
        assert!((0.0..=100.0).contains(&score));
        assert!(report["not_scorable_reason"].is_null());
    } else {
        assert!(report["score"].is_null());
        assert!(report["not_scorable_reason"].as_str().is_some_and(|r| !r.is_empty()));
    }
}

#[test]
fn imported_accounts_never_seen_are_vetted_from_their_metrics() {
    let dir = tempfile::tempdir().expect("temp dir");
    let accounts = workspace(2026, 320);
    write_csvs(dir.path(), &accounts);
    ok(dir.path(), &["workspace", "create", "acme"]);
    ok(dir.path(), &["import", "creators", "creators.csv"]);
    let out = flightdeck(dir.path(), &["import", "metrics", "metrics.csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("scored 320 creator(s)"), "the import rescored");

    let by_name: HashMap<String, (String, Option<bool>)> =
        verdicts(dir.path()).into_iter().map(|(id, (name, s))| (name, (id, s))).collect();
    let mut hits: HashMap<Kind, (usize, usize)> = HashMap::new();
    let mut ids: HashMap<Kind, Vec<String>> = HashMap::new();
    for (i, a) in accounts.iter().enumerate() {
        let (id, suspicious) = by_name.get(&format!("Creator {i:04}")).expect("every creator is listed");
        let suspicious = suspicious.expect("every creator is scored after the import");
        let e = hits.entry(a.kind).or_default();
        e.0 += usize::from(suspicious);
        e.1 += 1;
        ids.entry(a.kind).or_default().push(id.clone());
    }
    eprintln!("{hits:?}");
    assert!(rate(&hits, Kind::Bought) >= 0.9, "bought followers recall: {hits:?}");
    assert!(rate(&hits, Kind::Hollow) >= 0.9, "hollow follower base recall: {hits:?}");
    assert!(rate(&hits, Kind::Clean) <= 0.05, "clean creators flagged: {hits:?}");
    assert!(rate(&hits, Kind::Viral) <= 0.10, "viral creators flagged: {hits:?}");

    let bought = json(dir.path(), &["vet", &ids[&Kind::Bought][0], "--format", "json"]);
    assert_contract_shape(&bought);
    assert_eq!(bought["scorable"], false);
    assert_eq!(bought["authenticity"]["suspicious"], true);
    let reason = bought["not_scorable_reason"].as_str().expect("reason");
    assert!(reason.starts_with("bought followers") || reason.starts_with("large fake share"), "{reason}");

    let listed = json(dir.path(), &["creators", "list", "--sort", "score", "--limit", "5", "--format", "json"]);
    for c in listed.as_array().expect("array") {
        let report = json(dir.path(), &["vet", c["id"].as_str().expect("id"), "--format", "json"]);
        assert_contract_shape(&report);
        assert_eq!(report["persona"], Value::Null);
        assert_eq!(report["score"], c["score"], "`vet` explains the very score the list sorts by");
    }
    let out = flightdeck(dir.path(), &["vet", &ids[&Kind::Clean][0], "--persona", "Nobody"]);
    assert_eq!(out.status.code(), Some(1), "an unknown persona is a user error");
    let out = flightdeck(dir.path(), &["vet", "cr_doesnotexist2345"]);
    assert_eq!(out.status.code(), Some(1), "an unknown creator is a user error");
    let table = ok(dir.path(), &["vet", &ids[&Kind::Clean][0]]);
    assert!(table.contains("component") && table.contains("engagement"), "{table}");
}

#[test]
fn the_demo_truth_is_found_and_lists_sort_by_stored_scores() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(dir.path(), &["demo", "--seed", "42", "--creators", "600", "--truth", "truth.json"]);
    let truth: Vec<Value> =
        serde_json::from_slice(&std::fs::read(dir.path().join("truth.json")).expect("truth")).expect("truth JSON");
    let verdicts = verdicts(dir.path());
    let mut hits: HashMap<String, (usize, usize)> = HashMap::new();
    for entry in &truth {
        let id = entry["creator"].as_str().expect("creator");
        let suspicious = verdicts.get(id).and_then(|v| v.1).expect("every demo creator is scored");
        let planted: Vec<&str> = entry["planted"]
            .as_array()
            .expect("planted")
            .iter()
            .filter_map(Value::as_str)
            .filter(|p| *p != "undisclosed_ad")
            .collect();
        let labels = if planted.is_empty() { vec!["clean"] } else { planted };
        for label in labels {
            let e = hits.entry(label.to_owned()).or_default();
            e.0 += usize::from(suspicious);
            e.1 += 1;
        }
    }
    eprintln!("{hits:?}");
    let rate = |label: &str| hits.get(label).map_or(f64::NAN, |(h, n)| *h as f64 / (*n).max(1) as f64);
    assert!(rate("bought_followers") >= 0.9, "{hits:?}");
    assert!(rate("hollow_followers") >= 0.9, "{hits:?}");
    assert!(rate("clean") <= 0.05, "{hits:?}");
    assert!(rate("viral") <= 0.10, "{hits:?}");

    let persona = "Bewuste Britt";
    let args = ["creators", "list", "--persona", persona, "--min-score", "60", "--sort", "score", "--format", "json"];
    let top = json(dir.path(), &args);
    let top = top.as_array().expect("array");
    assert!(!top.is_empty(), "some creators score 60 or more for {persona}");
    let scores: Vec<f64> = top.iter().map(|c| c["score"].as_f64().expect("a score")).collect();
    assert!(scores.iter().all(|s| *s >= 60.0), "{scores:?}");
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "sorted by score: {scores:?}");
    for c in top.iter().take(3) {
        let report =
            json(dir.path(), &["vet", c["id"].as_str().expect("id"), "--persona", persona, "--format", "json"]);
        assert_contract_shape(&report);
        assert_eq!(report["persona"], persona);
        assert_eq!(report["score"], c["score"], "the explained score is the listed one");
    }
}
