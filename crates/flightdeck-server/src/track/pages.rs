//! The small HTML pages of the redirect: an unknown link, and a click that could not
//! be stored (the page tries again by itself).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

const NOT_FOUND: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Link not found</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:12vh auto;padding:0 1.5rem;color:#1f2937;line-height:1.5}h1{font-size:1.5rem}p{color:#4b5563}</style>
</head><body><h1>This link does not exist (any more)</h1>
<p>The short link you followed is unknown. It may have been mistyped or cut off when it was copied: check that you have all of it.</p>
<p>Deze link bestaat niet (meer). Controleer of u de volledige link hebt gekopieerd.</p>
</body></html>
"#;

const UNAVAILABLE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="2"><meta name="robots" content="noindex"><title>One moment</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:12vh auto;padding:0 1.5rem;color:#1f2937;line-height:1.5}h1{font-size:1.5rem}p{color:#4b5563}</style>
</head><body><h1>One moment…</h1><p>We could not open this link just now. This page tries again by itself in a few seconds.</p>
</body></html>
"#;

fn page(status: StatusCode, body: &'static str, retry: bool) -> Response {
    let mut response = (
        status,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response();
    if retry {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
    }
    response
}

/// `404`: a friendly page for an unknown short code.
pub fn not_found() -> Response {
    page(StatusCode::NOT_FOUND, NOT_FOUND, false)
}

/// `503`: the click could not be stored, so there is no redirect; the page retries.
pub fn unavailable() -> Response {
    page(StatusCode::SERVICE_UNAVAILABLE, UNAVAILABLE, true)
}
