//! The dashboard in a real headless Chromium over WebDriver (Debian's `chromium` and
//! `chromium-driver`, found through `FLIGHTDECK_CHROMEDRIVER` / `FLIGHTDECK_CHROMIUM`
//! as `.ci/chromium.sh` exports them, else on `PATH`): sign in, find a creator, open
//! the profile, read the charts, create a tracking link, see a `<script>` caption as
//! text, use the creator portal. Screenshots of the main pages at laptop and phone
//! width go to `target/screenshots/`.
//!
//! Without Chromium the test fails when `CI=true` and is skipped (with a message)
//! otherwise.

#![allow(clippy::expect_used)] // tests: a panic is the failure report

mod web_support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use web_support::{DemoServer, ADMIN, CREATOR, XSS_NICHE};

/// Laptop and phone viewports.
const SIZES: [(&str, u32, u32); 2] = [("desktop", 1280, 900), ("phone", 390, 844)];

/// A chromedriver process, killed on drop.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn find_binary(var: &str, names: &[&str]) -> Option<PathBuf> {
    if let Ok(p) = std::env::var(var) {
        let p = PathBuf::from(p);
        if p.is_file() {
            return Some(p);
        }
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|dir| names.iter().map(move |n| dir.join(n))).find(|p| p.is_file())
}

/// Chromium and its driver, or `None` (a failure when `CI=true`).
fn browser() -> Option<(PathBuf, PathBuf)> {
    let driver = find_binary("FLIGHTDECK_CHROMEDRIVER", &["chromedriver"]);
    let chromium = find_binary("FLIGHTDECK_CHROMIUM", &["chromium", "chromium-browser", "google-chrome"]);
    match (driver, chromium) {
        (Some(d), Some(c)) => Some((d, c)),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but chromium or chromedriver is missing: run `source .ci/chromium.sh`")
        }
        _ => {
            eprintln!("skipped: chromium / chromedriver not found (run `source .ci/chromium.sh`)");
            None
        }
    }
}

async fn start_driver(binary: &Path) -> Driver {
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
    let child = Command::new(binary)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver { child, url: format!("http://127.0.0.1:{port}") };
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return driver;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not listen on port {port}");
}

async fn session(driver: &Driver, chromium: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".to_owned(),
        json!({
            "binary": chromium.display().to_string(),
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,900", "--lang=en-US", "--hide-scrollbars"]
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector).capabilities(caps).connect(&driver.url).await.expect("a WebDriver session")
}

fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).expect("the screenshot directory");
    dir
}

/// Saves a full-height screenshot of the current page at each size as `NAME-SIZE.png`.
async fn shoot(c: &Client, name: &str) {
    let dir = screenshot_dir();
    for (size, width, height) in SIZES {
        c.set_window_size(width, height).await.expect("resize");
        let full = c
            .execute("return Math.ceil(document.documentElement.scrollHeight)", vec![])
            .await
            .ok()
            .and_then(|v| v.as_u64())
            .unwrap_or(u64::from(height));
        let tall = u32::try_from(full.clamp(u64::from(height), 4000)).unwrap_or(height);
        c.set_window_size(width, tall).await.expect("resize to the page");
        let png = c.screenshot().await.expect("a screenshot");
        std::fs::write(dir.join(format!("{name}-{size}.png")), png).expect("write the screenshot");
    }
    c.set_window_size(1280, 900).await.expect("resize back");
}

async fn text(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("`{css}`: {e}")).text().await.expect("text")
}

async fn count(c: &Client, css: &str) -> usize {
    c.find_all(Locator::Css(css)).await.expect("find_all").len()
}

