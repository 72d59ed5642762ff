//! `GET /api/v1/flights` and `GET /api/v1/flights/{id}/attribution` over real HTTP on
//! a real SQLite store: the numbers of a small flight by hand, every model side by
//! side, settings, and the rules of access (no token 401, a creator token 403, another
//! workspace's flight 404 exactly as a missing one).

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests: a panic is the failure report

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use flightdeck_core::domain::*;
use flightdeck_server::auth::accounts::create_token;
use flightdeck_server::AppState;
use flightdeck_store::{NewAccount, Record, Role, Store};
use flightdeck_store_sqlite::SqliteStore;
use serde_json::Value;

struct Server {
    base: String,
    store: Arc<dyn Store>,
    _dir: tempfile::TempDir,
}

fn id<T: std::str::FromStr>(raw: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    raw.parse().expect("an id")
}

fn eur(minor: i64) -> Money {
    Money::new(minor, Currency::EUR)
}

fn workspace(tag: &str) -> Workspace {
    Workspace {
        id: id(&format!("ws_{tag}")),
        name: WorkspaceName::parse(tag).unwrap(),
        brand: Brand {
            name: Name::parse(tag).unwrap(),
            allowed_domains: vec![],
            competitors: vec![],
            country: Country::parse("NL").unwrap(),
        },
    }
}

/// One workspace `tag` with creator Anna, a campaign with one flight (June 2025), her
/// reel (a deliverable with a link) and her code; two customers who clicked and
/// ordered (one also with the code) and one who only used the code.
async fn seed(store: &dyn Store, tag: &str) -> (Workspace, String) {
    let ws = workspace(tag);
    store.create_workspace(&ws).await.unwrap();
    let creator: CreatorId = id(&format!("cr_{tag}anna"));
    let account: AccountId = id(&format!("ac_{tag}anna"));
    let at = |day: u32, hour: u32| Utc.with_ymd_and_hms(2025, 6, day, hour, 0, 0).unwrap();
    let mut s = store.begin(&ws.id).await.unwrap();
    s.upsert_accounts(&[NewAccount {
        new_creator_id: creator.clone(),
        new_account_id: account.clone(),
        creator_name: Name::parse("Anna").unwrap(),
        platform: Platform::Instagram,
        handle: Handle::parse(&format!("anna{tag}")).unwrap(),
        followers: 20_000,
        country: None,
        language: None,
        niche: None,
        url: None,
        email_hash: None,
    }])
    .await
    .unwrap();
    let campaign: CampaignId = id(&format!("ca_{tag}"));
    let flight: FlightId = id(&format!("fl_{tag}"));
    let deliverable: DeliverableId = id(&format!("de_{tag}"));
    let link: LinkId = id(&format!("ln_{tag}"));
    let click = |n: u32, day: u32| Click {
        id: id(&format!("ck_{tag}{n}")),
        link_id: link.clone(),
        at: at(day, 9),
        agent: AgentClass::Mobile,
        referrer_host: None,
        country: None,
        consent: true,
        visitor_hash: None,
    };
    let order = |n: u32, day: u32, total: i64, code: bool, click: bool| Order {
        id: id(&format!("or_{tag}{n}")),
        shop_platform: "shopify".to_owned(),
        external_id: format!("{tag}-{n}"),
        placed_at: at(day, 12),
        total: eur(total),
        refunded: eur(0),
        codes: if code { vec![format!("ANNA{}", tag.to_uppercase())] } else { vec![] },
        utm_source: click.then(|| "instagram".to_owned()),
        utm_medium: click.then(|| "influencer".to_owned()),
        utm_campaign: click.then(|| "zomer".to_owned()),
        click_id: click.then(|| format!("ck_{tag}{n}")),
        customer_hash: Some(format!("h{tag}{n}")),
    };
    let records = vec![
        Record::Campaign(Campaign {
            id: campaign.clone(),
            name: Name::parse("Zomer").unwrap(),
            slug: "zomer".to_owned(),
            goal: Goal::Conversion,
            budget: eur(1_000_000),
            kpis: vec![],
            landing_url: None,
        }),
        Record::Flight(Flight {
            id: flight.clone(),
            campaign_id: campaign.clone(),
            name: Name::parse("Flight 1").unwrap(),
            starts_on: NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
            ends_on: NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
            budget: eur(400_000),
        }),
        Record::Deliverable(Deliverable {
            id: deliverable.clone(),
            contract_id: id(&format!("ct_{tag}")),
            account_id: account,
            format: PostFormat::Reel,
            due_on: NaiveDate::from_ymd_opt(2025, 6, 10).unwrap(),
            state: DeliverableState::Live,
            caption: "#ad".to_owned(),
            revisions_used: 0,
            live_url: None,
        }),
        Record::Link(TrackingLink {
            id: link.clone(),
            code: format!("L{tag}"),
            campaign_id: campaign.clone(),
            creator_id: creator.clone(),
            deliverable_id: Some(deliverable),
            destination: "https://shop.example.nl/".to_owned(),
            created_at: at(1, 8),
        }),
        Record::Code(DiscountCode {
            id: id(&format!("dc_{tag}")),
            code: format!("ANNA{}", tag.to_uppercase()),
            campaign_id: campaign,
            creator_id: Some(creator),
            percent_off: 10,
        }),
        Record::Click(click(1, 11)),
        Record::Click(click(2, 12)),
        Record::Click(click(4, 14)),
        Record::Order(order(1, 11, 5_000, true, true)),
        Record::Order(order(2, 12, 3_000, false, true)),
        Record::Order(order(3, 13, 2_000, true, false)),
    ];
    s.insert_records(&records).await.unwrap();
    s.commit().await.unwrap();
    (ws, flight.to_string())
}

