//! The foundation's promises, through the real binary: imports are all-or-nothing
//! with errors naming line and column, re-imports change nothing, and the demo is
//! deterministic and covers every tier and platform.

#![allow(clippy::expect_used)] // helpers of tests: a panic is the failure report

use std::path::Path;
use std::process::{Command, Output};

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

fn creators_json(dir: &Path) -> Vec<serde_json::Value> {
    serde_json::from_str(&ok(dir, &["creators", "list", "--format", "json"])).expect("JSON array")
}

const GOOD_AND_BAD: &str = "creator,platform,handle,followers,country\n\
    Jane Doe,instagram,janedoe,12000,NL\n\
    Piet Jansen,tiktok,pietj,abc,BE\n\
    Jane Doe,youtube,JaneDoeTV,150000,NL\n";

#[test]
fn a_bad_row_imports_nothing_and_names_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(dir.path(), &["workspace", "create", "acme"]);
    std::fs::write(dir.path().join("c.csv"), GOOD_AND_BAD).expect("write");
    let out = flightdeck(dir.path(), &["import", "creators", "c.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 3"), "{stderr}");
    assert!(stderr.contains("followers"), "{stderr}");
    assert!(creators_json(dir.path()).is_empty(), "nothing imported");

    let out = flightdeck(dir.path(), &["import", "creators", "c.csv", "--skip-invalid"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let creators = creators_json(dir.path());
    assert_eq!(creators.len(), 1, "Jane with two accounts");
    assert_eq!(creators[0]["name"], "Jane Doe");
    assert_eq!(creators[0]["tier"], "macro");
    assert_eq!(creators[0]["accounts"].as_array().map(Vec::len), Some(2));
}

#[test]
fn reimporting_the_same_files_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(dir.path(), &["workspace", "create", "acme"]);
    let creators = "creator,platform,handle,followers\nAnna,instagram,anna,5000\nBob,tiktok,bob,2000000\n";
    std::fs::write(dir.path().join("c.csv"), creators).expect("write");
    let metrics = "platform,handle,date,followers,likes\ninstagram,anna,2026-01-01,4990,100\n\
        instagram,ANNA,2026-01-02,5000,120\ntiktok,bob,2026-01-01,2000000,\n";
    std::fs::write(dir.path().join("m.csv"), metrics).expect("write");
    ok(dir.path(), &["import", "creators", "c.csv"]);
    ok(dir.path(), &["import", "metrics", "m.csv"]);
    let first = creators_json(dir.path());
    let anna = first.iter().find(|c| c["name"] == "Anna").expect("Anna");
    let id = anna["id"].as_str().expect("id").to_owned();
    let shown_first = ok(dir.path(), &["creators", "show", &id, "--format", "json"]);
    ok(dir.path(), &["import", "creators", "c.csv"]);
    ok(dir.path(), &["import", "metrics", "m.csv"]);
    assert_eq!(creators_json(dir.path()), first);
    let shown = ok(dir.path(), &["creators", "show", &id, "--format", "json"]);
    assert_eq!(shown, shown_first);
    let view: serde_json::Value = serde_json::from_str(&shown).expect("JSON");
    assert_eq!(view["accounts"][0]["metric_days"], 2);
}

#[test]
fn metrics_for_unknown_accounts_are_rejected_with_their_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(dir.path(), &["workspace", "create", "acme"]);
    std::fs::write(dir.path().join("m.csv"), "platform,handle,date,followers\ninstagram,ghost,2026-01-01,10\n")
        .expect("write");
    let out = flightdeck(dir.path(), &["import", "metrics", "m.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 2") && stderr.contains("handle"), "{stderr}");
}

#[test]
fn usage_errors_exit_2_and_unknown_ids_exit_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_eq!(flightdeck(dir.path(), &["creators", "list", "--sort", "sideways"]).status.code(), Some(2));
    ok(dir.path(), &["workspace", "create", "acme"]);
    let out = flightdeck(dir.path(), &["creators", "show", "cr_doesnotexist2345"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(flightdeck(dir.path(), &["creators", "list", "--tier", "giant"]).status.code(), Some(1));
}

#[test]
fn the_demo_is_deterministic_and_covers_every_tier_and_platform() {
    let a = tempfile::tempdir().expect("temp dir");
    let b = tempfile::tempdir().expect("temp dir");
    for dir in [&a, &b] {
        ok(dir.path(), &["demo", "--seed", "7", "--creators", "400", "--truth", "truth.json"]);
    }
    let list_a = ok(a.path(), &["creators", "list", "--format", "json"]);
    assert_eq!(list_a, ok(b.path(), &["creators", "list", "--format", "json"]), "same seed, same bytes");
    let truth_a = std::fs::read(a.path().join("truth.json")).expect("truth");
    assert_eq!(truth_a, std::fs::read(b.path().join("truth.json")).expect("truth"));

    let creators: Vec<serde_json::Value> = serde_json::from_str(&list_a).expect("JSON");
    assert_eq!(creators.len(), 400);
    for tier in ["emerging", "nano", "micro", "macro", "mega"] {
        assert!(creators.iter().any(|c| c["tier"] == tier), "tier {tier} missing");
    }
    for platform in ["instagram", "tiktok", "youtube", "twitch", "podcast", "blog", "linkedin", "newsletter"] {
        let found = creators
            .iter()
            .flat_map(|c| c["accounts"].as_array().cloned().unwrap_or_default())
            .any(|a| a["platform"] == platform);
        assert!(found, "platform {platform} missing");
    }
    let truth: Vec<serde_json::Value> = serde_json::from_slice(&truth_a).expect("truth JSON");
    assert_eq!(truth.len(), 400);
    let planted = truth
        .iter()
        .filter(|t| t["planted"].as_array().is_some_and(|p| p.iter().any(|x| x != "viral" && x != "undisclosed_ad")))
        .count();
    assert!((12..=32).contains(&planted), "about 5 % planted, got {planted}");
}
