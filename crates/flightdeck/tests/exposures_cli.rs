//! `import exposures` through the real binary, on the demo workspace: a file with bad
//! rows imports nothing and names line and column, `--skip-invalid` imports the good
//! rows, a re-import changes nothing; a shop order (a signed Shopify webhook to
//! `flightdeck serve`) of the shopper who saw a creator's post, with no click and no
//! code, is that creator's view-through conversion in `attribute --flight`; and
//! `erase --customer` removes the shopper's exposures.
//!
//! Hand-checked numbers: the order is 86.70 EUR (8670 minor units, no refunds), placed
//! 9 hours after the exposure by e-mail (inside the 1-day view window) and 8 hours
//! after the one by its click id; the creator had nothing in the flight before, so
//! their counts become exactly 1 view-through conversion worth 8670 and nothing else.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a test: a panic is the failure report

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const SECRET: &str = "flightdeck-test-secret";
const DOMAIN: &str = "linnenlab.myshopify.com";
/// The click id the order fixture carries in its note attributes (no stored click).
const ORDER_CLICK: &str = "ck_7fh3k2m9pq4xr8tz";

fn flightdeck(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flightdeck"))
        .current_dir(dir)
        .env_remove("FLIGHTDECK_DB")
        .env_remove("FLIGHTDECK_WORKSPACE")
        .env_remove("FLIGHTDECK_SHOP_SECRET")
        .args(args)
        .output()
        .expect("the flightdeck binary runs")
}

fn ok(dir: &Path, args: &[&str]) -> Output {
    let out = flightdeck(dir, args);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_slice(&ok(dir, &all).stdout).expect("JSON")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../flightdeck-ingest/tests/fixtures").join(name)
}

/// The server, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn serve(dir: &Path, http: &reqwest::Client) -> (Server, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(env!("CARGO_BIN_EXE_flightdeck"))
        .current_dir(dir)
        .env_remove("FLIGHTDECK_DB")
        .env_remove("FLIGHTDECK_WORKSPACE")
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("flightdeck serve starts");
    let server = Server(child);
    let base = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if http.get(format!("{base}/healthz")).send().await.is_ok_and(|r| r.status().is_success()) {
            return (server, base);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not come up on {base}");
}

/// The documented `orders/create` fixture of Zoë de Vries, moved into the flight (placed
/// 2026-06-10 18:00 UTC) and stripped of what would credit anyone else: no discount
/// codes, no UTMs. It keeps its click id (of no stored click). Signed with [`SECRET`].
async fn deliver_order(http: &reqwest::Client, base: &str) -> u16 {
    let mut order: Value =
        serde_json::from_slice(&std::fs::read(fixture("shopify_orders_create.json")).unwrap()).unwrap();
    order["created_at"] = "2026-06-10T20:00:00+02:00".into();
    order["processed_at"] = "2026-06-10T20:00:00+02:00".into();
    order["updated_at"] = "2026-06-10T20:00:02+02:00".into();
    order["discount_codes"] = Value::Array(Vec::new());
    order["landing_site"] = "/products/linnen-overshirt".into();
    order["referring_site"] = "".into();
    order["note_attributes"] = serde_json::json!([{"name": "fd_cid", "value": ORDER_CLICK}]);
    let body = serde_json::to_vec(&order).unwrap();
    let text = std::fs::read_to_string(fixture("shopify_orders_create.headers.json")).unwrap();
    let headers: serde_json::Map<String, Value> = serde_json::from_str(&text).unwrap();
    let signature = flightdeck_ingest::shop::signature::sign(SECRET.as_bytes(), &body);
    let mut req = http.post(format!("{base}/webhooks/shopify")).body(body);
    for (k, v) in &headers {
        if k != "X-Shopify-Hmac-Sha256" {
            req = req.header(k.as_str(), v.as_str().unwrap());
        }
    }
    req.header("X-Shopify-Hmac-Sha256", signature).send().await.expect("the server answers").status().as_u16()
}

/// The flight's attribution under last touch.
fn attribute(dir: &Path, flight: &str) -> Value {
    json(dir, &["attribute", "--flight", flight, "--model", "last-touch"])
}

/// The conversion counts of `creator` in an attribution, if they have any.
fn counts_of<'a>(v: &'a Value, creator: &str) -> Option<&'a Value> {
    v["conversions"].as_array().unwrap().iter().find(|c| c["creator"] == creator)
}

