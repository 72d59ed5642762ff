//! Authorization of the JSON API over real HTTP: every role × every route family,
//! ids taken from another workspace (and guessed ones) answering exactly like
//! missing ids, no token 401, a role without the right 403, a creator token seeing
//! only its own creator, and the dashboard's session cookie with its CSRF header.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests: a panic is the failure report

mod api_support;

use api_support::{Tenant, World};
use flightdeck_store::Role;
use reqwest::Method;
use serde_json::{json, Value};

const ADMIN: Role = Role::Admin;
const MARKETER: Role = Role::Marketer;
const VIEWER: Role = Role::Viewer;
const CREATOR: Role = Role::Creator;

/// Sends a request with `token` and returns the status and JSON body.
async fn call(world: &World, token: Option<&str>, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let mut req = world.request(method, path);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    let response = req.send().await.expect("a response");
    let status = response.status().as_u16();
    let text = response.text().await.expect("a body");
    // JSON everywhere but the QR code (SVG).
    let body = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
    (status, body)
}

async fn get(world: &World, tenant: &Tenant, role: Role, path: &str) -> (u16, Value) {
    call(world, Some(tenant.token(role)), Method::GET, path, None).await
}

fn assert_error(status: u16, body: &Value, want: u16, code: &str, at: &str) {
    assert_eq!(status, want, "{at}: {body}");
    assert_eq!(body["error"]["code"], code, "{at}: {body}");
    assert!(body["error"]["message"].is_string(), "{at}: {body}");
}

/// The ids of `items`.
fn ids(body: &Value) -> Vec<String> {
    body["items"].as_array().expect("items").iter().map(|i| i["id"].as_str().expect("id").to_owned()).collect()
}

fn a_post() -> Value {
    json!({"platform": "instagram", "country": "NL", "caption": "Lekker! #ad", "relationship": "paid"})
}

/// Every route with a representative request: (method, path, body).
fn every_route(t: &Tenant) -> Vec<(Method, String, Option<Value>)> {
    let c = &t.creators[0];
    vec![
        (Method::GET, "/api/v1/creators".into(), None),
        (Method::GET, format!("/api/v1/creators/{c}"), None),
        (Method::GET, format!("/api/v1/creators/{c}/accounts"), None),
        (Method::GET, format!("/api/v1/creators/{c}/metrics"), None),
        (Method::GET, format!("/api/v1/creators/{c}/vetting"), None),
        (Method::POST, "/api/v1/compliance/check".into(), Some(a_post())),
        (Method::GET, "/api/v1/codes".into(), None),
        (Method::GET, "/api/v1/clicks".into(), None),
        (Method::GET, "/api/v1/orders".into(), None),
        (Method::GET, "/api/v1/links".into(), None),
        (
            Method::POST,
            "/api/v1/links".into(),
            Some(
                json!({"campaign": t.campaign.to_string(), "creator": c.to_string(), "destination": "https://shop.acme.nl/"}),
            ),
        ),
        (Method::GET, format!("/api/v1/links/{}/qr", t.links[0]), None),
        (Method::GET, "/api/v1/shops".into(), None),
        (Method::GET, "/api/v1/workspace".into(), None),
        (Method::GET, "/api/v1/flights".into(), None),
        (Method::GET, format!("/api/v1/flights/{}/attribution", t.flight), None),
        (Method::GET, "/api/v1/users".into(), None),
        (Method::GET, "/api/v1/tokens".into(), None),
        (Method::POST, "/api/v1/tokens".into(), Some(json!({"role": "viewer"}))),
        (Method::POST, "/api/v1/users".into(), Some(json!({"email": "new@acme.nl", "role": "viewer"}))),
        (Method::DELETE, "/api/v1/tokens/tk_000000000000000000000000".into(), None),
        (Method::POST, "/api/v1/erasure".into(), Some(json!({"customer": "nobody@example.com"}))),
    ]
}

