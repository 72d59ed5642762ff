//! Tracking over HTTP: the redirect `GET /r/{code}` with its link cache and batched
//! click writer, the pixel script `GET /p.js` and its events (`POST /api/v1/events`),
//! and the link API (`/api/v1/links`).
//!
//! Configuration (environment, read once at start):
//!
//! | variable | effect |
//! |---|---|
//! | `FLIGHTDECK_COUNTRY_HEADER` | a header a trusted proxy sets to the visitor's country (`CF-IPCountry`); unset: no country is recorded |
//! | `FLIGHTDECK_CLIENT_IP_HEADER` | a header a trusted proxy sets to the client address (`X-Forwarded-For`, `X-Real-IP`); unset: the connection's peer. The address is only ever hashed |
//! | `FLIGHTDECK_PUBLIC_URL` | the base of short URLs (`https://go.example.nl`); default `http://127.0.0.1:8080` |
//! | `FLIGHTDECK_CLICK_BATCH` | clicks per transaction at most (default 1024) |

pub mod api;
pub mod brands;
pub mod cache;
pub mod codes;
pub mod events;
pub mod links;
mod pages;
pub mod pixel;
pub mod qr;
pub mod redirect;
pub mod request;
pub mod salts;
pub mod writer;

use std::sync::Arc;

use axum::http::HeaderName;
use axum::routing::get;
use axum::Router;
use flightdeck_store::Store;

use crate::AppState;
pub use cache::LinkCache;
pub use writer::{ClickWriter, WriterSettings};

/// The default base of short URLs.
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";

/// How the tracking routes are set up (see the module docs).
#[derive(Debug, Clone)]
pub struct TrackSettings {
    /// The header with the visitor's country, set by a trusted proxy.
    pub country_header: Option<HeaderName>,
    /// The header with the client address, set by a trusted proxy.
    pub client_ip_header: Option<HeaderName>,
    /// The base of short URLs, without a trailing `/`.
    pub public_url: String,
    /// How clicks are batched.
    pub writer: WriterSettings,
}

impl TrackSettings {
    /// Defaults for a backend: no proxy headers, the default public URL.
    pub fn new(backend: &str) -> Self {
        Self {
            country_header: None,
            client_ip_header: None,
            public_url: DEFAULT_PUBLIC_URL.to_owned(),
            writer: WriterSettings::for_backend(backend),
        }
    }

    /// The settings from the environment (see the module docs).
    pub fn from_env(backend: &str) -> Self {
        let header = |name: &str| {
            let raw = std::env::var(name).ok()?;
            match HeaderName::try_from(raw.trim()) {
                Ok(h) => Some(h),
                Err(_) => {
                    tracing::warn!(variable = name, value = %raw, "not a header name; ignored");
                    None
                }
            }
        };
        let mut settings = Self::new(backend);
        settings.country_header = header("FLIGHTDECK_COUNTRY_HEADER");
        settings.client_ip_header = header("FLIGHTDECK_CLIENT_IP_HEADER");
        settings.public_url = public_url_from_env();
        if let Some(n) = std::env::var("FLIGHTDECK_CLICK_BATCH").ok().and_then(|v| v.trim().parse().ok()) {
            settings.writer.max_batch = n;
        }
        settings
    }
}

/// `FLIGHTDECK_PUBLIC_URL` without a trailing `/`, or the default.
pub fn public_url_from_env() -> String {
    std::env::var("FLIGHTDECK_PUBLIC_URL")
        .ok()
        .map(|u| u.trim().trim_end_matches('/').to_owned())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| DEFAULT_PUBLIC_URL.to_owned())
}

/// The tracking state of a server: link cache, click writer, salts, settings.
#[derive(Debug)]
pub struct Tracker {
    /// The redirect's link cache.
    pub cache: Arc<LinkCache>,
    /// The batched click writer.
    pub writer: ClickWriter,
    /// The visitor-hash salts.
    pub salts: salts::Salts,
    /// The brands' allowed domains (the pixel's CORS check).
    pub brands: brands::BrandDomains,
    /// The settings.
    pub settings: TrackSettings,
}

impl Tracker {
    /// Starts the click writer and the cache's change follower on the current Tokio
    /// runtime.
    pub fn start(store: Arc<dyn Store>, settings: TrackSettings) -> Self {
        let cache = Arc::new(LinkCache::default());
        tokio::spawn(cache::follow_changes(cache.clone(), store.clone()));
        let writer = ClickWriter::start(store, settings.writer);
        Self { cache, writer, salts: salts::Salts::default(), brands: brands::BrandDomains::default(), settings }
    }
}

/// The tracking routes outside `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new().route("/r/{code}", get(redirect::redirect)).route("/p.js", get(pixel::script))
}
