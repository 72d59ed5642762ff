//! `shops add|list`, `orders list` and `erase` through the real binary: a shop is
//! registered from the command line, `flightdeck serve` accepts its documented
//! webhook deliveries (signed with the registered secret), the orders are listed, and
//! the shopper is erased.

#![allow(clippy::expect_used)] // a test: a panic is the failure report

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The secret the documented fixtures are signed with.
const SECRET: &str = "flightdeck-test-secret";

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

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../flightdeck-ingest/tests/fixtures").join(name)
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("an address").port()
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
    let port = free_port();
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

/// Posts the fixture `name` with its recorded headers to `path`; the answer's status.
async fn deliver(http: &reqwest::Client, base: &str, path: &str, name: &str) -> u16 {
    let body = std::fs::read(fixture(&format!("{name}.json"))).expect("fixture body");
    let text = std::fs::read_to_string(fixture(&format!("{name}.headers.json"))).expect("fixture headers");
    let headers: serde_json::Map<String, Value> = serde_json::from_str(&text).expect("headers JSON");
    let mut req = http.post(format!("{base}{path}")).body(body);
    for (k, v) in &headers {
        req = req.header(k.as_str(), v.as_str().expect("a header value"));
    }
    req.send().await.expect("the server answers").status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shop_added_on_the_command_line_is_accepted_listed_and_its_shopper_erased() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(d, &["workspace", "create", "linnenlab"]);

    let added =
        json(d, &["shops", "add", "--platform", "shopify", "--domain", "linnenlab.myshopify.com", "--secret", SECRET]);
    assert_eq!(added[0]["platform"], "shopify", "{added}");
    assert_eq!(added[0]["webhook_path"], "/webhooks/shopify", "{added}");
    let woo = flightdeck(d, &["shops", "add", "--platform", "woocommerce", "--domain", "https://linnenlab.nl/"])
        .status
        .code();
    assert_eq!(woo, Some(2), "--secret is required (a usage error)");
    let mut with_stdin = Command::new(env!("CARGO_BIN_EXE_flightdeck"))
        .current_dir(d)
        .env_remove("FLIGHTDECK_DB")
        .env_remove("FLIGHTDECK_WORKSPACE")
        .args(["shops", "add", "--platform", "woocommerce", "--domain", "https://linnenlab.nl/", "--secret", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("shops add runs");
    {
        use std::io::Write as _;
        let mut stdin = with_stdin.stdin.take().expect("stdin");
        writeln!(stdin, "{SECRET}").expect("the secret on stdin");
    }
    let out = with_stdin.wait_with_output().expect("shops add finishes");
    assert!(out.status.success(), "secret from stdin: {}", String::from_utf8_lossy(&out.stderr));

    let again = flightdeck(
        d,
        &["shops", "add", "--platform", "shopify", "--domain", "linnenlab.myshopify.com", "--secret", SECRET],
    );
    assert_eq!(again.status.code(), Some(1), "the same shop twice is a user error");
    assert!(!String::from_utf8_lossy(&again.stderr).is_empty(), "and says why");
    let short =
        flightdeck(d, &["shops", "add", "--platform", "shopify", "--domain", "b.myshopify.com", "--secret", "x"]);
    assert_eq!(short.status.code(), Some(1), "a one-character secret is refused");

    let listed = ok(d, &["shops", "list", "--format", "json"]);
    assert!(!listed.contains(SECRET), "secrets are never printed: {listed}");
    let shops: Value = serde_json::from_str(&listed).expect("JSON");
    let domains: Vec<&str> = shops.as_array().expect("a list").iter().filter_map(|s| s["domain"].as_str()).collect();
    assert_eq!(domains.len(), 2, "{shops}");
    assert!(domains.contains(&"linnenlab.myshopify.com") && domains.contains(&"linnenlab.nl"), "{domains:?}");

    let http = reqwest::Client::new();
    let (server, base) = serve(d, &http).await;
    assert_eq!(deliver(&http, &base, "/webhooks/shopify", "shopify_orders_create").await, 200);
    assert_eq!(deliver(&http, &base, "/webhooks/shopify", "shopify_refunds_create").await, 200);
    assert_eq!(deliver(&http, &base, "/webhooks/woocommerce", "woocommerce_order_created").await, 200);
    drop(server);

    let orders = json(d, &["orders", "list"]);
    let orders = orders.as_array().expect("a list");
    assert_eq!(orders.len(), 2, "{orders:?}");
    let shopify = orders.iter().find(|o| o["shop_platform"] == "shopify").expect("the Shopify order");
    assert_eq!(shopify["external_id"], "5820982911946154508");
    assert_eq!((shopify["total_minor"].as_i64(), shopify["refunded_minor"].as_i64()), (Some(8670), Some(7565)));
    assert_eq!(shopify["total"], "86.70");
    let table = ok(d, &["orders", "list", "--code", "janedoe15"]);
    assert_eq!(table.lines().count(), 3, "a header and both orders with the code:\n{table}");
    let all = ok(d, &["orders", "list"]);
    assert!(!all.to_lowercase().contains("devries@"), "no e-mail address is printed:\n{all}");

    let bad = flightdeck(d, &["erase", "--customer", "no-at-sign"]);
    assert_eq!(bad.status.code(), Some(1), "{}", String::from_utf8_lossy(&bad.stderr));
    let removed = json(d, &["erase", "--customer", "Zoe.deVries@example.nl"]);
    assert_eq!((removed["orders"].as_u64(), removed["refunds"].as_u64()), (Some(2), Some(1)), "{removed}");
    assert_eq!(json(d, &["orders", "list"]), Value::Array(vec![]), "the shopper's orders are gone");
    let told = flightdeck(d, &["erase", "--customer", "zoe.devries@example.nl"]);
    assert!(told.status.success());
    assert!(String::from_utf8_lossy(&told.stderr).contains("0 orders"), "says what it removed (nothing now)");
}

#[test]
fn retention_is_at_least_a_week_and_purges_once_on_request() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(d, &["demo", "--creators", "40"]);
    let short = flightdeck(d, &["serve", "--addr", "127.0.0.1:0", "--retain-days", "3"]);
    assert_eq!(short.status.code(), Some(1), "a retention shorter than the shops' retries is refused");
    assert!(
        String::from_utf8_lossy(&short.stderr).contains("at least 7"),
        "{}",
        String::from_utf8_lossy(&short.stderr)
    );
    let before = json(d, &["clicks", "list"]).as_array().map_or(0, Vec::len);
    assert!(before > 0, "the demo has clicks");
    let kept = json(d, &["erase", "--older-than", "36500"]);
    assert_eq!(kept["clicks"].as_u64(), Some(0), "nothing is a century old: {kept}");
    let purged = json(d, &["erase", "--older-than", "7"]);
    let after = json(d, &["clicks", "list"]).as_array().map_or(0, Vec::len);
    assert_eq!(purged["clicks"].as_u64(), Some((before - after) as u64), "says what it removed: {purged}");
}