/// Routes whose authorization is not a token's role: the document itself, and the
/// pixel (browsers on the brand's domains; see tests/events.rs).
const NOT_BY_ROLE: [(&str, &str); 3] =
    [("GET", "/api/v1/openapi.json"), ("POST", "/api/v1/events"), ("OPTIONS", "/api/v1/events")];

/// Whether a concrete path is an instance of a template (`/a/{id}/b`).
fn instance_of(path: &str, template: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path);
    let (p, t): (Vec<&str>, Vec<&str>) = (path.split('/').collect(), template.split('/').collect());
    p.len() == t.len() && p.iter().zip(&t).all(|(a, b)| a == b || b.starts_with('{'))
}

#[tokio::test]
async fn these_tests_cover_every_documented_route() {
    let world = World::start().await;
    let routes = every_route(&world.a);
    let doc = serde_json::to_value(flightdeck_server::api::openapi()).expect("document");
    for (template, item) in doc["paths"].as_object().expect("paths") {
        for method in ["get", "put", "post", "delete", "patch", "options", "head"] {
            if item.get(method).is_none() || NOT_BY_ROLE.contains(&(&*method.to_uppercase(), template.as_str())) {
                continue;
            }
            let covered =
                routes.iter().any(|(m, p, _)| m.as_str().eq_ignore_ascii_case(method) && instance_of(p, template));
            assert!(covered, "{method} {template} is not in tests/authz.rs every_route(): add it, and its row to each_role_on_each_route_family");
        }
    }
}

#[tokio::test]
async fn no_token_or_a_bad_token_is_401_on_every_route() {
    let world = World::start().await;
    for (method, path, body) in every_route(&world.a) {
        for token in [None, Some("fdk_not-a-token"), Some("garbage")] {
            let (status, got) = call(&world, token, method.clone(), &path, body.clone()).await;
            assert_error(status, &got, 401, "unauthorized", &format!("{method} {path} with {token:?}"));
        }
    }
}

