//! The request's headers as the webhook parsers read them.

use axum::http::HeaderMap;
use flightdeck_ingest::shop::Headers;

/// A request's header map, looked up case-insensitively; a value that is not
/// visible ASCII / UTF-8 counts as absent.
#[derive(Debug, Clone, Copy)]
pub struct HttpHeaders<'a>(pub &'a HeaderMap);

impl Headers for HttpHeaders<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(|v| v.to_str().ok()).map(str::trim)
    }
}
