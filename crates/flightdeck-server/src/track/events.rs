//! `POST /api/v1/events`: page views, add-to-carts, leads and purchases, from the
//! first-party script on the brand's shop (`/p.js`) or from the shop's own server.
//!
//! * **Who may send**: a browser on one of the brand's domains (the `Origin` must be
//!   an allowed domain of the workspace named by `?workspace=` or `"workspace"`), or
//!   a server with an API token (`Authorization: Bearer`, role admin or marketer).
//!   CORS headers are only ever sent for the brand's own origins.
//! * **Consent**: without `"consent": true` no identifier is kept: the click id is
//!   dropped. With consent, the click the id names is marked as consented.
//! * **Idempotent**: by the sender's event `id`; a repeated id is answered `200`
//!   with `"duplicate": true` and changes nothing.
//! * Browsers send `text/plain` (`sendBeacon`), so the body is read as JSON whatever
//!   its content type. Times come from the server, except for token callers, who may
//!   send `at` (RFC 3339, at most 30 days old).

use axum::extract::{FromRequestParts, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Duration, Utc};
use flightdeck_core::domain::{ClickId, Currency, Domain, Event, EventId, EventKind, Money, WorkspaceId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{ApiCaller, Principal};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::AppState;

/// The largest event body accepted.
pub const MAX_EVENT_BYTES: usize = 16 * 1024;
/// The longest event id accepted.
pub const MAX_EVENT_ID_LEN: usize = 128;

/// One event.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct EventIn {
    /// The sender's unique id of the event (idempotency key), 1–128 visible ASCII characters.
    #[serde(alias = "event_id")]
    #[schema(min_length = 1, max_length = 128, pattern = "^[!-~]+$")]
    pub id: String,
    /// `page_view`, `add_to_cart`, `lead` or `purchase`.
    #[serde(rename = "type", alias = "kind")]
    #[schema(schema_with = crate::api::schemas::event_kind)]
    pub kind: EventKind,
    /// Whether the visitor consented to tracking; absent means no.
    #[serde(default)]
    pub consent: bool,
    /// The click id (`fd_cid`) from the landing URL or the first-party cookie; kept
    /// only with consent.
    #[serde(default)]
    pub fd_cid: Option<String>,
    /// The value as a decimal string in major units (`"49.95"`), for purchases and leads.
    #[serde(default)]
    pub value: Option<String>,
    /// The currency of `value` (ISO 4217), EUR by default.
    #[serde(default)]
    pub currency: Option<String>,
    /// The workspace (`ws_…`) when sent by the pixel (token callers leave it out).
    #[serde(default)]
    pub workspace: Option<String>,
    /// When it happened (RFC 3339, at most 30 days ago); only token callers may set it.
    #[serde(default)]
    #[schema(format = DateTime)]
    pub at: Option<String>,
}

/// What became of an event.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventOut {
    /// The sender's event id.
    pub id: String,
    /// Whether the id was seen before (then nothing changed).
    pub duplicate: bool,
    /// Whether a click id was kept (only with consent).
    pub click_kept: bool,
}

/// The workspace of a pixel request.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventParams {
    /// The workspace (`ws_…`), for browser requests.
    pub workspace: Option<String>,
}

/// Who sent an event.
enum Sender {
    /// A server with a token.
    Token(Principal),
    /// A browser on an allowed origin of this workspace.
    Browser { workspace: WorkspaceId, origin: HeaderValue },
}