/// What each role may do per route family: the status it gets.
#[tokio::test]
async fn each_role_on_each_route_family() {
    let world = World::start().await;
    let t = &world.a;
    let c0 = &t.creators[0];
    // (path, [admin, marketer, viewer, creator]) for reads.
    let reads: Vec<(String, [u16; 4])> = vec![
        ("/api/v1/creators".into(), [200, 200, 200, 200]),
        (format!("/api/v1/creators/{c0}"), [200, 200, 200, 200]),
        (format!("/api/v1/creators/{c0}/accounts"), [200, 200, 200, 200]),
        (format!("/api/v1/creators/{c0}/metrics"), [200, 200, 200, 200]),
        (format!("/api/v1/creators/{c0}/vetting"), [200, 200, 200, 200]),
        ("/api/v1/codes".into(), [200, 200, 200, 200]),
        ("/api/v1/clicks".into(), [200, 200, 200, 200]),
        ("/api/v1/orders".into(), [200, 200, 200, 200]),
        ("/api/v1/links".into(), [200, 200, 200, 200]),
        ("/api/v1/shops".into(), [200, 200, 200, 403]),
        ("/api/v1/workspace".into(), [200, 200, 200, 403]),
        ("/api/v1/flights".into(), [200, 200, 200, 403]),
        (format!("/api/v1/flights/{}/attribution", t.flight), [200, 200, 200, 403]),
        ("/api/v1/users".into(), [200, 403, 403, 403]),
        ("/api/v1/tokens".into(), [200, 403, 403, 403]),
    ];
    for (path, want) in &reads {
        for (role, want) in [ADMIN, MARKETER, VIEWER, CREATOR].into_iter().zip(want) {
            let (status, body) = get(&world, t, role, path).await;
            if *want == 403 {
                assert_error(status, &body, 403, "forbidden", &format!("{role} GET {path}"));
            } else {
                assert_eq!(status, *want, "{role} GET {path}: {body}");
            }
        }
    }
    assert_eq!(get(&world, t, VIEWER, &format!("/api/v1/links/{}/qr", t.links[0])).await.0, 200);
    // Writes.
    for (role, want) in [(ADMIN, 200), (MARKETER, 200), (VIEWER, 200), (CREATOR, 200)] {
        let (status, body) =
            call(&world, Some(t.token(role)), Method::POST, "/api/v1/compliance/check", Some(a_post())).await;
        assert_eq!(status, want, "{role} compliance: {body}");
        assert!(body["verdict"].is_string(), "{body}");
    }
    let link =
        json!({"campaign": t.campaign.to_string(), "creator": c0.to_string(), "destination": "https://shop.acme.nl/x"});
    for (role, want) in [(ADMIN, 201), (MARKETER, 201), (VIEWER, 403), (CREATOR, 403)] {
        let (status, body) = call(&world, Some(t.token(role)), Method::POST, "/api/v1/links", Some(link.clone())).await;
        assert_eq!(status, want, "{role} POST /api/v1/links: {body}");
    }
    for role in [MARKETER, VIEWER, CREATOR] {
        let token = Some(t.token(role));
        for (method, path, body) in [
            (Method::POST, "/api/v1/tokens", Some(json!({"role": "admin"}))),
            (Method::POST, "/api/v1/users", Some(json!({"email": "x@acme.nl", "role": "admin"}))),
            (Method::DELETE, &*format!("/api/v1/tokens/{}", t.admin_token_id), None),
            (Method::POST, "/api/v1/erasure", Some(json!({"customer": "nobody@example.com"}))),
        ] {
            let (status, got) = call(&world, token, method.clone(), path, body).await;
            assert_error(status, &got, 403, "forbidden", &format!("{role} {method} {path}"));
        }
    }
    // Only an admin erases a shopper; an unknown one removes nothing.
    let (status, body) = call(
        &world,
        Some(t.token(ADMIN)),
        Method::POST,
        "/api/v1/erasure",
        Some(json!({"customer": "nobody@example.com"})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["orders"], 0, "{body}");
    // The admin token still works: nobody else could revoke it.
    assert_eq!(get(&world, t, ADMIN, "/api/v1/workspace").await.0, 200);
}

#[tokio::test]
async fn admins_manage_tokens_and_users_shown_once() {
    let world = World::start().await;
    let t = &world.a;
    let admin = Some(t.token(ADMIN));
    let (status, made) =
        call(&world, admin, Method::POST, "/api/v1/tokens", Some(json!({"role": "viewer", "label": "bi"}))).await;
    assert_eq!(status, 201, "{made}");
    let secret = made["secret"].as_str().expect("the token once").to_owned();
    assert_eq!(call(&world, Some(&secret), Method::GET, "/api/v1/workspace", None).await.0, 200);
    let (_, listed) = get(&world, t, ADMIN, "/api/v1/tokens").await;
    assert!(!listed.to_string().contains(&secret), "a list never shows a token");
    let id = made["token"]["id"].as_str().expect("id");
    let (status, _) = call(&world, admin, Method::DELETE, &format!("/api/v1/tokens/{id}"), None).await;
    assert_eq!(status, 204);
    let (status, body) = call(&world, Some(&secret), Method::GET, "/api/v1/workspace", None).await;
    assert_error(status, &body, 401, "unauthorized", "a revoked token");
    // Another workspace's token id cannot be revoked from here: 404 as a missing one.
    let (status, body) =
        call(&world, admin, Method::DELETE, &format!("/api/v1/tokens/{}", world.b.admin_token_id), None).await;
    assert_error(status, &body, 404, "not_found", "revoking rival's token");
    assert_eq!(get(&world, &world.b, ADMIN, "/api/v1/workspace").await.0, 200, "rival's token still works");

    let (status, made) =
        call(&world, admin, Method::POST, "/api/v1/users", Some(json!({"email": "Eva@Acme.nl", "role": "marketer"})))
            .await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["user"]["email"], "eva@acme.nl");
    assert_eq!(made["password"].as_str().map(str::len), Some(24));
    for bad in [
        json!({"email": "eva@acme.nl", "role": "viewer"}),
        json!({"email": "x@acme.nl", "role": "root"}),
        json!({"email": "x@acme.nl", "role": "viewer", "password": "short"}),
        json!({"email": "x@acme.nl", "role": "creator"}),
        json!({"email": "x@acme.nl", "role": "creator", "creator": world.b.creators[0].to_string()}),
        json!({"role": "viewer"}),
    ] {
        let (status, body) = call(&world, admin, Method::POST, "/api/v1/users", Some(bad.clone())).await;
        assert_error(status, &body, 400, "invalid_request", &bad.to_string());
    }
    let (status, body) = call(
        &world,
        admin,
        Method::POST,
        "/api/v1/tokens",
        Some(json!({"role": "creator", "creator": world.b.creators[0].to_string()})),
    )
    .await;
    assert_error(status, &body, 400, "invalid_request", "a creator token bound to rival's creator");
}

