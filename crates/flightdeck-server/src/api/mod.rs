//! The JSON API under `/api/v1`, described by an OpenAPI 3.1 document generated
//! from the handlers themselves (`utoipa`), served at `/api/v1/openapi.json`.
//!
//! Every route takes `Authorization: Bearer <token>` ([`ApiCaller`](crate::auth::ApiCaller)),
//! answers errors as `{"error": {"code", "message"}}` and lists as
//! `{"items": [...], "next": CURSOR-or-null}` ([`page`]).
//!
//! # Adding a route
//!
//! Annotate the handler with `#[utoipa::path(...)]` (its path, params, body and every
//! response, errors as [`ErrorBody`](crate::error::ErrorBody)) and register it in
//! [`openapi_router`] with `.routes(routes!(handler))` — or, for a module that keeps
//! its routes itself, return a `utoipa_axum::router::OpenApiRouter<AppState>` from it
//! and `.merge(...)` that here. Never add an `/api/v1` route with plain
//! `Router::route`: the test `openapi` fails when a route is missing from the
//! document.

pub mod access;
pub mod compliance;
pub mod creators;
pub mod dto;
pub mod erasure;
pub mod flights;
pub mod page;
pub mod schemas;
pub mod shops;
pub mod tracking;
pub mod workspace;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::AppError;
use crate::AppState;

/// The document's fixed parts; the paths come from the routes.
#[derive(OpenApi)]
#[openapi(
    info(title = "Flightdeck API", description = "Influencer marketing from reach to result: creators, vetting, compliance, tracking, attribution. Authenticate with `Authorization: Bearer <token>` (`flightdeck token create`)."),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    components(schemas(crate::error::ErrorBody)),
    tags((name = "creators", description = "Creators, their accounts, metrics and vetting"),
        (name = "compliance", description = "Advertising disclosure checks"),
        (name = "tracking", description = "Links, codes, clicks and orders"),
        (name = "attribution", description = "Flights and their attribution"),
        (name = "shops", description = "Shops whose webhooks are accepted"),
        (name = "access", description = "Users and API tokens (admins)"),
        (name = "workspace", description = "The caller's workspace"),
        (name = "privacy", description = "Erasing a shopper"),
        (name = "meta", description = "This document"))
)]
struct ApiDoc;

/// Adds the Bearer token scheme.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("fdk_…").build()),
        );
    }
}

/// The API's routes and its OpenAPI document.
pub fn openapi_router() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, doc) = OpenApiRouter::<AppState>::with_openapi(ApiDoc::openapi())
        .routes(routes!(creators::list))
        .routes(routes!(creators::show))
        .routes(routes!(creators::accounts))
        .routes(routes!(creators::vetting))
        .routes(routes!(creators::metrics))
        .routes(routes!(compliance::check))
        .routes(routes!(tracking::codes))
        .routes(routes!(tracking::clicks))
        .routes(routes!(tracking::orders))
        .routes(routes!(shops::list))
        .routes(routes!(erasure::erase))
        .routes(routes!(access::list_users, access::create_user))
        .routes(routes!(access::list_tokens, access::create_token))
        .routes(routes!(access::revoke_token))
        .routes(routes!(workspace::show))
        .routes(routes!(openapi_json))
        .routes(routes!(crate::track::events::collect, crate::track::events::preflight))
        .routes(routes!(crate::track::api::create, crate::track::api::list))
        .routes(routes!(crate::track::api::qr))
        .routes(routes!(flights::list))
        .routes(routes!(flights::attribution))
        .split_for_parts();
    (router, unique_operation_ids(doc))
}

/// Makes every operationId unique (handlers of several modules share names such as
/// `list`): a repeated id becomes `METHOD_path` (`get_api_v1_links`).
fn unique_operation_ids(mut doc: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for item in doc.paths.paths.values() {
        for op in operations_of(item) {
            *seen.entry(op.operation_id.clone().unwrap_or_default()).or_default() += 1;
        }
    }
    for (path, item) in doc.paths.paths.iter_mut() {
        let slug: String = path.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
        for (method, op) in operations_of_mut(item) {
            let id = op.operation_id.clone().unwrap_or_default();
            if id.is_empty() || seen.get(&id).copied().unwrap_or(0) > 1 {
                op.operation_id = Some(format!("{method}{}", slug.trim_end_matches('_')));
            }
        }
    }
    doc
}

fn operations_of(item: &utoipa::openapi::PathItem) -> impl Iterator<Item = &utoipa::openapi::path::Operation> {
    [&item.get, &item.put, &item.post, &item.delete, &item.options, &item.head, &item.patch, &item.trace]
        .into_iter()
        .flatten()
}

fn operations_of_mut(
    item: &mut utoipa::openapi::PathItem,
) -> impl Iterator<Item = (&'static str, &mut utoipa::openapi::path::Operation)> {
    [
        ("get", &mut item.get),
        ("put", &mut item.put),
        ("post", &mut item.post),
        ("delete", &mut item.delete),
        ("options", &mut item.options),
        ("head", &mut item.head),
        ("patch", &mut item.patch),
        ("trace", &mut item.trace),
    ]
    .into_iter()
    .filter_map(|(m, op)| op.as_mut().map(|op| (m, op)))
}

/// The OpenAPI document alone.
pub fn openapi() -> utoipa::openapi::OpenApi {
    openapi_router().1
}

/// The OpenAPI 3.1 document of this API (this route needs no token).
#[utoipa::path(get, path = "/api/v1/openapi.json", operation_id = "openapi_document", tag = "meta", security(()),
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json", body = Object)))]
pub async fn openapi_json() -> Response {
    static JSON: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let body = JSON.get_or_init(|| {
        openapi().to_json().unwrap_or_else(|e| {
            tracing::error!(error = %e, "cannot serialise the OpenAPI document");
            "{}".to_owned()
        })
    });
    ([(header::CONTENT_TYPE, "application/json")], body.clone()).into_response()
}

/// The API's routes (with `/api/v1/openapi.json`), a JSON 404 for unknown API paths
/// and JSON bodies for the errors the router answers itself (405, 415, …).
pub fn router() -> Router<AppState> {
    let (router, _) = openapi_router();
    router
        .route("/api/v1/{*rest}", axum::routing::any(|| async { AppError::NotFound }))
        .layer(axum::middleware::map_response(json_errors))
}

/// Gives a JSON error body to the error answers axum makes itself (a method the
/// route lacks, a body that is not JSON) so that every API error has one shape.
async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let error = match status {
        StatusCode::METHOD_NOT_ALLOWED => AppError::MethodNotAllowed,
        StatusCode::NOT_FOUND => AppError::NotFound,
        s if s.is_server_error() => AppError::Internal(format!("the router answered {s}")),
        s => AppError::InvalidRequest(format!("the request was refused ({s})")),
    };
    let allow = response.headers().get(header::ALLOW).cloned();
    let mut json = (status, error.into_response().into_body()).into_response();
    json.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/json"));
    if let Some(allow) = allow {
        json.headers_mut().insert(header::ALLOW, allow);
    }
    json
}
