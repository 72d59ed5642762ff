//! The JSON API under `/api/v1`, described by an OpenAPI 3.1 document generated
//! from the handlers themselves (`utoipa`), served at `/api/v1/openapi.json`.
//!
//! Every route takes `Authorization: Bearer <token>` ([`ApiCaller`](crate::auth::ApiCaller)),
//! answers errors as `{"error": {"code", "message"}}` and lists as
//! `{"items": [...], "next": CURSOR-or-null}`.

pub mod compliance;
pub mod creators;
pub mod dto;
pub mod workspace;

use axum::routing::get;
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
    info(title = "Flightdeck API", description = "Influencer marketing from reach to result: creators, vetting, compliance."),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    components(schemas(crate::error::ErrorBody))
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
    OpenApiRouter::<AppState>::with_openapi(ApiDoc::openapi())
        .routes(routes!(creators::list))
        .routes(routes!(creators::show))
        .routes(routes!(creators::vetting))
        .routes(routes!(creators::metrics))
        .routes(routes!(compliance::check))
        .routes(routes!(workspace::show))
        .routes(routes!(crate::track::events::collect, crate::track::events::preflight))
        .routes(routes!(crate::track::api::create, crate::track::api::list))
        .routes(routes!(crate::track::api::qr))
        .split_for_parts()
}

/// The API's routes, with `/api/v1/openapi.json` and a JSON 404 for unknown API paths.
pub fn router() -> Router<AppState> {
    let (router, doc) = openapi_router();
    let json = doc.to_json().unwrap_or_else(|e| {
        tracing::error!(error = %e, "cannot serialise the OpenAPI document");
        "{}".to_owned()
    });
    router
        .route(
            "/api/v1/openapi.json",
            get(move || {
                let body = json.clone();
                async move { ([(axum::http::header::CONTENT_TYPE, "application/json")], body) }
            }),
        )
        .route("/api/v1/{*rest}", axum::routing::any(|| async { AppError::NotFound }))
}