/// Stores one event (see the module docs).
#[utoipa::path(post, path = "/api/v1/events", tag = "tracking", params(EventParams), security((), ("bearer" = [])),
    request_body(content = EventIn, description = "One event; sent as application/json or text/plain"),
    responses((status = 202, description = "Stored", body = EventOut), (status = 200, description = "Seen before: nothing changed", body = EventOut),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn collect(State(state): State<AppState>, Query(params): Query<EventParams>, req: Request) -> Response {
    let (mut parts, body) = req.into_parts();
    let origin = parts.headers.get(header::ORIGIN).cloned();
    let result = async {
        let bytes = axum::body::to_bytes(body, MAX_EVENT_BYTES)
            .await
            .map_err(|_| AppError::InvalidRequest(format!("the event is larger than {MAX_EVENT_BYTES} bytes")))?;
        let event: EventIn = serde_json::from_slice(&bytes).map_err(|e| {
            AppError::InvalidRequest(format!("not an event: {e}; expected {{\"id\", \"type\", \"consent\", …}}"))
        })?;
        let sender = sender_of(&state, &mut parts, params.workspace.as_deref().or(event.workspace.as_deref())).await?;
        store_event(&state, &sender, event).await.map(|out| (sender, out))
    }
    .await;
    match result {
        Ok((sender, out)) => {
            let status = if out.duplicate { StatusCode::OK } else { StatusCode::ACCEPTED };
            let mut response = (status, Json(out)).into_response();
            if let Sender::Browser { origin, .. } = sender {
                allow_origin(response.headers_mut(), origin);
            }
            response
        }
        Err(e) => {
            let allowed = match (&origin, params.workspace.as_deref()) {
                (Some(o), Some(w)) => origin_allowed(&state, w, o).await,
                _ => false,
            };
            let mut response = e.into_response();
            if let (true, Some(o)) = (allowed, origin) {
                allow_origin(response.headers_mut(), o);
            }
            response
        }
    }
}

/// Answers the CORS preflight of a browser on one of the brand's domains (`204`);
/// any other origin gets `403` without CORS headers.
#[utoipa::path(options, path = "/api/v1/events", tag = "tracking", params(EventParams), security(()),
    responses((status = 204, description = "The origin is one of the brand's domains"), (status = 403, description = "It is not")))]
pub async fn preflight(
    State(state): State<AppState>,
    Query(params): Query<EventParams>,
    headers: HeaderMap,
) -> Response {
    let origin = headers.get(header::ORIGIN).cloned();
    let allowed = match (&origin, params.workspace.as_deref()) {
        (Some(o), Some(w)) => origin_allowed(&state, w, o).await,
        _ => false,
    };
    match (allowed, origin) {
        (true, Some(origin)) => {
            let mut response = StatusCode::NO_CONTENT.into_response();
            let h = response.headers_mut();
            allow_origin(h, origin);
            h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("POST"));
            h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("content-type"));
            h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
            response
        }
        _ => StatusCode::FORBIDDEN.into_response(),
    }
}

fn allow_origin(headers: &mut HeaderMap, origin: HeaderValue) {
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.insert(header::VARY, HeaderValue::from_static("Origin"));
}

/// A token caller, or a browser whose origin the named workspace allows.
async fn sender_of(
    state: &AppState,
    parts: &mut axum::http::request::Parts,
    workspace: Option<&str>,
) -> AppResult<Sender> {
    if parts.headers.contains_key(header::AUTHORIZATION) {
        let ApiCaller(who) = ApiCaller::from_request_parts(parts, state).await?;
        who.require(Principal::WRITERS)?;
        return Ok(Sender::Token(who));
    }
    let origin = parts.headers.get(header::ORIGIN).cloned().ok_or(AppError::Unauthorized)?;
    let workspace = workspace.ok_or_else(|| {
        AppError::InvalidRequest("name the workspace: `?workspace=ws_…` (the pixel's data-workspace)".to_owned())
    })?;
    let id = WorkspaceId::parse(workspace.trim()).map_err(|_| AppError::NotFound)?;
    let domains = state.track.brands.domains(state.store.as_ref(), &id).await?.ok_or(AppError::NotFound)?;
    if !host_of_origin(&origin).is_some_and(|host| domains.iter().any(|d| d.allows_host(&host))) {
        return Err(AppError::Forbidden);
    }
    Ok(Sender::Browser { workspace: id, origin })
}

/// Whether `origin` is one of the domains of the workspace `workspace`.
async fn origin_allowed(state: &AppState, workspace: &str, origin: &HeaderValue) -> bool {
    let Ok(id) = WorkspaceId::parse(workspace.trim()) else { return false };
    let Ok(Some(domains)) = state.track.brands.domains(state.store.as_ref(), &id).await else { return false };
    host_of_origin(origin).is_some_and(|host| domains.iter().any(|d: &Domain| d.allows_host(&host)))
}