async fn start() -> (Server, Workspace, String, Workspace, String) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("attr.db").display());
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&url).await.unwrap());
    let (a, fa) = seed(store.as_ref(), "acme").await;
    let (b, fb) = seed(store.as_ref(), "beta").await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = AppState::new(store.clone());
    tokio::spawn(async move {
        let _ = flightdeck_server::serve(listener, state, std::future::pending()).await;
    });
    (Server { base, store, _dir: dir }, a, fa, b, fb)
}

async fn token(s: &Server, ws: &Workspace, role: Role, creator: Option<&str>) -> String {
    create_token(s.store.as_ref(), &ws.id, role, creator, "test").await.unwrap().1
}

async fn get(s: &Server, path: &str, token: Option<&str>) -> (u16, Value) {
    let mut req = reqwest::Client::new().get(format!("{}{path}", s.base));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

fn credit(model: &Value, channel: &str) -> (f64, f64) {
    let c = model["channels"].as_array().unwrap().iter().find(|c| c["channel"] == channel).unwrap();
    (c["conversions"].as_f64().unwrap(), c["value_minor"].as_f64().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flight_is_attributed_with_every_model_side_by_side() {
    let (s, a, flight, _, _) = start().await;
    let viewer = token(&s, &a, Role::Viewer, None).await;
    let (status, v) = get(&s, &format!("/api/v1/flights/{flight}/attribution"), Some(&viewer)).await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["flight"], flight);
    assert_eq!((v["journeys"]["converting"].as_u64(), v["journeys"]["non_converting"].as_u64()), (Some(3), Some(1)));
    assert_eq!((v["total_conversions"].as_f64(), v["total_value_minor"].as_i64()), (Some(3.0), Some(10_000)));
    let models: Vec<&str> = v["models"].as_array().unwrap().iter().map(|m| m["model"].as_str().unwrap()).collect();
    assert_eq!(
        models,
        ["first-touch", "last-touch", "last-non-direct", "linear", "time-decay", "position-based", "markov", "shapley"]
    );
    // Only Anna touched the flight's orders: every model gives her all 3 orders and 100 EUR.
    for m in v["models"].as_array().unwrap() {
        assert_eq!(credit(m, "creator:cr_acmeanna"), (3.0, 10_000.0), "{}", m["model"]);
        assert_eq!(m["approximate"], false);
    }
    let anna = v["conversions"].as_array().unwrap().iter().find(|c| c["channel"] == "creator:cr_acmeanna").unwrap();
    // Order 1: click then code (the code decides); order 2: the click; order 3: the code alone.
    assert_eq!((anna["click_conversions"].as_u64(), anna["code_conversions"].as_u64()), (Some(1), Some(2)));
    assert_eq!(anna["name"], "Anna");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_model_posts_formats_and_settings() {
    let (s, a, flight, _, _) = start().await;
    let t = token(&s, &a, Role::Marketer, None).await;
    let path = format!("/api/v1/flights/{flight}/attribution?model=linear&code_policy=link-wins&click_window=28");
    let (status, v) = get(&s, &path, Some(&t)).await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["settings"]["code_policy"], "link-wins");
    assert_eq!(v["settings"]["click_window_days"], 28);
    let m = &v["models"][0];
    assert_eq!(m["model"], "linear");
    // Order 1 is click + code: half each; order 2 the reel, order 3 the code.
    let posts = m["posts"].as_array().unwrap();
    let reel = posts.iter().find(|p| p["kind"] == "post").unwrap();
    assert_eq!(
        (reel["format"].as_str(), reel["platform"].as_str(), reel["conversions"].as_f64()),
        (Some("reel"), Some("instagram"), Some(1.5))
    );
    assert_eq!(reel["value_minor"].as_f64(), Some(2_500.0 + 3_000.0));
    let formats: Vec<(String, f64)> = m["formats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["format"].as_str().unwrap().to_owned(), f["conversions"].as_f64().unwrap()))
        .collect();
    assert_eq!(formats, [("reel".to_owned(), 1.5), ("code".to_owned(), 1.5)], "equal conversions: more value first");
    let (status, v) =
        get(&s, &format!("/api/v1/flights/{flight}/attribution?model=markov,shapley&order=2"), Some(&t)).await;
    assert_eq!((status, v["models"].as_array().map(Vec::len)), (200, Some(2)));
    assert_eq!(v["settings"]["markov_order"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_settings_are_400_with_the_field_named() {
    let (s, a, flight, _, _) = start().await;
    let t = token(&s, &a, Role::Viewer, None).await;
    for (query, field) in [
        ("model=magic", "model"),
        ("click_window=0", "click_window"),
        ("code_policy=whatever", "code_policy"),
        ("position=50,50,50", "position"),
        ("half_life=-1", "half_life"),
        ("order=0", "order"),
    ] {
        let (status, v) = get(&s, &format!("/api/v1/flights/{flight}/attribution?{query}"), Some(&t)).await;
        assert_eq!(status, 400, "{query}: {v}");
        assert_eq!(v["error"]["code"], "invalid_request", "{query}: {v}");
        assert!(v["error"]["message"].as_str().unwrap().contains(field), "{query}: {v}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn access_is_checked_and_workspace_scoped() {
    let (s, a, flight, b, other) = start().await;
    let path = format!("/api/v1/flights/{flight}/attribution");
    let (status, v) = get(&s, &path, None).await;
    assert_eq!(status, 401, "{v}");
    assert!(v["error"]["code"].is_string());
    let creator = token(&s, &a, Role::Creator, Some("cr_acmeanna")).await;
    assert_eq!(get(&s, &path, Some(&creator)).await.0, 403);
    assert_eq!(get(&s, "/api/v1/flights", Some(&creator)).await.0, 403);
    let viewer = token(&s, &a, Role::Viewer, None).await;
    let (other_status, other_body) = get(&s, &format!("/api/v1/flights/{other}/attribution"), Some(&viewer)).await;
    let (missing_status, missing_body) = get(&s, "/api/v1/flights/fl_nothere/attribution", Some(&viewer)).await;
    assert_eq!((other_status, missing_status), (404, 404));
    assert_eq!(other_body, missing_body, "another workspace's flight answers exactly as a missing one");
    assert_eq!(get(&s, "/api/v1/flights/not-an-id/attribution", Some(&viewer)).await.0, 404);
    // The other workspace sees its own flight only.
    let theirs = token(&s, &b, Role::Viewer, None).await;
    let (status, v) = get(&s, "/api/v1/flights", Some(&theirs)).await;
    assert_eq!(status, 200);
    let ids: Vec<&str> = v["items"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [other.as_str()]);
    assert_eq!(v["items"][0]["campaign"], "Zomer");
    assert_eq!(v["next"], Value::Null);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_lists_the_routes() {
    let (s, ..) = start().await;
    let (status, v) = get(&s, "/api/v1/openapi.json", None).await;
    assert_eq!(status, 200);
    assert!(v["paths"]["/api/v1/flights"]["get"].is_object());
    let op = &v["paths"]["/api/v1/flights/{id}/attribution"]["get"];
    let params: Vec<&str> = op["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    for p in ["id", "model", "click_window", "view_window", "code_policy", "half_life", "position", "order"] {
        assert!(params.contains(&p), "{p} in {params:?}");
    }
}
