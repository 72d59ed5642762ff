//! `GET /api/v1/creators/{id}/vetting` over real HTTP: the same report as the CLI's
//! `vet --format json` (the stored creator against the last scoring run), the stored
//! score, personas by name, and the API's roles and workspace isolation.

#![allow(clippy::expect_used)] // tests: a panic is the failure report

mod api_support;

use api_support::World;
use chrono::NaiveDate;
use flightdeck_core::domain::{AgeRange, Country, DailyMetrics, Language, Name, Persona, PersonaId};
use flightdeck_store::scoring::{self, Quiet};
use flightdeck_store::{AccountIdRef, MetricRow, Role};
use rand::SeedableRng;
use reqwest::Method;
use serde_json::Value;

fn persona() -> Persona {
    Persona {
        id: PersonaId::generate(&mut rand_chacha::ChaCha8Rng::seed_from_u64(3)),
        name: Name::parse("Foodie Fien").expect("name"),
        interests: vec!["food".to_owned()],
        age_range: AgeRange::new(25, 44).expect("ages"),
        countries: vec![Country::NL],
        languages: vec![Language::NL],
        values: vec![],
    }
}

/// 60 days of metrics for every account of the workspace, then a rescore.
async fn score(world: &World, tenant: &api_support::Tenant) {
    let store = world.store.as_ref();
    let ws = &tenant.workspace.id;
    store.save_personas(ws, &[persona()]).await.expect("personas");
    let start = NaiveDate::from_ymd_opt(2026, 5, 1).expect("date");
    let mut rows = Vec::new();
    for (n, id) in tenant.creators.iter().enumerate() {
        let creator = store.creator(ws, id).await.expect("creator").expect("stored");
        for account in &creator.accounts {
            let account = AccountIdRef::new(&account.id).expect("short id");
            for d in 0..60u64 {
                let followers = 12_000 + 25 * d;
                let metrics = DailyMetrics {
                    likes: Some(300 + 40 * n as u64 + d % 9 * 7),
                    comments: Some(12 + d % 4),
                    reach: Some(4_000 + d % 5 * 90),
                    posts: Some(100 + d / 3),
                    ..DailyMetrics::new(start + chrono::Duration::days(d as i64), followers)
                };
                rows.push(MetricRow { account, metrics });
            }
        }
    }
    let mut session = store.begin(ws).await.expect("session");
    session.upsert_metrics(&rows).await.expect("metrics");
    session.commit().await.expect("commit");
    scoring::rescore_workspace(store, &tenant.workspace, &Quiet).await.expect("rescore");
}

async fn get(world: &World, path: &str, token: Option<&str>) -> (u16, Value) {
    let mut req = world.request(Method::GET, path);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let r = req.send().await.expect("a response");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_vetting_route_explains_the_stored_score() {
    let world = World::start().await;
    score(&world, &world.a).await;
    let viewer = world.a.token(Role::Viewer);
    let id = &world.a.creators[1];
    let path = format!("/api/v1/creators/{id}/vetting");

    let (status, report) = get(&world, &path, Some(viewer)).await;
    assert_eq!(status, 200, "{report}");
    for key in
        ["creator", "persona", "scorable", "score", "confidence", "not_scorable_reason", "authenticity", "components"]
    {
        assert!(report.get(key).is_some(), "`{key}` missing: {report}");
    }
    assert_eq!(report["creator"], id.as_str());
    assert_eq!(report["persona"], Value::Null);
    let stored = world.store.stored_score(&world.a.workspace.id, id, None).await.expect("stored").expect("scored");
    assert_eq!(report["score"].as_f64(), stored.score, "the route gives the stored score");
    let explained =
        scoring::explain(world.store.as_ref(), &world.a.workspace, id, None).await.expect("explain").expect("a report");
    assert_eq!(report, serde_json::to_value(&explained).expect("JSON"), "the same report as `flightdeck vet`");

    let (status, for_persona) = get(&world, &format!("{path}?persona=foodie%20fien"), Some(viewer)).await;
    assert_eq!(status, 200);
    assert_eq!(for_persona["persona"], "Foodie Fien", "personas are found by name, ignoring case");
    let stored = world.store.stored_score(&world.a.workspace.id, id, Some("Foodie Fien")).await.expect("stored");
    assert_eq!(for_persona["score"].as_f64(), stored.and_then(|s| s.score));

    let (status, body) = get(&world, &format!("{path}?persona=Nobody"), Some(viewer)).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["error"]["code"].is_string() && body["error"]["message"].is_string(), "{body}");
    let (status, _) = get(&world, &path, None).await;
    assert_eq!(status, 401, "no token");
    let rival = world.b.token(Role::Admin);
    let (status, body) = get(&world, &path, Some(rival)).await;
    assert_eq!(status, 404, "another workspace's creator is not found: {body}");
    let (status, _) = get(&world, "/api/v1/creators/cr_doesnotexist2345/vetting", Some(viewer)).await;
    assert_eq!(status, 404);
}
