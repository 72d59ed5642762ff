//! The redirect over real HTTP: UTMs set and the destination's own parameters kept,
//! the click stored (once) before the `302`, bots and link previews redirected but
//! kept out of the KPIs, `HEAD` not counted, unknown codes answered with a page,
//! refused destinations, and the cache following a changed destination.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests: a panic is the failure report

mod track_support;

use std::collections::HashSet;

use flightdeck_core::domain::AgentClass;
use flightdeck_core::tracking::LinkError;
use flightdeck_server::track::links::{create_link, list_links, NewLink, TrackError};
use track_support::{client, TestServer, IPHONE};

fn location(response: &reqwest::Response) -> url::Url {
    let raw = response.headers().get("location").expect("a Location header").to_str().expect("ASCII");
    url::Url::parse(raw).expect("an absolute URL")
}

fn query(url: &url::Url) -> Vec<(String, String)> {
    url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_redirect_sets_utms_keeps_parameters_and_stores_the_click_first() {
    let server = TestServer::start().await;
    let link = server.link("https://shop.example.nl/p/linnen?color=blue&size=m&color=red#reviews").await;
    assert_eq!(link.url, format!("{}/r/{}", server.base, link.code));

    let response = client()
        .get(&link.url)
        .header("user-agent", IPHONE)
        .header("referer", "https://l.instagram.com/?u=https%3A%2F%2Fexample")
        .header("cf-ipcountry", "nl")
        .send()
        .await
        .expect("a response");
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers().get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
    let to = location(&response);
    assert_eq!(to.host_str(), Some("shop.example.nl"));
    assert_eq!(to.path(), "/p/linnen");
    assert_eq!(to.fragment(), Some("reviews"));
    let pairs = query(&to);
    let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        ["color", "size", "color", "utm_source", "utm_medium", "utm_campaign", "utm_id", "utm_content", "fd_cid"],
        "the destination's own parameters first, in order, repeated ones too"
    );
    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_default();
    assert_eq!(get("color"), "blue");
    assert_eq!(get("utm_source"), "instagram");
    assert_eq!(get("utm_medium"), "social");
    assert_eq!(get("utm_campaign"), "zomer-2025");
    assert_eq!(get("utm_id"), server.campaign.as_str());
    assert_eq!(get("utm_content"), "janedoe");
    let cid = get("fd_cid");
    assert!(cid.starts_with("ck_"), "{cid}");

    // The click was committed before the 302 left: it is there right away.
    let clicks = server.clicks().await;
    assert_eq!(clicks.len(), 1);
    let click = &clicks[0];
    assert_eq!(click.id.as_str(), cid);
    assert_eq!(click.link_id.as_str(), link.id);
    assert_eq!(click.agent, AgentClass::Mobile);
    assert_eq!(click.referrer_host.as_deref(), Some("l.instagram.com"));
    assert_eq!(click.country.as_deref(), Some("NL"));
    assert!(!click.consent, "consent is unknown at the redirect");
    let hash = click.visitor_hash.as_deref().expect("a visitor hash");
    assert_eq!(hash.len(), 32);
    assert!(!hash.contains("127.0.0.1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_opt_out_keeps_no_visitor_hash_and_no_country_without_the_setting() {
    let server = TestServer::start().await;
    let link = server.link("https://shop.example.nl/").await;
    let response =
        client().get(&link.url).header("user-agent", IPHONE).header("sec-gpc", "1").send().await.expect("a response");
    assert_eq!(response.status(), 302);
    let clicks = server.clicks().await;
    assert_eq!(clicks.len(), 1);
    assert_eq!(clicks[0].visitor_hash, None);
    assert_eq!(clicks[0].country, None);
    assert_eq!(
        location(&response).query(),
        Some(&*format!(
            "utm_source=instagram&utm_medium=social&utm_campaign=zomer-2025&utm_id={}&utm_content=janedoe&fd_cid={}",
            server.campaign, clicks[0].id
        ))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bots_and_previews_are_redirected_but_left_out_of_the_kpis() {
    let server = TestServer::start().await;
    let link = server.link("https://shop.example.nl/").await;
    let agents = [
        IPHONE,
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "WhatsApp/2.23.20.0",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "TelegramBot (like TwitterBot)",
    ];
    for ua in agents {
        let response = client().get(&link.url).header("user-agent", ua).send().await.expect("a response");
        assert_eq!(response.status(), 302, "{ua}");
        assert!(query(&location(&response)).iter().any(|(k, _)| k == "fd_cid"));
    }
    let none = client().get(&link.url).send().await.expect("a response");
    assert_eq!(none.status(), 302, "no User-Agent: a bot, still redirected");

    let clicks = server.clicks().await;
    assert_eq!(clicks.len(), 7, "every click is stored");
    let humans = clicks.iter().filter(|c| c.agent.is_human()).count();
    assert_eq!(humans, 1);
    let views = list_links(server.store.as_ref(), &server.workspace.id, &server.base).await.expect("links");
    assert_eq!((views[0].clicks, views[0].bot_clicks), (1, 6));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn head_is_answered_without_counting() {
    let server = TestServer::start().await;
    let link = server.link("https://shop.example.nl/p?x=1").await;
    let response = client().head(&link.url).header("user-agent", IPHONE).send().await.expect("a response");
    assert_eq!(response.status(), 302);
    let to = location(&response);
    assert!(query(&to).iter().all(|(k, _)| k != "fd_cid"), "no click id for a click that is not stored");
    assert_eq!(to.query().map(|q| q.starts_with("x=1&utm_source=instagram")), Some(true));
    assert!(server.clicks().await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_codes_get_a_friendly_page() {
    let server = TestServer::start().await;
    for path in ["/r/Zz9Zz9Zz9", "/r/not-a-code", "/r/%3Cscript%3E"] {
        let response = client().get(format!("{}{path}", server.base)).send().await.expect("a response");
        assert_eq!(response.status(), 404, "{path}");
        let kind = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        assert!(kind.starts_with("text/html"), "{kind}");
        let body = response.text().await.expect("a body");
        assert!(body.contains("This link does not exist"), "{body}");
    }
    assert!(server.clicks().await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_destinations_make_no_link() {
    let server = TestServer::start().await;
    let refused = [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://evil.example.com/",
        "https://shop.example.nl.evil.com/",
        "https://evilshop.example.nl.attacker.io/",
        "https://user:pass@shop.example.nl/",
        "https://shop.example.nl@evil.com/",
        "http://127.0.0.1/",
        "https://shop.example.nl\\@evil.com/",
        "//evil.com/",
    ];
    for destination in refused {
        let new = NewLink {
            campaign: server.campaign.to_string(),
            creator: server.creator.to_string(),
            destination: destination.to_owned(),
            ..NewLink::default()
        };
        let result = create_link(server.store.as_ref(), &server.workspace, &new, &server.base).await;
        assert!(matches!(result, Err(TrackError::Destination(_))), "{destination}: {result:?}");
    }
    let new = NewLink {
        campaign: server.campaign.to_string(),
        creator: server.creator.to_string(),
        destination: "javascript:alert(1)".to_owned(),
        ..NewLink::default()
    };
    let err = create_link(server.store.as_ref(), &server.workspace, &new, &server.base).await.unwrap_err();
    assert!(matches!(err, TrackError::Destination(LinkError::Scheme { .. })));
    assert!(server.store.list_links(&server.workspace.id).await.expect("links").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_destination_reaches_the_cache() {
    let server = TestServer::start().await;
    let link = server.link("https://shop.example.nl/old").await;
    let first = client().get(&link.url).header("user-agent", IPHONE).send().await.expect("a response");
    assert_eq!(location(&first).path(), "/old");
    assert!(!server.state.track.cache.is_empty(), "the link is cached");
    let id = flightdeck_core::domain::LinkId::parse(&link.id).expect("id");
    let new_destination = "https://shop.example.nl/new?utm_source=instagram";
    let changed = server.store.set_link_destination(&server.workspace.id, &id, new_destination).await.expect("update");
    assert!(changed.is_some());
    // The change is announced asynchronously; the cache drops the entry within moments.
    let mut path = String::new();
    for _ in 0..50 {
        let again = client().get(&link.url).header("user-agent", IPHONE).send().await.expect("a response");
        path = location(&again).path().to_owned();
        if path == "/new" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(path, "/new");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_clicks_are_each_stored_once() {
    let server = TestServer::start().await;
    let link = server.link("https://shop.example.nl/").await;
    let http = client();
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (http, url) = (http.clone(), link.url.clone());
        tasks.push(tokio::spawn(async move {
            let mut ids = Vec::new();
            for _ in 0..40 {
                let r = http.get(&url).header("user-agent", IPHONE).send().await.expect("a response");
                assert_eq!(r.status(), 302);
                let cid = query(&location(&r)).into_iter().find(|(k, _)| k == "fd_cid").map(|(_, v)| v);
                ids.push(cid.expect("fd_cid"));
            }
            ids
        }));
    }
    let mut received = Vec::new();
    for t in tasks {
        received.extend(t.await.expect("a task"));
    }
    let stored: Vec<String> = server.clicks().await.into_iter().map(|c| c.id.to_string()).collect();
    assert_eq!(stored.len(), 320);
    let unique: HashSet<&String> = stored.iter().collect();
    assert_eq!(unique.len(), stored.len(), "no click twice");
    let received: HashSet<String> = received.into_iter().collect();
    assert_eq!(received, stored.into_iter().collect::<HashSet<_>>());
}
