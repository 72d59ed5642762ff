//! `flightdeck campaigns list`, `flights list` and `attribute --flight` through the
//! real binary on the demo workspace: ids to find, every model side by side whose
//! credits sum to the flight's orders, and the errors a user meets.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests: a panic is the failure report

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

#[test]
fn demo_flights_are_listed_and_attributed_with_every_model() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["demo", "--seed", "3", "--creators", "300"]);
    let campaigns = json(dir.path(), &["campaigns", "list", "--format", "json"]);
    assert_eq!(campaigns.as_array().unwrap().len(), 2);
    let flights = json(dir.path(), &["flights", "list", "--format", "json"]);
    let flights = flights.as_array().unwrap();
    assert_eq!(flights.len(), 4, "two flights per campaign");
    let of_first = campaigns[0]["flights"].as_array().unwrap();
    let only =
        json(dir.path(), &["flights", "list", "--campaign", campaigns[0]["id"].as_str().unwrap(), "--format", "json"]);
    assert_eq!(only.as_array().unwrap().len(), of_first.len());
    assert!(ok(dir.path(), &["flights", "list"]).contains("starts_on"));

    for flight in flights {
        let id = flight["id"].as_str().unwrap();
        let v = json(dir.path(), &["attribute", "--flight", id, "--model", "all", "--format", "json"]);
        assert_eq!(v["flight"], id);
        assert_eq!(v["models"].as_array().unwrap().len(), 8);
        let total = v["total_conversions"].as_f64().unwrap();
        let value = v["total_value_minor"].as_f64().unwrap();
        for m in v["models"].as_array().unwrap() {
            let sum =
                |field: &str| m["channels"].as_array().unwrap().iter().map(|c| c[field].as_f64().unwrap()).sum::<f64>();
            assert!(
                (sum("conversions") - total).abs() < 1e-6 * total.max(1.0),
                "{}: {} vs {total}",
                m["model"],
                sum("conversions")
            );
            assert!((sum("value_minor") - value).abs() < 1e-6 * value.max(1.0), "{}", m["model"]);
        }
    }
    let id = flights[0]["id"].as_str().unwrap();
    let table = ok(dir.path(), &["attribute", "--flight", id, "--model", "markov"]);
    assert!(table.contains("conversions credited per channel") && table.contains("markov per post"), "{table}");
    let csv = ok(dir.path(), &["attribute", "--flight", id, "--model", "last-touch,linear", "--format", "csv"]);
    assert!(csv.starts_with("channel,name,last_touch_conversions,last_touch_value_minor,linear_conversions"), "{csv}");
    let custom = json(
        dir.path(),
        &[
            "attribute",
            "--flight",
            id,
            "--model",
            "time-decay",
            "--half-life",
            "2",
            "--click-window",
            "28",
            "--code-policy",
            "code-only",
            "--position",
            "30,40,30",
            "--format",
            "json",
        ],
    );
    assert_eq!(custom["settings"]["half_life_days"], 2.0);
    assert_eq!(custom["settings"]["click_window_days"], 28);
    assert_eq!(custom["settings"]["code_policy"], "code-only");
    assert_eq!(custom["settings"]["position_based"][1], 0.4);
}

#[test]
fn a_user_is_told_what_went_wrong() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["workspace", "create", "acme"]);
    let out = flightdeck(dir.path(), &["attribute", "--flight", "fl_nothere", "--model", "linear"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no flight `fl_nothere` in workspace `acme`") && err.contains("flights list"), "{err}");
    let out = flightdeck(dir.path(), &["attribute", "--flight", "fl_x", "--model", "nonsense"]);
    assert_eq!(out.status.code(), Some(2), "an unknown model is a usage error");
    let out = flightdeck(dir.path(), &["attribute", "--flight", "fl_x", "--model", "linear", "--position", "50,50,50"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--position"));
    std::fs::write(dir.path().join("p.csv"), "path,total_conversions\na,1\n").unwrap();
    let out = flightdeck(dir.path(), &["attribute", "--paths", "p.csv", "--model", "linear", "--click-window", "28"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--click-window works with --flight only"));
    let out = flightdeck(dir.path(), &["attribute", "--paths", "p.csv", "--model", "time-decay"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("with --flight only"));
    let out = flightdeck(dir.path(), &["flights", "list", "--campaign", "ca_nothere"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("campaigns list"));
}
