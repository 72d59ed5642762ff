//! `flightdeck compliance check` run as the real binary: one post, JSON lines, stdin, tables,
//! and all-or-nothing errors that name the file and the line.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is the failure report

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const GOOD: &str = r##"{"platform": "instagram", "country": "NL", "relationship": "paid", "caption": "#advertentie Nieuwe jas", "paid_partnership_label": false}"##;
const VAGUE: &str = r##"{"platform": "instagram", "country": "NL", "relationship": "paid", "caption": "Nieuwe jas #spon", "paid_partnership_label": false}"##;
const BE_FR: &str = r##"{"platform": "instagram", "country": "BE", "language": "fr", "relationship": "paid", "caption": "#advertentie Nouvelle veste"}"##;

fn flightdeck(args: &[&str], dir: &Path, stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_flightdeck"))
        .args(args)
        .current_dir(dir)
        .env_remove("FLIGHTDECK_DB")
        .env_remove("FLIGHTDECK_WORKSPACE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn one_post_gives_one_json_object() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("post.json"), VAGUE.replace(", ", ",\n  ")).unwrap();
    let out = flightdeck(&["compliance", "check", "post.json", "--format", "json"], dir.path(), None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let results = json_lines(&out);
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["verdict"], "violation");
    assert_eq!(results[0]["findings"][0]["rule"], "NL-RSM-VAGUE-LABEL");
    let finding = results[0]["findings"][0].as_object().unwrap();
    let mut keys: Vec<&str> = finding.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["fix", "message", "rule", "severity"]);
    assert!(!dir.path().join("flightdeck.db").exists(), "checking needs no database");
}

#[test]
fn json_lines_give_one_result_per_line_in_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("posts.jsonl"), format!("{GOOD}\n{VAGUE}\n\n{BE_FR}\n")).unwrap();
    let out = flightdeck(&["--format", "json", "compliance", "check", "posts.jsonl"], dir.path(), None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let results = json_lines(&out);
    let verdicts: Vec<&str> = results.iter().map(|r| r["verdict"].as_str().unwrap()).collect();
    assert_eq!(verdicts, ["ok", "violation", "violation"]);
    assert_eq!(results[2]["findings"][0]["rule"], "BE-WER-LANGUAGE");
}

#[test]
fn reads_stdin_and_prints_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = flightdeck(&["compliance", "check", "-"], dir.path(), Some(&format!("{GOOD}\n{VAGUE}\n")));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("post") && lines[0].contains("verdict") && lines[0].contains("fix"), "{text}");
    assert!(lines[1].trim_start().starts_with("1  ok"), "{text}");
    assert!(lines[2].contains("NL-RSM-VAGUE-LABEL") && lines[2].contains("#spon"), "{text}");
}

#[test]
fn a_malformed_line_fails_naming_file_and_line_with_no_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("posts.jsonl"),
        format!("{GOOD}\n{VAGUE}\n{{\"caption\": \"x\", \"creator_age\": \"old\"}}\n"),
    )
    .unwrap();
    let out = flightdeck(&["compliance", "check", "posts.jsonl", "--format", "json"], dir.path(), None);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "all or nothing: {}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("posts.jsonl, line 3") && err.contains("creator_age"), "{err}");

    std::fs::write(dir.path().join("broken.jsonl"), format!("{GOOD}\n{{\"caption\": \n")).unwrap();
    let out = flightdeck(&["compliance", "check", "broken.jsonl"], dir.path(), None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.jsonl, line 2"));
}

#[test]
fn a_missing_file_is_a_user_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = flightdeck(&["compliance", "check", "nope.jsonl"], dir.path(), None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.jsonl"));
}
