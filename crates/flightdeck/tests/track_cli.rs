//! `links`, `codes` and `clicks` through the real binary, on a small demo workspace
//! (brand domains `duinhart.nl`, `shop.duinhart.nl`).

#![allow(clippy::expect_used)] // helpers of tests: a panic is the failure report

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn flightdeck(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flightdeck"))
        .current_dir(dir)
        .env_remove("FLIGHTDECK_DB")
        .env_remove("FLIGHTDECK_WORKSPACE")
        .env("FLIGHTDECK_PUBLIC_URL", "https://go.duinhart.nl/")
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
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&ok(dir, &all)).expect("JSON")
}

fn demo() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(dir.path(), &["demo", "--creators", "60"]);
    let campaigns = json(dir.path(), &["campaigns", "list"]);
    let campaign = campaigns[0]["id"].as_str().expect("a campaign").to_owned();
    let creators = json(dir.path(), &["creators", "list", "--limit", "1"]);
    let creator = creators[0]["id"].as_str().expect("a creator").to_owned();
    (dir, campaign, creator)
}

#[test]
fn links_are_created_listed_and_refused() {
    let (dir, campaign, creator) = demo();
    let d = dir.path();
    let before = json(d, &["links", "list"]).as_array().map(Vec::len).unwrap_or(0);
    assert!(before > 0, "the demo has links");
    let url = ok(
        d,
        &[
            "links",
            "create",
            "--campaign",
            &campaign,
            "--creator",
            &creator,
            "--destination",
            "https://shop.duinhart.nl/p/linnen?kleur=zand",
            "--content",
            "Reel 1",
        ],
    );
    let url = url.trim();
    assert!(url.starts_with("https://go.duinhart.nl/r/"), "the short URL alone: {url}");
    let code = url.rsplit('/').next().expect("a code");

    let links = json(d, &["links", "list"]);
    let all = links.as_array().expect("an array");
    assert_eq!(all.len(), before + 1);
    let made = all.iter().find(|l| l["code"] == code).expect("the new link");
    let destination = made["destination"].as_str().expect("destination");
    assert!(destination.starts_with("https://shop.duinhart.nl/p/linnen?kleur=zand&utm_source="), "{destination}");
    assert!(destination.contains("&utm_medium=social&utm_campaign="), "{destination}");
    assert!(destination.ends_with("&utm_content=reel%201"), "{destination}");
    assert_eq!(made["clicks"], 0);

    let csv = ok(d, &["links", "list", "--format", "csv"]);
    assert!(csv.starts_with("id,code,url,campaign,creator,clicks,bot_clicks,created_at,destination\n"), "{csv}");
    let svg = ok(d, &["links", "qr", code]);
    assert!(svg.starts_with("<?xml") && svg.contains("<svg"), "{svg}");

    for (bad, says) in [
        ("javascript:alert(1)", "javascript"),
        ("https://evil.example.com/", "allowed domains"),
        ("https://user:pw@shop.duinhart.nl/", "credentials"),
        ("https://shop.duinhart.nl.evil.com/", "allowed domains"),
    ] {
        let out =
            flightdeck(d, &["links", "create", "--campaign", &campaign, "--creator", &creator, "--destination", bad]);
        assert_eq!(out.status.code(), Some(1), "{bad}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("--destination") && stderr.contains(says), "{bad}: {stderr}");
    }
    let out = flightdeck(
        d,
        &[
            "links",
            "create",
            "--campaign",
            "ca_nosuchcampaign",
            "--creator",
            &creator,
            "--destination",
            "https://duinhart.nl/",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no campaign"));
    assert_eq!(json(d, &["links", "list"]).as_array().map(Vec::len), Some(before + 1), "nothing refused was stored");

    let updated = json(d, &["links", "update", code, "--destination", "https://duinhart.nl/nieuw"]);
    let destination = updated["destination"].as_str().expect("destination");
    assert!(destination.starts_with("https://duinhart.nl/nieuw?utm_source="), "{destination}");
    assert!(destination.ends_with("&utm_content=reel%201"), "the UTMs stay: {destination}");
}

#[test]
fn codes_are_generated_unique_and_exported_for_the_shops() {
    let (dir, campaign, creator) = demo();
    let d = dir.path();
    let one = json(
        d,
        &["codes", "generate", "--campaign", &campaign, "--creator", &creator, "--prefix", "Test", "--percent", "15"],
    );
    let code = one[0]["code"].as_str().expect("a code").to_owned();
    assert!(code.starts_with("TEST-"), "{code}");
    assert_eq!(one[0]["percent_off"], 15);
    let all = json(d, &["codes", "generate", "--campaign", &campaign]);
    assert!(all.as_array().map(Vec::len).unwrap_or(0) > 1, "one per creator of the campaign");
    let listed = json(d, &["codes", "list"]);
    let mut seen: Vec<String> =
        listed.as_array().expect("codes").iter().filter_map(|c| c["code"].as_str()).map(str::to_uppercase).collect();
    let n = seen.len();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), n, "codes are unique case-insensitively");

    let shopify = ok(d, &["codes", "list", "--campaign", &campaign, "--export", "shopify"]);
    assert!(shopify.starts_with("Title,Command,Code,Type,Value\n"), "{shopify}");
    assert!(shopify.contains(&format!(",MERGE,{code},Percentage,-15\n")), "{shopify}");
    let file = d.join("woo.csv");
    ok(d, &["codes", "list", "--export", "woocommerce", "--out", file.to_str().expect("path")]);
    let woo = std::fs::read_to_string(&file).expect("the export");
    assert!(woo.starts_with("post_title,post_excerpt,post_status,discount_type,coupon_amount\n"), "{woo}");
    assert!(woo.contains(&format!("{code},")), "{woo}");

    let out = flightdeck(d, &["codes", "generate", "--campaign", &campaign, "--prefix=!!!"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--prefix"));
}

#[test]
fn clicks_are_listed_since_a_time() {
    let (dir, _, _) = demo();
    let d = dir.path();
    let all = json(d, &["clicks", "list"]);
    let all = all.as_array().expect("clicks");
    assert!(!all.is_empty(), "the demo has clicks");
    assert!(all.iter().any(|c| c["agent"] == "bot" || c["agent"] == "preview"), "bots are stored too");
    let none = json(d, &["clicks", "list", "--since", "2100-01-01"]);
    assert_eq!(none.as_array().map(Vec::len), Some(0));
    let middle = all[all.len() / 2]["at"].as_str().expect("a time").to_owned();
    let later = json(d, &["clicks", "list", "--since", &middle]);
    let later = later.as_array().expect("clicks");
    assert!(!later.is_empty() && later.len() < all.len());
    assert!(later.iter().all(|c| c["at"].as_str().unwrap_or("") >= middle.as_str()));
    let csv = ok(d, &["clicks", "list", "--format", "csv"]);
    assert!(csv.starts_with("id,link,at,agent,human,referrer,country,consent\n"));
    let out = flightdeck(d, &["clicks", "list", "--since", "yesterday"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--since"));
}
