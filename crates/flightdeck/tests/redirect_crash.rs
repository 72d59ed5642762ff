//! The crash test of the redirect: the real `flightdeck serve` under load from several
//! clients is killed with SIGKILL; after a restart every click whose `302` a client
//! received is in the store, and none is there twice.

#![allow(clippy::expect_used)] // a test: a panic is the failure report

use std::collections::HashSet;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

const IPHONE: &str =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1";

fn flightdeck(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flightdeck"))
        .current_dir(dir)
        .env_remove("FLIGHTDECK_DB")
        .env_remove("FLIGHTDECK_WORKSPACE")
        .args(args)
        .output()
        .expect("the flightdeck binary runs")
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = flightdeck(dir, &all);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("an address").port()
}

fn serve(dir: &Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_flightdeck"))
        .current_dir(dir)
        .env_remove("FLIGHTDECK_DB")
        .env_remove("FLIGHTDECK_WORKSPACE")
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("flightdeck serve starts")
}

async fn wait_healthy(http: &reqwest::Client, port: u16) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let answer = http.get(format!("http://127.0.0.1:{port}/healthz")).send().await;
        if answer.is_ok_and(|r| r.status().is_success()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not come up on port {port}");
}

/// The `fd_cid` of a redirect's `Location`.
fn click_id(response: &reqwest::Response) -> Option<String> {
    let location = response.headers().get("location")?.to_str().ok()?;
    let url = url::Url::parse(location).ok()?;
    url.query_pairs().find(|(k, _)| k == "fd_cid").map(|(_, v)| v.into_owned())
}

/// Follows `url` until a request fails (the server died) or `stop` is set, keeping
/// the click id of every `302` received.
async fn hammer(http: reqwest::Client, url: String, received: Arc<Mutex<Vec<String>>>, stop: Arc<AtomicBool>) {
    while !stop.load(Ordering::Relaxed) {
        let Ok(response) = http.get(&url).header("user-agent", IPHONE).send().await else { return };
        if response.status() != 302 {
            return;
        }
        let Some(cid) = click_id(&response) else { return };
        received.lock().expect("the list").push(cid);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_redirect_a_client_received_survives_sigkill_exactly_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let out = flightdeck(d, &["demo", "--creators", "60"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let links = json(d, &["links", "list"]);
    let codes: Vec<String> =
        links.as_array().expect("links").iter().filter_map(|l| l["code"].as_str()).map(str::to_owned).take(4).collect();
    assert!(!codes.is_empty(), "the demo has links");

    let port = free_port();
    let mut server = serve(d, port);
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("an HTTP client");
    wait_healthy(&http, port).await;

    let received = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for n in 0..8 {
        let url = format!("http://127.0.0.1:{port}/r/{}", codes[n % codes.len()]);
        tasks.push(tokio::spawn(hammer(http.clone(), url, received.clone(), stop.clone())));
    }
    // Kill mid-load: once a good number of redirects went through, with requests in flight.
    let deadline = Instant::now() + Duration::from_secs(60);
    while received.lock().expect("the list").len() < 400 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.kill().expect("SIGKILL");
    let status = server.wait().expect("the killed server");
    assert!(!status.success(), "the server was killed, not stopped");
    for task in tasks {
        let _ = tokio::time::timeout(Duration::from_secs(15), task).await;
    }
    stop.store(true, Ordering::Relaxed);
    let received: Vec<String> = received.lock().expect("the list").clone();
    assert!(received.len() >= 400, "load before the kill: {} redirects", received.len());

    let mut restarted = serve(d, port);
    wait_healthy(&http, port).await;
    let after = http
        .get(format!("http://127.0.0.1:{port}/r/{}", codes[0]))
        .header("user-agent", IPHONE)
        .send()
        .await
        .expect("a redirect after the restart");
    assert_eq!(after.status(), 302);
    let after_cid = click_id(&after).expect("fd_cid");

    let stored = json(d, &["clicks", "list"]);
    let stored: Vec<String> =
        stored.as_array().expect("clicks").iter().filter_map(|c| c["id"].as_str()).map(str::to_owned).collect();
    let unique: HashSet<&str> = stored.iter().map(String::as_str).collect();
    assert_eq!(unique.len(), stored.len(), "no click is stored twice");
    let missing: Vec<&String> = received.iter().filter(|cid| !unique.contains(cid.as_str())).collect();
    assert!(
        missing.is_empty(),
        "{} of {} redirected clicks are lost: {:?}",
        missing.len(),
        received.len(),
        &missing[..missing.len().min(5)]
    );
    let received_unique: HashSet<&String> = received.iter().collect();
    assert_eq!(received_unique.len(), received.len(), "every redirect got its own click id");
    assert!(unique.contains(after_cid.as_str()));
    let extra = unique.len() - received_unique.len();
    eprintln!(
        "{} redirects received before SIGKILL, all stored once; {extra} other stored clicks (demo, in flight, after)",
        received.len()
    );

    let _ = restarted.kill();
    let _ = restarted.wait();
}
