//! Flightdeck's HTTP server: JSON API, redirects, pixel, webhooks, dashboard and
//! portal, over one [`Store`].
//!
//! [`serve`] runs on a listener the caller has bound (port 0 in tests) until the
//! shutdown future resolves, then finishes the requests in flight.

pub mod api;
pub mod attribution;
pub mod auth;
pub mod error;
mod metrics;
pub mod privacy;
pub mod track;
pub mod web;
pub mod webhooks;

use std::future::Future;
use std::sync::Arc;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use flightdeck_store::Store;
use tower_http::trace::TraceLayer;

pub use metrics::HttpMetrics;

/// What every request handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub store: Arc<dyn Store>,
    /// Request counters and latencies for `/metrics`.
    pub metrics: Arc<HttpMetrics>,
    /// Accounts and access: login rate limits, cookie settings.
    pub auth: Arc<auth::AuthState>,
    /// Tracking: the redirect's link cache, the click writer, their settings.
    pub track: Arc<track::Tracker>,
}

impl AppState {
    /// The state of a server over `store`, tracking configured from the environment
    /// ([`track::TrackSettings::from_env`]). Must be called within a Tokio runtime
    /// (it starts the click writer).
    pub fn new(store: Arc<dyn Store>) -> Self {
        let settings = track::TrackSettings::from_env(store.backend());
        Self::with_tracking(store, settings)
    }

    /// The state of a server over `store` with these tracking settings.
    pub fn with_tracking(store: Arc<dyn Store>, settings: track::TrackSettings) -> Self {
        let track = Arc::new(track::Tracker::start(store.clone(), settings));
        Self { store, metrics: Arc::new(HttpMetrics::new()), auth: Arc::new(auth::AuthState::from_env()), track }
    }
}

/// The application's routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(prometheus))
        .merge(api::router())
        .merge(track::router())
        .merge(web::router())
        .merge(webhooks::router())
        .layer(catch_panics())
        .layer(middleware::from_fn_with_state(state.clone(), record_request))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            let path = req.extensions().get::<MatchedPath>().map(MatchedPath::as_str).unwrap_or("unmatched");
            tracing::info_span!("request", method = %req.method(), path)
        }))
        .with_state(state)
}

/// The safety net under every route: a handler that panics (a bug; input must never
/// cause one) answers `500` with the API's error body instead of dropping the
/// connection, and the panic is logged.
pub fn catch_panics() -> tower_http::catch_panic::CatchPanicLayer<fn(Box<dyn std::any::Any + Send>) -> Response> {
    tower_http::catch_panic::CatchPanicLayer::custom(panic_response as fn(Box<dyn std::any::Any + Send>) -> Response)
}

fn panic_response(_panic: Box<dyn std::any::Any + Send>) -> Response {
    tracing::error!("a request handler panicked; answered 500");
    let body =
        serde_json::json!({"error": {"code": "internal", "message": "internal error; the server log has the details"}});
    (axum::http::StatusCode::INTERNAL_SERVER_ERROR, axum::Json(body)).into_response()
}

/// Serves `router(state)` on `listener` until `shutdown` resolves.
pub async fn serve<F>(listener: tokio::net::TcpListener, state: AppState, shutdown: F) -> std::io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let app = router(state);
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}

/// `200 ok` while the database answers, `503` when it does not (for load balancers).
async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.workspaces().await {
        Ok(_) => "ok".into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: the database does not answer");
            (axum::http::StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

async fn prometheus(State(state): State<AppState>) -> Response {
    match state.metrics.render(state.store.backend()) {
        Ok(body) => ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], body).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "cannot render metrics");
            axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn record_request(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = std::time::Instant::now();
    let method = req.method().to_string();
    let path =
        req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned()).unwrap_or_else(|| "unmatched".to_owned());
    let response = next.run(req).await;
    state.metrics.observe(&method, &path, response.status().as_u16(), started.elapsed());
    response
}
