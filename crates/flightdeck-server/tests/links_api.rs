//! `/api/v1/links` over real HTTP: the link engine of the CLI with the API's roles,
//! errors and paging, the QR code, and the OpenAPI document.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests: a panic is the failure report

mod track_support;

use flightdeck_store::Role;
use serde_json::{json, Value};
use track_support::{client, TestServer, IPHONE};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_are_created_listed_and_drawn() {
    let server = TestServer::start().await;
    let marketer = server.token(Role::Marketer).await;
    let url = format!("{}/api/v1/links", server.base);
    let new = json!({"campaign": server.campaign, "creator": server.creator,
        "destination": "https://shop.example.nl/linnen?size=m", "content": "Reel 1", "medium": "paid_social"});
    let r = client().post(&url).bearer_auth(&marketer).json(&new).send().await.expect("a response");
    assert_eq!(r.status(), 201);
    let link: Value = r.json().await.expect("JSON");
    let code = link["code"].as_str().expect("a code").to_owned();
    assert_eq!(link["url"], format!("{}/r/{code}", server.base));
    assert_eq!(
        link["destination"],
        format!("https://shop.example.nl/linnen?size=m&utm_source=instagram&utm_medium=paid_social&utm_campaign=zomer-2025&utm_id={}&utm_content=reel%201", server.campaign)
    );
    let followed =
        client().get(link["url"].as_str().expect("url")).header("user-agent", IPHONE).send().await.expect("a response");
    assert_eq!(followed.status(), 302);
    let bot = client()
        .get(link["url"].as_str().expect("url"))
        .header("user-agent", "Twitterbot/1.0")
        .send()
        .await
        .expect("a response");
    assert_eq!(bot.status(), 302);

    let viewer = server.token(Role::Viewer).await;
    let page: Value =
        client().get(&url).bearer_auth(&viewer).send().await.expect("a response").json().await.expect("JSON");
    assert_eq!(page["next"], Value::Null);
    assert_eq!(page["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(page["items"][0]["clicks"], 1);
    assert_eq!(page["items"][0]["bot_clicks"], 1);

    let creator = server.token(Role::Creator).await;
    let own: Value =
        client().get(&url).bearer_auth(&creator).send().await.expect("a response").json().await.expect("JSON");
    assert_eq!(own["items"].as_array().map(Vec::len), Some(1), "a creator sees their own links");

    let qr = client().get(format!("{url}/{code}/qr")).bearer_auth(&viewer).send().await.expect("a response");
    assert_eq!(qr.status(), 200);
    assert_eq!(qr.headers().get("content-type").and_then(|v| v.to_str().ok()), Some("image/svg+xml"));
    assert!(qr.text().await.expect("svg").contains("<svg"));
    let missing =
        client().get(format!("{url}/ln_nosuchlink/qr")).bearer_auth(&viewer).send().await.expect("a response");
    assert_eq!(missing.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_links_and_roles() {
    let server = TestServer::start().await;
    let marketer = server.token(Role::Marketer).await;
    let url = format!("{}/api/v1/links", server.base);
    for destination in ["javascript:alert(1)", "https://evil.example.com/", "https://admin:pw@shop.example.nl/"] {
        let new = json!({"campaign": server.campaign, "creator": server.creator, "destination": destination});
        let r = client().post(&url).bearer_auth(&marketer).json(&new).send().await.expect("a response");
        assert_eq!(r.status(), 400, "{destination}");
        let body: Value = r.json().await.expect("JSON");
        assert_eq!(body["error"]["code"], "invalid_request");
        assert!(body["error"]["message"].as_str().unwrap_or("").starts_with("destination:"), "{body}");
    }
    let unknown =
        json!({"campaign": "ca_nosuchcampaign", "creator": server.creator, "destination": "https://shop.example.nl/"});
    let r = client().post(&url).bearer_auth(&marketer).json(&unknown).send().await.expect("a response");
    assert_eq!(r.status(), 404);
    let new =
        json!({"campaign": server.campaign, "creator": server.creator, "destination": "https://shop.example.nl/"});
    let r = client().post(&url).json(&new).send().await.expect("a response");
    assert_eq!(r.status(), 401);
    let viewer = server.token(Role::Viewer).await;
    let r = client().post(&url).bearer_auth(&viewer).json(&new).send().await.expect("a response");
    assert_eq!(r.status(), 403);
    assert!(server.store.list_links(&server.workspace.id).await.expect("links").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_lists_the_tracking_routes() {
    let server = TestServer::start().await;
    let doc: Value = client()
        .get(format!("{}/api/v1/openapi.json", server.base))
        .send()
        .await
        .expect("a response")
        .json()
        .await
        .expect("JSON");
    let paths = &doc["paths"];
    assert!(paths["/api/v1/events"]["post"].is_object());
    assert!(paths["/api/v1/events"]["options"].is_object());
    assert!(paths["/api/v1/links"]["post"].is_object());
    assert!(paths["/api/v1/links"]["get"].is_object());
    assert!(paths["/api/v1/links/{id}/qr"]["get"].is_object());
}
