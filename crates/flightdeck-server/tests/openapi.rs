//! The OpenAPI document: served at `/api/v1/openapi.json`, a valid OpenAPI 3.1
//! document (structural checks here; `openapi-spec-validator` too when Python has
//! it, and always under CI), and covering every `/api/v1` route of the router —
//! each documented operation answers over HTTP (never 404/405), every
//! `#[utoipa::path]` in the source is in it, and no `/api/v1` route is added
//! beside it.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests: a panic is the failure report

mod api_support;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

fn document() -> Value {
    serde_json::to_value(flightdeck_server::api::openapi()).expect("the document serialises")
}

/// Every (METHOD, path) the document lists.
fn operations(doc: &Value) -> BTreeSet<(String, String)> {
    let paths = doc["paths"].as_object().expect("paths");
    paths
        .iter()
        .flat_map(|(path, item)| {
            METHODS.iter().filter(|m| item.get(**m).is_some()).map(move |m| (m.to_uppercase(), path.clone()))
        })
        .collect()
}

/// Every `"$ref"` value in the document.
fn refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                if k == "$ref" {
                    out.push(v.as_str().expect("a $ref is a string").to_owned());
                } else {
                    refs(v, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

/// What `#/a/b/c` points at.
fn resolve<'a>(doc: &'a Value, reference: &str) -> Option<&'a Value> {
    let pointer = reference.strip_prefix('#')?;
    doc.pointer(pointer)
}

fn check_schema_keywords(v: &Value, at: &str) {
    if let Value::Object(map) = v {
        assert!(!map.contains_key("nullable"), "{at}: `nullable` is OpenAPI 3.0, not 3.1");
        if let Some(t) = map.get("type") {
            let names: Vec<&str> = match t {
                Value::String(s) => vec![s.as_str()],
                Value::Array(a) => a.iter().map(|s| s.as_str().expect("type names")).collect(),
                other => panic!("{at}: type is {other}"),
            };
            for n in names {
                assert!(
                    ["null", "boolean", "object", "array", "number", "string", "integer"].contains(&n),
                    "{at}: type `{n}`"
                );
            }
        }
        for (k, v) in map {
            match (k.as_str(), v) {
                // A map of names to schemas: the names are not keywords.
                ("properties" | "patternProperties" | "$defs", Value::Object(named)) => {
                    for (name, schema) in named {
                        check_schema_keywords(schema, &format!("{at}/{k}/{name}"));
                    }
                }
                _ => check_schema_keywords(v, &format!("{at}/{k}")),
            }
        }
    } else if let Value::Array(items) = v {
        for (i, v) in items.iter().enumerate() {
            check_schema_keywords(v, &format!("{at}/{i}"));
        }
    }
}

fn check_operation(doc: &Value, method: &str, path: &str, op: &Value, ids: &mut BTreeSet<String>) {
    let at = format!("{method} {path}");
    let id = op["operationId"].as_str().unwrap_or_else(|| panic!("{at}: operationId"));
    assert!(ids.insert(id.to_owned()), "{at}: operationId `{id}` twice");
    let responses = op["responses"].as_object().unwrap_or_else(|| panic!("{at}: responses"));
    assert!(!responses.is_empty(), "{at}: no responses");
    for (status, response) in responses {
        assert!(status == "default" || status.parse::<u16>().is_ok_and(|s| (100..600).contains(&s)), "{at}: {status}");
        let response = match response.get("$ref").and_then(Value::as_str) {
            Some(r) => resolve(doc, r).unwrap_or_else(|| panic!("{at}: {r}")),
            None => response,
        };
        assert!(response["description"].is_string(), "{at} {status}: a response needs a description");
    }
    let template: BTreeSet<String> =
        path.split('/').filter_map(|seg| seg.strip_prefix('{')?.strip_suffix('}')).map(str::to_owned).collect();
    let mut declared = BTreeSet::new();
    for p in op["parameters"].as_array().into_iter().flatten() {
        let name = p["name"].as_str().unwrap_or_else(|| panic!("{at}: a parameter without a name"));
        let place = p["in"].as_str().unwrap_or_else(|| panic!("{at}: parameter {name} without `in`"));
        assert!(["query", "header", "path", "cookie"].contains(&place), "{at}: {name} in {place}");
        assert!(p.get("schema").is_some() || p.get("content").is_some(), "{at}: {name} has no schema");
        if place == "path" {
            assert_eq!(p["required"], Value::Bool(true), "{at}: path parameter {name} must be required");
            declared.insert(name.to_owned());
        }
    }
    assert_eq!(template, declared, "{at}: the path's parameters and the declared ones");
    if let Some(body) = op.get("requestBody") {
        assert!(body["content"].is_object(), "{at}: a request body needs content");
    }
}

