//! Loading the webhook fixtures (bodies as raw bytes, headers as name/value pairs).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

/// The secret the fixtures are signed with.
pub const SECRET: &[u8] = b"flightdeck-test-secret";
/// The workspace key customer hashes are made with in the tests.
pub const CUSTOMER_KEY: &[u8] = b"workspace-customer-key";

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The raw bytes of a fixture.
pub fn body(name: &str) -> Vec<u8> {
    std::fs::read(path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The headers stored next to a fixture (`x.json` → `x.headers.json`).
pub fn headers(name: &str) -> Vec<(String, String)> {
    let stem = name.split('.').next().unwrap();
    let text = std::fs::read_to_string(path(&format!("{stem}.headers.json"))).unwrap();
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).unwrap();
    map.into_iter().map(|(k, v)| (k, v.as_str().unwrap().to_owned())).collect()
}

/// The same headers with one replaced (or added).
pub fn with_header(mut headers: Vec<(String, String)>, name: &str, value: &str) -> Vec<(String, String)> {
    headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
    headers.push((name.to_owned(), value.to_owned()));
    headers
}

/// The same headers without one.
pub fn without_header(mut headers: Vec<(String, String)>, name: &str) -> Vec<(String, String)> {
    headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
    headers
}