#[tokio::test]
async fn ids_of_another_workspace_answer_like_missing_ones() {
    let world = World::start().await;
    let (a, b) = (&world.a, &world.b);
    let theirs = &b.creators[0];
    let missing = "cr_zzzzzzzzzzzzzzzz";
    for role in [ADMIN, MARKETER, VIEWER, CREATOR] {
        // To a creator every creator id but their own is forbidden alike.
        let (want, code) = if role == CREATOR { (403, "forbidden") } else { (404, "not_found") };
        for suffix in ["", "/accounts", "/metrics", "/vetting"] {
            let (s1, b1) = get(&world, a, role, &format!("/api/v1/creators/{theirs}{suffix}")).await;
            let (s2, b2) = get(&world, a, role, &format!("/api/v1/creators/{missing}{suffix}")).await;
            let (s3, b3) = get(&world, a, role, &format!("/api/v1/creators/not-an-id{suffix}")).await;
            assert_error(s1, &b1, want, code, &format!("{role}: rival's creator{suffix}"));
            assert_eq!((s1, &b1), (s2, &b2), "{role}: rival's id and a missing id look the same");
            assert_eq!((s1, &b1), (s3, &b3), "{role}: rival's id and a malformed id look the same");
        }
        let (s, body) = get(&world, a, role, &format!("/api/v1/links/{}/qr", b.links[0])).await;
        assert_error(s, &body, 404, "not_found", &format!("{role}: rival's link"));
    }
    for role in [ADMIN, MARKETER, VIEWER] {
        let (s1, b1) = get(&world, a, role, &format!("/api/v1/flights/{}/attribution", b.flight)).await;
        let (s2, b2) = get(&world, a, role, "/api/v1/flights/fl_zzzzzzzzzzzzzzzz/attribution").await;
        assert_error(s1, &b1, 404, "not_found", &format!("{role}: rival's flight"));
        assert_eq!((s1, &b1), (s2, &b2), "{role}: rival's flight and a missing one look the same");
    }
    // Filters with another workspace's ids find nothing.
    for (path, key) in [
        (format!("/api/v1/codes?creator={theirs}"), "codes"),
        (format!("/api/v1/codes?campaign={}", b.campaign), "codes"),
        (format!("/api/v1/clicks?creator={theirs}"), "clicks"),
        (format!("/api/v1/orders?creator={theirs}"), "orders"),
        (format!("/api/v1/links?creator={theirs}"), "links"),
    ] {
        let (status, body) = get(&world, a, ADMIN, &path).await;
        assert_eq!(status, 200, "{path}: {body}");
        assert_eq!(body["items"], json!([]), "{key}: {path}");
    }
    // A link for another workspace's creator or campaign is refused like a missing one.
    let link = json!({"campaign": a.campaign.to_string(), "creator": theirs.to_string(), "destination": "https://shop.acme.nl/"});
    let (status, body) = call(&world, Some(a.token(ADMIN)), Method::POST, "/api/v1/links", Some(link)).await;
    assert_error(status, &body, 404, "not_found", "a link for rival's creator");
    // Lists never show the other workspace's rows.
    let (_, all) = get(&world, a, ADMIN, "/api/v1/creators").await;
    assert_eq!(ids(&all).len(), 2);
    let text = [
        all,
        get(&world, a, ADMIN, "/api/v1/codes").await.1,
        get(&world, a, ADMIN, "/api/v1/clicks").await.1,
        get(&world, a, ADMIN, "/api/v1/orders").await.1,
        get(&world, a, ADMIN, "/api/v1/shops").await.1,
        get(&world, a, ADMIN, "/api/v1/links").await.1,
        get(&world, a, ADMIN, "/api/v1/users").await.1,
        get(&world, a, ADMIN, "/api/v1/tokens").await.1,
        get(&world, a, ADMIN, "/api/v1/flights").await.1,
    ]
    .iter()
    .map(Value::to_string)
    .collect::<String>();
    let foreign_ids = b.creators.iter().map(ToString::to_string).chain(b.orders.iter().map(ToString::to_string));
    for foreign in foreign_ids.chain([b.flight.to_string(), b.campaign.to_string(), b.shop.to_string()]) {
        assert!(!text.contains(&foreign), "rival's {foreign} leaked");
    }
    assert!(!text.contains("rival"), "nothing of rival shows");
}

