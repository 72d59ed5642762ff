//! `POST /api/v1/events` and `/p.js` over real HTTP: stored once per event id, the
//! click id kept only with consent, CORS only for the brand's own domains, server
//! events with a token.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests: a panic is the failure report

mod track_support;

use flightdeck_store::Role;
use serde_json::{json, Value};
use track_support::{client, TestServer, IPHONE};

const SHOP: &str = "https://shop.example.nl";

async fn click_id(server: &TestServer) -> String {
    let link = server.link("https://shop.example.nl/").await;
    let r = client().get(&link.url).header("user-agent", IPHONE).send().await.expect("a response");
    let location = r.headers().get("location").and_then(|v| v.to_str().ok()).expect("a Location").to_owned();
    let url = url::Url::parse(&location).expect("a URL");
    url.query_pairs().find(|(k, _)| k == "fd_cid").map(|(_, v)| v.into_owned()).expect("fd_cid")
}

async fn pixel(server: &TestServer, origin: Option<&str>, body: Value) -> reqwest::Response {
    let mut req = client()
        .post(format!("{}/api/v1/events?workspace={}", server.base, server.workspace.id))
        .header("content-type", "text/plain;charset=UTF-8")
        .body(body.to_string());
    if let Some(o) = origin {
        req = req.header("origin", o);
    }
    req.send().await.expect("a response")
}

fn allow_origin(r: &reqwest::Response) -> Option<String> {
    r.headers().get("access-control-allow-origin").and_then(|v| v.to_str().ok()).map(str::to_owned)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_is_stored_once_with_its_click_when_the_visitor_consents() {
    let server = TestServer::start().await;
    let cid = click_id(&server).await;
    let event = json!({"id": "3b0c-page-1", "type": "page_view", "consent": true, "fd_cid": cid});
    let first = pixel(&server, Some(SHOP), event.clone()).await;
    assert_eq!(first.status(), 202);
    assert_eq!(allow_origin(&first).as_deref(), Some(SHOP));
    let body: Value = first.json().await.expect("JSON");
    assert_eq!(body, json!({"id": "3b0c-page-1", "duplicate": false, "click_kept": true}));

    let again = pixel(&server, Some(SHOP), event).await;
    assert_eq!(again.status(), 200);
    let body: Value = again.json().await.expect("JSON");
    assert_eq!(body["duplicate"], true);

    let events = server.store.list_events(&server.workspace.id).await.expect("events");
    assert_eq!(events.len(), 1, "idempotent by event id");
    assert_eq!(events[0].click_id.as_deref(), Some(cid.as_str()));
    assert!(events[0].consent);
    let clicks = server.clicks().await;
    assert!(clicks[0].consent, "the click learns the visitor's consent from the pixel");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_consent_no_identifier_is_kept() {
    let server = TestServer::start().await;
    let cid = click_id(&server).await;
    let r =
        pixel(&server, Some("https://www.shop.example.nl"), json!({"id": "e-2", "type": "add_to_cart", "fd_cid": cid}))
            .await;
    assert_eq!(r.status(), 202);
    let body: Value = r.json().await.expect("JSON");
    assert_eq!(body["click_kept"], false);
    let events = server.store.list_events(&server.workspace.id).await.expect("events");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].click_id, None);
    assert!(!events[0].consent);
    assert!(!server.clicks().await[0].consent);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_is_only_for_the_brands_domains() {
    let server = TestServer::start().await;
    let event = json!({"id": "e-3", "type": "lead", "consent": true});
    for evil in ["https://evil.example.com", "https://shop.example.nl.evil.com", "null"] {
        let r = pixel(&server, Some(evil), event.clone()).await;
        assert_eq!(r.status(), 403, "{evil}");
        assert_eq!(allow_origin(&r), None, "{evil}");
    }
    let none = pixel(&server, None, event.clone()).await;
    assert_eq!(none.status(), 401, "neither an origin nor a token");
    assert!(server.store.list_events(&server.workspace.id).await.expect("events").is_empty());

    let url = format!("{}/api/v1/events?workspace={}", server.base, server.workspace.id);
    let preflight = |origin: &'static str| {
        client()
            .request(reqwest::Method::OPTIONS, &url)
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let ok = preflight(SHOP).await.expect("a response");
    assert_eq!(ok.status(), 204);
    assert_eq!(allow_origin(&ok).as_deref(), Some(SHOP));
    assert_eq!(ok.headers().get("access-control-allow-methods").and_then(|v| v.to_str().ok()), Some("POST"));
    let refused = preflight("https://evil.example.com").await.expect("a response");
    assert_eq!(refused.status(), 403);
    assert_eq!(allow_origin(&refused), None);

    let other = client()
        .post(format!("{}/api/v1/events?workspace=ws_nosuchworkspace", server.base))
        .header("origin", SHOP)
        .body(event.to_string())
        .send()
        .await
        .expect("a response");
    assert_eq!(other.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_events_use_a_token_and_may_carry_value_and_time() {
    let server = TestServer::start().await;
    let token = server.token(Role::Marketer).await;
    let at = (chrono::Utc::now() - chrono::Duration::hours(2)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let url = format!("{}/api/v1/events", server.base);
    let purchase = json!({"id": "order-1001", "type": "purchase", "consent": false, "value": "49.95", "currency": "eur", "at": at});
    let r = client().post(&url).bearer_auth(&token).json(&purchase).send().await.expect("a response");
    assert_eq!(r.status(), 202);
    assert_eq!(allow_origin(&r), None, "no CORS for server calls");
    let events = server.store.list_events(&server.workspace.id).await.expect("events");
    let value = events[0].value.expect("a value");
    assert_eq!((value.minor, value.currency.as_str()), (4995, "EUR"));
    assert_eq!(events[0].at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true), at);

    let viewer = server.token(Role::Viewer).await;
    let r = client()
        .post(&url)
        .bearer_auth(&viewer)
        .json(&json!({"id": "x", "type": "lead"}))
        .send()
        .await
        .expect("a response");
    assert_eq!(r.status(), 403);
    let r = client()
        .post(&url)
        .bearer_auth("fdk_wrong")
        .json(&json!({"id": "x", "type": "lead"}))
        .send()
        .await
        .expect("a response");
    assert_eq!(r.status(), 401);
    for bad in [
        json!({"id": "x", "type": "signup"}),
        json!({"type": "lead"}),
        json!({"id": "", "type": "lead"}),
        json!({"id": "y", "type": "purchase", "value": 49.95}),
        json!({"id": "y", "type": "purchase", "value": "49,95"}),
    ] {
        let r = client().post(&url).bearer_auth(&token).json(&bad).send().await.expect("a response");
        assert_eq!(r.status(), 400, "{bad}");
        let body: Value = r.json().await.expect("JSON");
        assert_eq!(body["error"]["code"], "invalid_request", "{bad}");
    }
    assert_eq!(server.store.list_events(&server.workspace.id).await.expect("events").len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pixel_script_is_served() {
    let server = TestServer::start().await;
    let r = client().get(format!("{}/p.js", server.base)).send().await.expect("a response");
    assert_eq!(r.status(), 200);
    let kind = r.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert!(kind.starts_with("text/javascript"), "{kind}");
    let body = r.text().await.expect("a body");
    assert!(body.contains("sendBeacon") && body.contains("fd_cid") && body.contains("consent"));
    assert!(body.len() < 4096, "small: {} bytes", body.len());
}