async fn sign_in(c: &Client, base: &str, who: (&str, &str)) {
    c.goto(&format!("{base}/login")).await.expect("the sign-in page");
    c.find(Locator::Id("email")).await.expect("e-mail field").send_keys(who.0).await.expect("type");
    c.find(Locator::Id("password")).await.expect("password field").send_keys(who.1).await.expect("type");
    c.find(Locator::Id("sign-in")).await.expect("the button").click().await.expect("click");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_in_a_real_browser() {
    let Some((driver_bin, chromium)) = browser() else { return };
    let s = DemoServer::start(120).await;
    let driver = start_driver(&driver_bin).await;
    let c = session(&driver, &chromium).await;
    let base = s.base.as_str();

    sign_in(&c, base, ADMIN).await;
    c.goto(&format!("{base}/login")).await.expect("login page once more");
    shoot(&c, "login").await;
    c.goto(&format!("{base}/?lang=en")).await.expect("overview");
    assert_eq!(c.current_url().await.expect("url").path(), "/", "signed in");
    assert!(count(&c, "#campaigns tbody tr").await >= 2, "the campaigns with their numbers");
    shoot(&c, "overview").await;

    // Find a creator: the search form, filtered by niche.
    c.goto(&format!("{base}/creators")).await.expect("creators");
    shoot(&c, "creators").await;
    c.find(Locator::Id("f-niche")).await.expect("niche filter").send_keys(XSS_NICHE).await.expect("type");
    c.find(Locator::Id("search")).await.expect("search button").click().await.expect("search");
    assert_eq!(count(&c, "a.creator-link").await, 1, "one creator in the niche");
    let name = text(&c, "a.creator-link").await;
    assert_eq!(name, "Sanne <Script> & Co", "the name shows as written");
    c.find(Locator::Css("a.creator-link")).await.expect("the creator").click().await.expect("open the profile");
    assert_eq!(text(&c, "#creator-name").await, name);

    // Read the charts: SVG with one point per day, the jump marked.
    let points = c
        .execute(
            "return ['followers-chart', 'engagement-chart'].map(function (k) { \
               var p = document.querySelector('svg.' + k + ' polyline'); \
               return p ? p.points.numberOfItems : 0; })",
            vec![],
        )
        .await
        .expect("read the charts");
    assert_eq!(points, json!([120, 120]), "both charts have one point per day");
    assert_eq!(count(&c, "svg.followers-chart circle.mark").await, 1, "the follower jump is marked");
    let caption = text(&c, ".post .caption").await;
    assert!(caption.starts_with("<script>window.__xss = 1</script>"), "the caption shows as text: {caption}");
    let xss = c.execute("return typeof window.__xss", vec![]).await.expect("script state");
    assert_eq!(xss, json!("undefined"), "the caption's script never ran");
    shoot(&c, "profile").await;

    // Create a tracking link from the profile.
    let dest = c.find(Locator::Id("l-destination")).await.expect("destination field");
    dest.send_keys("https://duinhart.nl/zonnebrand").await.expect("type");
    c.find(Locator::Id("create-link")).await.expect("create button").click().await.expect("create");
    let short = text(&c, "#short-url").await;
    assert!(short.starts_with(&format!("{base}/r/")), "the short URL: {short}");
    assert!(text(&c, "#destination").await.contains("utm_campaign="), "the UTMs");
    assert_eq!(count(&c, "svg.qr path").await, 1, "the QR code");
    shoot(&c, "link").await;
    let r = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .get(&short)
        .send()
        .await
        .expect("follow the short URL");
    assert_eq!(r.status().as_u16(), 302, "the new link redirects");

    // The compliance findings show the caption as text too.
    c.goto(&format!("{base}/compliance")).await.expect("compliance");
    assert!(count(&c, ".post.violation .findings .fix").await >= 1, "violations with their fixes");
    shoot(&c, "compliance").await;
    c.goto(&format!("{base}/compliance?creator={}", s.xss_creator)).await.expect("the creator's findings");
    assert!(text(&c, ".post.violation .caption").await.starts_with("<script>"), "as text on the findings");
    for page in ["links", "codes", "clicks", "orders", "attribution", "settings"] {
        c.goto(&format!("{base}/{page}")).await.expect(page);
        assert_eq!(count(&c, "h1").await, 1, "{page} renders");
        shoot(&c, page).await;
    }
    c.goto(&format!("{base}/?lang=nl")).await.expect("Dutch");
    assert_eq!(text(&c, "#campaigns-h").await, "Campagnes");
    shoot(&c, "overview-nl").await;

    // Keyboard: the first Tab reaches the skip link.
    c.goto(&format!("{base}/?lang=en")).await.expect("overview");
    c.find(Locator::Css("body")).await.expect("body").send_keys("\u{E004}").await.expect("Tab");
    let focused = c.execute("return document.activeElement.className", vec![]).await.expect("focus");
    assert_eq!(focused, json!("skip"), "the skip link comes first");

    // The creator portal, as the creator.
    c.find(Locator::Css("form[action='/logout'] button")).await.expect("sign out").click().await.expect("click");
    sign_in(&c, base, CREATOR).await;
    assert_eq!(c.current_url().await.expect("url").path(), "/portal");
    assert!(count(&c, ".portal-link").await >= 1, "the creator's links");
    shoot(&c, "portal").await;

    c.close().await.expect("close the browser");
}
