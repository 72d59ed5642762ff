//! `GET /r/{code}`: the redirect. The link comes from the cache, the click goes to
//! the batched writer, and the `302` leaves only once the click is committed.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use flightdeck_core::domain::{AgentClass, Click, ClickId};
use flightdeck_core::tracking::{classify_user_agent, destination_with_click_id, ip_hash, is_valid_short_code};
use flightdeck_store::ClickRow;

use super::cache::CachedLink;
use super::pages;
use super::request;
use super::Tracker;
use crate::AppState;

/// Answers a short link: `302` to its destination with `fd_cid` (after the click is
/// stored), `HEAD` answered without counting, `404` page for an unknown code, `503`
/// page (retrying by itself) when the click cannot be stored.
pub async fn redirect(State(state): State<AppState>, Path(code): Path<String>, req: Request) -> Response {
    if !is_valid_short_code(&code) {
        return pages::not_found();
    }
    let tracker = &state.track;
    let link = match tracker.cache.get(state.store.as_ref(), &code).await {
        Ok(Some(link)) => link,
        Ok(None) => return pages::not_found(),
        Err(e) => {
            tracing::error!(error = %e, "cannot look up a short link");
            return pages::unavailable();
        }
    };
    if req.method() == Method::HEAD {
        return found(&link.destination);
    }
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
    let click = match click_of(&state, &link, req.headers(), peer).await {
        Ok(click) => click,
        Err(response) => return response,
    };
    let location = destination_with_click_id(&link.destination, click.id.as_str());
    let row = ClickRow { workspace_id: link.workspace_id.clone(), click };
    match tracker.writer.write(row).await {
        Ok(()) => found(&location),
        Err(_) => pages::unavailable(),
    }
}

/// The click of this request (not yet stored).
async fn click_of(
    state: &AppState,
    link: &CachedLink,
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
) -> Result<Click, Response> {
    let tracker: &Tracker = &state.track;
    let settings = &tracker.settings;
    let at = Utc::now();
    let agent = headers
        .get(header::USER_AGENT)
        .map(|v| classify_user_agent(&String::from_utf8_lossy(v.as_bytes())))
        .unwrap_or(AgentClass::Bot);
    let visitor_hash = match request::client_ip(headers, settings.client_ip_header.as_ref(), peer) {
        Some(ip) if !request::opted_out(headers) => {
            let salt =
                tracker.salts.salt(state.store.as_ref(), &link.workspace_id, at.date_naive()).await.map_err(|e| {
                    tracing::error!(error = %e, "cannot read the visitor-hash secret");
                    pages::unavailable()
                })?;
            Some(ip_hash(ip, &salt))
        }
        _ => None,
    };
    Ok(Click {
        id: ClickId::generate_at(at, &mut rand::thread_rng()),
        link_id: link.link_id.clone(),
        at,
        agent,
        referrer_host: request::referrer_host(headers),
        country: request::country(headers, settings.country_header.as_ref()),
        consent: false,
        visitor_hash,
    })
}

/// A `302 Found` to `location`, never cached (each click must reach us).
fn found(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => (
            StatusCode::FOUND,
            [(header::LOCATION, value), (header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        )
            .into_response(),
        Err(_) => {
            tracing::error!("a stored destination is not a valid Location header");
            pages::unavailable()
        }
    }
}
