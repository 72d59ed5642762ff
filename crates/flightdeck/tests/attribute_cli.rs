//! `flightdeck attribute --paths`: the real binary on small path files.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a panic is the failure report

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

const HEADER: &str = "path,total_conversions,total_conversion_value,total_null\n";

fn file(dir: &tempfile::TempDir, name: &str, body: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, body).unwrap();
    path
}

fn flightdeck(dir: &tempfile::TempDir, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flightdeck"))
        .current_dir(dir.path())
        .env_remove("FLIGHTDECK_DB")
        .env_remove("FLIGHTDECK_WORKSPACE")
        .args(args)
        .output()
        .unwrap()
}

fn json(out: &Output) -> Value {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn credits(v: &Value) -> Vec<(String, f64, f64)> {
    v["channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["channel"].as_str().unwrap().to_owned(),
                c["conversions"].as_f64().unwrap(),
                c["value"].as_f64().unwrap(),
            )
        })
        .collect()
}

fn assert_close(got: &[(String, f64, f64)], want: &[(&str, f64, f64)]) {
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((n, c, v), (wn, wc, wv)) in got.iter().zip(want) {
        assert_eq!(n, wn);
        assert!((c - wc).abs() <= 1e-9 * wc.abs().max(1.0) && (v - wv).abs() <= 1e-9 * wv.abs().max(1.0), "{got:?}");
    }
}

#[test]
fn markov_json_has_the_contract_shape_and_exact_values() {
    let dir = tempfile::tempdir().unwrap();
    let f = file(&dir, "p.csv", &format!("{HEADER}a > b,1,10,1\nb,1,20,0\na,0,0,1\n"));
    let out = flightdeck(&dir, &["attribute", "--paths", f.to_str().unwrap(), "--model", "markov", "--format", "json"]);
    let v = json(&out);
    assert_eq!(v["model"], "markov");
    assert_eq!(v["order"], 1);
    assert_eq!(v["approximate"], false);
    // Hand-computed in the core tests: RE_a = 2/3, RE_b = 1.
    assert_close(&credits(&v), &[("a", 0.8, 12.0), ("b", 1.2, 18.0)]);
}

#[test]
fn every_model_side_by_side_in_json_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let f = file(&dir, "p.csv", &format!("{HEADER}a > a > b,3,30,1\nb,1,0,0\nc > b,0,0,2\na > c > d > b,2,20,0\n"));
    let v =
        json(&flightdeck(&dir, &["attribute", "--paths", f.to_str().unwrap(), "--model", "all", "--format", "json"]));
    let models: Vec<&str> = v["models"].as_array().unwrap().iter().map(|m| m["model"].as_str().unwrap()).collect();
    assert_eq!(models, ["first-touch", "last-touch", "linear", "position-based", "markov", "shapley"]);
    assert_close(&credits(&v["models"][2]), &[("a", 2.5, 25.0), ("b", 2.5, 15.0), ("c", 0.5, 5.0), ("d", 0.5, 5.0)]);
    let out = flightdeck(&dir, &["attribute", "--paths", f.to_str().unwrap(), "--model", "all", "--format", "csv"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("channel,first_touch_conversions,first_touch_value,last_touch_conversions"));
    assert_eq!(lines.next().unwrap().split(',').take(3).collect::<Vec<_>>(), ["a", "5", "50"]);
    // A list of models: the heuristics that ChannelAttribution's heuristic_models gives.
    let args =
        ["attribute", "--paths", f.to_str().unwrap(), "--model", "first-touch,last-touch,linear", "--format", "json"];
    let v = json(&flightdeck(&dir, &args));
    let models: Vec<&str> = v["models"].as_array().unwrap().iter().map(|m| m["model"].as_str().unwrap()).collect();
    assert_eq!(models, ["first-touch", "last-touch", "linear"]);
}

#[test]
fn the_table_is_aligned_and_has_a_total() {
    let dir = tempfile::tempdir().unwrap();
    let f = file(&dir, "p.csv", &format!("{HEADER}insta > tiktok,2,100,0\ntiktok,1,50.5,3\n"));
    let out = flightdeck(&dir, &["attribute", "--paths", f.to_str().unwrap(), "--model", "linear"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "model: linear (exact)");
    assert_eq!(lines[1], "channel  conversions   value");
    assert_eq!(lines[2], "insta          1.000   50.00");
    assert_eq!(lines[3], "tiktok         2.000  100.50");
    assert_eq!(lines[4], "total          3.000  150.50");
}

#[test]
fn a_bad_number_names_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let f = file(&dir, "bad.csv", &format!("{HEADER}a > b,1,10,0\nb,one,0,0\n"));
    let out = flightdeck(&dir, &["attribute", "--paths", f.to_str().unwrap(), "--model", "shapley"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.csv: line 3, column 2 (total_conversions): expected a number, got `one`"), "{err}");
}

#[test]
fn a_missing_column_a_missing_file_and_a_bad_model_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = file(&dir, "h.csv", "route,conversions\na,1\n");
    let out = flightdeck(&dir, &["attribute", "--paths", f.to_str().unwrap(), "--model", "linear"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("h.csv: line 1: the header has no `path` column"));
    let out = flightdeck(&dir, &["attribute", "--paths", "nope.csv", "--model", "linear"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.csv"));
    let out = flightdeck(&dir, &["attribute", "--paths", f.to_str().unwrap(), "--model", "magic"]);
    assert_eq!(out.status.code(), Some(2));
    let out = flightdeck(&dir, &["attribute", "--paths", f.to_str().unwrap(), "--model", "markov", "--order", "0"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn markov_order_two_reports_its_order() {
    let dir = tempfile::tempdir().unwrap();
    let f = file(&dir, "p.csv", &format!("{HEADER}a > b > c,1,0,0\nb > c,1,0,1\na > c,0,0,1\n"));
    let args = ["attribute", "--paths", f.to_str().unwrap(), "--model", "markov", "--order", "2", "--format", "json"];
    let v = json(&flightdeck(&dir, &args));
    assert_eq!(v["order"], 2);
    assert_close(&credits(&v), &[("a", 2.0 / 7.0, 0.0), ("b", 6.0 / 7.0, 0.0), ("c", 6.0 / 7.0, 0.0)]);
}