/// A creator with a unique name and no conversions in the flight yet: (id, name).
fn quiet_creator(dir: &Path, before: &Value) -> (String, String) {
    let creators = json(dir, &["creators", "list"]);
    let all = creators.as_array().unwrap();
    let named = |name: &str| all.iter().filter(|c| c["name"] == name).count();
    let pick = all
        .iter()
        .find(|c| named(c["name"].as_str().unwrap()) == 1 && counts_of(before, c["id"].as_str().unwrap()).is_none())
        .expect("a creator with nothing in the flight");
    (pick["id"].as_str().unwrap().to_owned(), pick["name"].as_str().unwrap().to_owned())
}

fn exposures_used(v: &Value) -> u64 {
    v["input"]["view_exposures"].as_u64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imported_exposures_make_view_through_conversions_and_are_erased_with_the_shopper() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["demo", "--seed", "3", "--creators", "300"]);
    let flights = json(d, &["flights", "list"]);
    let flight = flights[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(flights[0]["starts_on"], "2026-06-01", "{flights}");
    let campaigns = json(d, &["campaigns", "list"]);
    let campaign = campaigns
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == flights[0]["campaign_id"])
        .expect("the flight's campaign");
    let slug = campaign["slug"].as_str().unwrap().to_owned();
    let before = attribute(d, &flight);
    let demo_views = exposures_used(&before);
    assert!(demo_views > 0, "the demo stores exposures: {}", before["input"]);
    let (creator, name) = quiet_creator(d, &before);

    let good = format!(
        "seen_at,creator,campaign,customer_email,click_id,source\n\
         2026-06-10T09:00:00Z,{name},{slug},ZOE.deVries@example.NL,,meta-ads\n\
         2026-06-10T12:00:00+02:00,{creator},{slug},,{ORDER_CLICK},meta-ads\n"
    );
    let bad_rows = format!(
        "yesterday,{name},{slug},zoe.devries@example.nl,,meta-ads\n\
         2026-06-10,Nobody Here At All,{slug},zoe.devries@example.nl,,\n\
         2026-06-10,{name},{slug},,not-a-click,\n"
    );
    let file = d.join("views.csv");
    std::fs::write(&file, format!("{good}{bad_rows}")).unwrap();
    let refused = flightdeck(d, &["import", "exposures", "views.csv"]);
    assert!(!refused.status.success(), "bad rows refuse the whole file");
    let text = stderr(&refused);
    for wanted in [
        "views.csv: line 4, column `seen_at`",
        "views.csv: line 5, column `creator`",
        "views.csv: line 6, column `click_id`",
    ] {
        assert!(text.contains(wanted), "{wanted} in {text}");
    }
    assert!(text.contains("nothing imported") && !text.contains("example.nl"), "no address is echoed: {text}");
    assert_eq!(exposures_used(&attribute(d, &flight)), demo_views, "nothing was stored");

    let skipped = ok(d, &["import", "exposures", "views.csv", "--skip-invalid"]);
    assert!(stderr(&skipped).contains("imported 2 new view exposure(s)"), "{}", stderr(&skipped));
    std::fs::write(&file, &good).unwrap();
    let again = ok(d, &["import", "exposures", "views.csv"]);
    assert!(stderr(&again).contains("imported 0 new view exposure(s)"), "{}", stderr(&again));
    let views_only = attribute(d, &flight);
    assert_eq!(exposures_used(&views_only), demo_views + 2, "a re-import changes nothing");
    assert_eq!(views_only["total_conversions"], before["total_conversions"], "views alone are no orders");

    ok(d, &["shops", "add", "--platform", "shopify", "--domain", DOMAIN, "--secret", SECRET]);
    let http = reqwest::Client::new();
    let (server, base) = serve(d, &http).await;
    assert_eq!(deliver_order(&http, &base).await, 200);
    drop(server);

    let after = attribute(d, &flight);
    let total = |v: &Value| v["total_conversions"].as_f64().unwrap();
    assert!((total(&after) - total(&before) - 1.0).abs() < 1e-9, "one more order: {}", after["total_conversions"]);
    let mine = counts_of(&after, &creator).expect("the creator now has a conversion");
    assert_eq!(mine["name"], name.as_str());
    let got: Vec<i64> = [
        "view_through_conversions",
        "view_through_value_minor",
        "click_conversions",
        "code_conversions",
        "assisted_conversions",
    ]
    .iter()
    .map(|k| mine[k].as_i64().unwrap())
    .collect();
    assert_eq!(got, [1, 8670, 0, 0, 0], "{mine}");

    let removed = json(d, &["erase", "--customer", "zoe.devries@example.nl"]);
    assert_eq!((removed["orders"].as_u64(), removed["exposures"].as_u64()), (Some(1), Some(2)), "{removed}");
    let erased = attribute(d, &flight);
    assert_eq!(exposures_used(&erased), demo_views, "both exposures (by hash and by click id) are gone");
    assert!(counts_of(&erased, &creator).is_none(), "and with them the creator's conversion");
}