/// The host of an `Origin` (`https://shop.example.nl[:port]`); `None` for `null`,
/// other schemes and anything malformed.
pub fn host_of_origin(origin: &HeaderValue) -> Option<String> {
    let text = origin.to_str().ok()?;
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"))?;
    let host = rest.split(':').next()?;
    let ok = !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'));
    ok.then(|| host.to_ascii_lowercase())
}

async fn store_event(state: &AppState, sender: &Sender, event: EventIn) -> AppResult<EventOut> {
    let id = event.id.trim();
    if id.is_empty() || id.len() > MAX_EVENT_ID_LEN || !id.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(AppError::InvalidRequest(format!(
            "`id`: expected 1 to {MAX_EVENT_ID_LEN} visible ASCII characters (a UUID, say)"
        )));
    }
    let (workspace, at) = match sender {
        Sender::Token(who) => (who.workspace.clone(), time_of(event.at.as_deref())?),
        Sender::Browser { workspace, .. } => (workspace.clone(), Utc::now()),
    };
    let click = if event.consent { event.fd_cid.as_deref().and_then(|c| ClickId::parse(c.trim()).ok()) } else { None };
    let value = value_of(event.value.as_deref(), event.currency.as_deref())?;
    let stored = Event {
        id: EventId::generate(&mut rand::thread_rng()),
        external_id: id.to_owned(),
        kind: event.kind,
        at,
        click_id: click.as_ref().map(ToString::to_string),
        consent: event.consent,
        value,
    };
    let new = state.store.insert_event(&workspace, &stored).await?;
    if let (true, Some(click)) = (new, &click) {
        state.store.mark_click_consent(&workspace, click).await?;
    }
    Ok(EventOut { id: id.to_owned(), duplicate: !new, click_kept: new && click.is_some() })
}

fn time_of(raw: Option<&str>) -> AppResult<DateTime<Utc>> {
    let now = Utc::now();
    let Some(raw) = raw else { return Ok(now) };
    let at = DateTime::parse_from_rfc3339(raw.trim())
        .map_err(|_| AppError::InvalidRequest(format!("`at`: expected an RFC 3339 time, got `{raw}`")))?
        .to_utc();
    if at > now + Duration::minutes(5) || at < now - Duration::days(30) {
        return Err(AppError::InvalidRequest(format!("`at`: {raw} is in the future or more than 30 days ago")));
    }
    Ok(at)
}

fn value_of(value: Option<&str>, currency: Option<&str>) -> AppResult<Option<Money>> {
    let Some(raw) = value else { return Ok(None) };
    let currency = match currency {
        Some(c) => Currency::parse(c).map_err(|e| AppError::InvalidRequest(format!("`currency`: {e}")))?,
        None => Currency::EUR,
    };
    let money = Money::parse_decimal(raw, currency)
        .map_err(|e| AppError::InvalidRequest(format!("`value`: {e}; send a decimal string such as \"49.95\"")))?;
    if money.minor < 0 {
        return Err(AppError::InvalidRequest("`value`: must not be negative".to_owned()));
    }
    Ok(Some(money))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_give_their_host() {
        let h = |s: &'static str| host_of_origin(&HeaderValue::from_static(s));
        assert_eq!(h("https://Shop.Example.nl").as_deref(), Some("shop.example.nl"));
        assert_eq!(h("http://localhost:3000").as_deref(), Some("localhost"));
        assert_eq!(h("null"), None);
        assert_eq!(h("file://x"), None);
    }

    #[test]
    fn values_are_decimal_strings() {
        assert_eq!(value_of(Some("49.95"), None).ok().flatten().map(|m| m.minor), Some(4995));
        assert!(value_of(Some("-1"), None).is_err());
        assert!(value_of(Some("abc"), None).is_err());
        assert!(time_of(Some("2000-01-01T00:00:00Z")).is_err());
    }
}
