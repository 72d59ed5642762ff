//! `GET /p.js`: the first-party script a shop includes (`assets/p.js`, under 3 KB):
//! it sends a `page_view` on load and whatever the shop tracks, with the click id
//! from the landing URL or its own first-party cookie, and only with consent.

use axum::http::{header, HeaderValue};
use axum::response::IntoResponse;

/// The script.
pub const SCRIPT: &str = include_str!("../../assets/p.js");

/// Serves the script (cached for an hour).
pub async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600")),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*")),
        ],
        SCRIPT,
    )
}