#[tokio::test]
async fn a_creator_token_sees_only_its_own_creator() {
    let world = World::start().await;
    let t = &world.a;
    let (own, other) = (t.creators[0].to_string(), t.creators[1].to_string());
    let (_, body) = get(&world, t, CREATOR, "/api/v1/creators").await;
    assert_eq!(ids(&body), vec![own.clone()]);
    let (_, body) = get(&world, t, CREATOR, "/api/v1/creators?tier=mega&limit=1").await;
    assert_eq!(ids(&body), vec![own.clone()], "filters do not widen or hide the creator's own page");
    for suffix in ["", "/accounts", "/metrics", "/vetting"] {
        assert_eq!(get(&world, t, CREATOR, &format!("/api/v1/creators/{own}{suffix}")).await.0, 200);
        let (s, b) = get(&world, t, CREATOR, &format!("/api/v1/creators/{other}{suffix}")).await;
        assert_error(s, &b, 403, "forbidden", &format!("another creator{suffix}"));
    }
    let (_, codes) = get(&world, t, CREATOR, "/api/v1/codes").await;
    assert_eq!(ids(&codes), [t.codes[0].to_string()]);
    let (_, codes) = get(&world, t, CREATOR, &format!("/api/v1/codes?creator={other}")).await;
    assert_eq!(codes["items"], json!([]));
    let (_, clicks) = get(&world, t, CREATOR, "/api/v1/clicks").await;
    assert_eq!(ids(&clicks), [t.clicks[0].to_string()]);
    assert_eq!(clicks["items"][0]["creator"], own.as_str());
    let (_, orders) = get(&world, t, CREATOR, "/api/v1/orders").await;
    assert_eq!(ids(&orders), [t.orders[0].to_string()], "the order with the creator's code");
    let (_, links) = get(&world, t, CREATOR, "/api/v1/links").await;
    assert_eq!(links["items"].as_array().map(Vec::len), Some(1));
    let (s, b) = get(&world, t, CREATOR, &format!("/api/v1/links/{}/qr", t.links[1])).await;
    assert_error(s, &b, 404, "not_found", "another creator's link");

    // The whole workspace for everyone else; orders attributed by code and by click.
    let (_, orders) = get(&world, t, VIEWER, "/api/v1/orders").await;
    assert_eq!(ids(&orders).len(), 2);
    let by_id = |id: &str| orders["items"].as_array().unwrap().iter().find(|o| o["id"] == id).cloned().unwrap();
    assert_eq!(by_id(&t.orders[0].to_string())["creator"], own.as_str());
    assert_eq!(by_id(&t.orders[1].to_string())["creator"], other.as_str());
    assert_eq!(by_id(&t.orders[0].to_string())["total"], json!({"minor": 4995, "currency": "EUR"}));
}