#[test]
fn the_document_is_valid_openapi_3_1() {
    let doc = document();
    let version = doc["openapi"].as_str().expect("openapi");
    assert!(version.starts_with("3.1."), "{version}");
    assert!(doc["info"]["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(doc["info"]["version"].as_str().is_some_and(|v| !v.is_empty()));
    let mut ids = BTreeSet::new();
    let allowed: BTreeSet<&str> =
        METHODS.iter().copied().chain(["summary", "description", "servers", "parameters", "$ref"]).collect();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        assert!(path.starts_with("/api/v1/"), "{path}: every path is under /api/v1");
        for key in item.as_object().expect("a path item").keys() {
            assert!(allowed.contains(key.as_str()) || key.starts_with("x-"), "{path}: unknown key {key}");
        }
        for m in METHODS {
            if let Some(op) = item.get(m) {
                check_operation(&doc, m, path, op, &mut ids);
            }
        }
    }
    let mut all = vec![];
    refs(&doc, &mut all);
    assert!(!all.is_empty());
    for r in &all {
        assert!(resolve(&doc, r).is_some(), "unresolved {r}");
    }
    for (name, schema) in doc["components"]["schemas"].as_object().expect("schemas") {
        check_schema_keywords(schema, &format!("#/components/schemas/{name}"));
    }
    assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    for s in doc["security"].as_array().expect("security").iter().flat_map(|s| s.as_object().expect("obj").keys()) {
        assert!(doc["components"]["securitySchemes"].get(s).is_some(), "security scheme {s}");
    }
}

#[test]
fn a_real_validator_accepts_the_document() {
    let has_validator = std::process::Command::new("python3")
        .args(["-c", "import openapi_spec_validator"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_validator {
        assert!(std::env::var("CI").is_err(), "CI needs python3 with openapi-spec-validator");
        eprintln!("skipped: python3 with openapi-spec-validator is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, serde_json::to_string(&document()).expect("json")).expect("write");
    let out = std::process::Command::new("python3")
        .args(["-m", "openapi_spec_validator"])
        .arg(&file)
        .output()
        .expect("the validator runs");
    assert!(out.status.success(), "{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

#[tokio::test]
async fn the_served_document_is_the_generated_one_and_every_operation_answers() {
    let world = api_support::World::start().await;
    let served: Value = world
        .request(reqwest::Method::GET, "/api/v1/openapi.json")
        .send()
        .await
        .expect("GET openapi.json")
        .json()
        .await
        .expect("JSON");
    let doc = document();
    assert_eq!(served, doc);
    for (method, path) in operations(&doc) {
        let concrete: String =
            path.split('/').map(|seg| if seg.starts_with('{') { "x" } else { seg }).collect::<Vec<_>>().join("/");
        let m = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let response = world.request(m, &concrete).send().await.expect("a response");
        let status = response.status().as_u16();
        // The route is there: without a token a protected one answers 401, a public
        // one (`security(())` in its annotation) its own answer.
        assert!(status != 404 && status != 405, "{method} {path}: {status}, the route is not in the router");
        let op = &doc["paths"][&path][method.to_lowercase()];
        let public =
            op["security"].as_array().is_some_and(|s| s.iter().any(|r| r.as_object().is_some_and(|o| o.is_empty())));
        // A CORS preflight (OPTIONS) is never authenticated.
        if !public && method != "OPTIONS" {
            assert_eq!(status, 401, "{method} {path} without a token");
            let body: Value = response.json().await.expect("a JSON error");
            assert_eq!(body["error"]["code"], "unauthorized", "{method} {path}");
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literal after `start` in `text`.
fn literal_after<'a>(text: &'a str, start: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    let rest = rest.trim_start().strip_prefix('"')?;
    rest.split('"').next()
}

#[test]
fn every_annotated_handler_is_documented_and_no_route_bypasses_the_document() {
    let doc = document();
    let documented = operations(&doc);
    let mut files = vec![];
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut annotated = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read source");
        let starts = text.match_indices("#[utoipa::path(").map(|(i, _)| i);
        let code = starts.filter(|i| text[..*i].ends_with('\n') || text[..*i].ends_with(' '));
        for chunk in code.map(|i| &text[i + "#[utoipa::path(".len()..]) {
            let method = chunk.split(',').next().expect("method").trim().to_uppercase();
            let path = literal_after(chunk, "path =").expect("a path literal");
            assert!(
                documented.contains(&(method.clone(), path.to_owned())),
                "{}: {method} {path} is annotated but not registered in api::openapi_router",
                file.display()
            );
            annotated += 1;
        }
        for chunk in text.split(".route(").skip(1).chain(text.split(".nest(").skip(1)) {
            let Some(path) = chunk.trim_start().strip_prefix('"').and_then(|r| r.split('"').next()) else { continue };
            let allowed = ["/api/v1/{*rest}"];
            assert!(
                !path.starts_with("/api") || allowed.contains(&path),
                "{}: `{path}` is routed beside the OpenAPI document; register it with routes!()",
                file.display()
            );
        }
    }
    assert_eq!(annotated, documented.len(), "every documented operation has its annotation");
}
