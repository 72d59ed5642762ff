//! The JSON API on hostile input, over real HTTP: the server errors found next to
//! the schemathesis run (see docs/api.md) and their neighbours. Every answer must be
//! a JSON error or a success, never a 5xx or a dropped connection.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests: a panic is the failure report

mod api_support;

use api_support::World;
use flightdeck_store::Role;
use reqwest::Method;
use serde_json::Value;

/// Sends `method path` with the admin token of the first workspace (and `body` as
/// JSON); the status and the JSON body. Panics on a dropped connection.
async fn admin(world: &World, method: Method, path: &str, body: Option<&str>) -> (u16, Value) {
    let mut req = world.request(method.clone(), path).bearer_auth(world.a.token(Role::Admin));
    if let Some(b) = body {
        req = req.header("content-type", "application/json").body(b.to_owned());
    }
    let response = req.send().await.unwrap_or_else(|e| panic!("{method} {path}: no answer ({e})"));
    let status = response.status().as_u16();
    let text = response.text().await.expect("a body");
    let json = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
    (status, json)
}

fn assert_invalid(status: u16, body: &Value, at: &str) {
    assert_eq!(status, 400, "{at}: {body}");
    assert_eq!(body["error"]["code"], "invalid_request", "{at}: {body}");
}

/// The server still answers (a panic in a handler drops only its connection).
async fn assert_alive(world: &World) {
    assert_eq!(admin(world, Method::GET, "/api/v1/workspace", None).await.0, 200);
}

/// Found probing the edges of the documented parameters: `GET /api/v1/links?cursor=18446744073709551615` overflowed
/// `offset + limit` and dropped the connection.
#[tokio::test]
async fn a_link_cursor_at_the_end_of_the_numbers_is_an_empty_page() {
    let world = World::start().await;
    for cursor in ["18446744073709551615", "18446744073709551614&limit=1000", "9223372036854775807"] {
        let path = format!("/api/v1/links?cursor={cursor}");
        let (status, body) = admin(&world, Method::GET, &path, None).await;
        assert_eq!(status, 200, "{path}: {body}");
        assert_eq!(body["items"], Value::Array(vec![]), "{path}: {body}");
        assert_eq!(body["next"], Value::Null, "{path}: {body}");
    }
    let (status, body) = admin(&world, Method::GET, "/api/v1/links?cursor=18446744073709551616", None).await;
    assert_invalid(status, &body, "a cursor past u64");
    assert_alive(&world).await;
}

/// Found probing the edges of the documented parameters: a huge time-decay half-life (`half_life=1e308`) made the
/// attribution worker panic (`TimeDelta::seconds out of bounds`): a 500.
#[tokio::test]
async fn a_half_life_out_of_range_is_refused_not_a_500() {
    let world = World::start().await;
    let flight = world.a.flight.to_string();
    for raw in ["1e308", "36500.5", "1e19", "0", "-1", "NaN", "inf", ""] {
        let path = format!("/api/v1/flights/{flight}/attribution?model=time-decay&half_life={raw}");
        let (status, body) = admin(&world, Method::GET, &path, None).await;
        assert_invalid(status, &body, &path);
    }
    for raw in ["36500", "0.5", "7"] {
        let path = format!("/api/v1/flights/{flight}/attribution?model=time-decay&half_life={raw}");
        let (status, body) = admin(&world, Method::GET, &path, None).await;
        assert_eq!(status, 200, "{path}: {body}");
        assert_eq!(body["models"][0]["model"], "time-decay", "{path}: {body}");
    }
    assert_alive(&world).await;
}

/// The document says what the handlers accept, so that a schema-driven client (or
/// fuzzer) sends values of the right type: numbers with their ranges, enumerations.
#[tokio::test]
async fn the_document_types_the_parameters_the_handlers_parse() {
    let world = World::start().await;
    let (status, doc) = admin(&world, Method::GET, "/api/v1/openapi.json", None).await;
    assert_eq!(status, 200);
    let param = |path: &str, name: &str| -> Value {
        let params = doc["paths"][path]["get"]["parameters"].as_array().expect("parameters");
        params.iter().find(|p| p["name"] == name).map(|p| p["schema"].clone()).expect(name)
    };
    let limit = param("/api/v1/creators", "limit");
    assert_eq!(
        (limit["type"].as_str(), limit["minimum"].as_u64(), limit["maximum"].as_u64()),
        (Some("integer"), Some(1), Some(500))
    );
    assert_eq!(param("/api/v1/links", "limit")["maximum"], 1000);
    assert_eq!(param("/api/v1/creators", "platform")["enum"][0], "instagram");
    assert_eq!(param("/api/v1/flights/{id}/attribution", "half_life")["maximum"], 36500);
    assert_eq!(param("/api/v1/clicks", "since")["format"], "date-time");
    let roles = &doc["components"]["schemas"]["NewTokenBody"]["properties"]["role"]["enum"];
    assert_eq!(roles, &serde_json::json!(["admin", "marketer", "viewer", "creator"]));
    // Erasure takes any `name@domain` a shop may have sent (schemathesis ST201 on `format: email`).
    let customer = &doc["components"]["schemas"]["ErasureRequest"]["properties"]["customer"];
    assert!(customer["pattern"].as_str().is_some_and(|p| p.contains('@')), "{customer}");
    assert!(customer.get("format").is_none(), "{customer}");
    let vetting = &doc["paths"]["/api/v1/creators/{id}/vetting"]["get"]["responses"];
    assert!(vetting.get("400").is_some(), "an unknown persona is a 400: {vetting}");
}

/// Found by schemathesis (ST201): `[[null, null]]` was checked as a post, because
/// serde reads a struct from an array of its fields. Every post must be an object.
#[tokio::test]
async fn a_compliance_post_must_be_an_object() {
    let world = World::start().await;
    for body in ["[[null, null]]", "[[]]", "[1]", "[\"NL\"]", "[{}, []]", "[null]", "1", "\"post\"", "null"] {
        let (status, got) = admin(&world, Method::POST, "/api/v1/compliance/check", Some(body)).await;
        assert_invalid(status, &got, body);
    }
    let (status, got) =
        admin(&world, Method::POST, "/api/v1/compliance/check", Some("[{}, {\"country\": \"NL\"}]")).await;
    assert_eq!(status, 200, "{got}");
    assert_eq!(got.as_array().map(Vec::len), Some(2), "{got}");
    let (status, got) = admin(&world, Method::POST, "/api/v1/compliance/check", Some("[]")).await;
    assert_eq!((status, got), (200, Value::Array(vec![])));
}

/// A handler that panics answers 500 with the error body, and the server keeps serving.
#[tokio::test]
async fn a_panicking_handler_answers_500_and_the_server_lives_on() {
    async fn boom() -> &'static str {
        panic!("a bug")
    }
    let app = axum::Router::new()
        .route("/boom", axum::routing::get(boom))
        .route("/fine", axum::routing::get(|| async { "fine" }))
        .layer(flightdeck_server::catch_panics());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    let http = reqwest::Client::new();
    for _ in 0..3 {
        let res = http.get(format!("{base}/boom")).send().await.expect("an answer, not a dropped connection");
        assert_eq!(res.status().as_u16(), 500);
        let body: serde_json::Value = res.json().await.expect("JSON");
        assert_eq!(body["error"]["code"], "internal", "{body}");
    }
    let fine = http.get(format!("{base}/fine")).send().await.expect("still serving");
    assert_eq!(fine.text().await.expect("text"), "fine");
}