#[tokio::test]
async fn lists_page_with_cursors_and_errors_have_one_shape() {
    let world = World::start().await;
    let t = &world.a;
    let (_, first) = get(&world, t, ADMIN, "/api/v1/creators?limit=1").await;
    let next = first["next"].as_str().expect("a next cursor").to_owned();
    let (_, second) = get(&world, t, ADMIN, &format!("/api/v1/creators?limit=1&cursor={next}")).await;
    assert_eq!(second["next"], Value::Null);
    let mut both = [ids(&first), ids(&second)].concat();
    both.sort();
    let mut all = ids(&get(&world, t, ADMIN, "/api/v1/creators").await.1);
    all.sort();
    assert_eq!(both, all);
    for path in ["/api/v1/codes", "/api/v1/clicks", "/api/v1/orders"] {
        let (_, p1) = get(&world, t, ADMIN, &format!("{path}?limit=1")).await;
        let cursor = p1["next"].as_str().expect("next");
        let (_, p2) = get(&world, t, ADMIN, &format!("{path}?limit=1&cursor={cursor}")).await;
        assert_eq!((ids(&p1).len(), ids(&p2).len(), &p2["next"]), (1, 1, &Value::Null), "{path}");
        assert_ne!(ids(&p1), ids(&p2), "{path}");
    }
    for bad in [
        "/api/v1/creators?limit=0",
        "/api/v1/creators?limit=x",
        "/api/v1/creators?cursor=nope",
        "/api/v1/creators?tier=giant",
        "/api/v1/creators?sort=random",
        "/api/v1/clicks?since=yesterday",
        "/api/v1/orders?limit=501",
    ] {
        let (status, body) = get(&world, t, ADMIN, bad).await;
        assert_error(status, &body, 400, "invalid_request", bad);
    }
    let (status, body) = get(&world, t, ADMIN, "/api/v1/nothing-here").await;
    assert_error(status, &body, 404, "not_found", "an unknown API path");
    let (status, body) = call(&world, Some(t.token(ADMIN)), Method::DELETE, "/api/v1/creators", None).await;
    assert_error(status, &body, 405, "method_not_allowed", "DELETE /api/v1/creators");
    let response = world
        .request(Method::POST, "/api/v1/compliance/check")
        .bearer_auth(t.token(ADMIN))
        .body("not json")
        .send()
        .await
        .expect("a response");
    assert_eq!(response.status().as_u16(), 400);
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body["error"]["code"], "invalid_request");
}

#[tokio::test]
async fn the_dashboard_session_cookie_works_and_writes_need_the_csrf_header() {
    let world = World::start().await;
    let t = &world.a;
    let cookie = format!("fd_session={}", t.admin_session);
    let response =
        world.request(Method::GET, "/api/v1/workspace").header("cookie", &cookie).send().await.expect("a response");
    assert_eq!(response.status().as_u16(), 200);
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body["name"], "acme");
    let post = |extra: Option<(&'static str, String)>| {
        let csrf = "c".repeat(43);
        let mut req = world
            .request(Method::POST, "/api/v1/tokens")
            .header("cookie", format!("{cookie}; fd_csrf={csrf}"))
            .json(&json!({"role": "viewer"}));
        if let Some((k, v)) = extra {
            req = req.header(k, v);
        }
        req.send()
    };
    let refused = post(None).await.expect("a response");
    assert_eq!(refused.status().as_u16(), 403, "a cookie-authenticated write without the CSRF header");
    let refused = post(Some(("x-csrf-token", "d".repeat(43)))).await.expect("a response");
    assert_eq!(refused.status().as_u16(), 403, "a wrong CSRF header");
    let accepted = post(Some(("x-csrf-token", "c".repeat(43)))).await.expect("a response");
    assert_eq!(accepted.status().as_u16(), 201);
    let expired = world
        .request(Method::GET, "/api/v1/workspace")
        .header("cookie", "fd_session=not-a-session")
        .send()
        .await
        .expect("a response");
    assert_eq!(expired.status().as_u16(), 401);
}
