//! Shop webhooks: `POST /webhooks/shopify` and `POST /webhooks/woocommerce`.
//!
//! Per delivery: the shop is found by `X-Shopify-Shop-Domain` / the host of
//! `X-WC-Webhook-Source`; the signature is checked over the raw body bytes, in
//! constant time, with that shop's secret (`401` and nothing stored when it does not
//! match, or the shop is unknown); the payload is parsed
//! ([`flightdeck_ingest::shop::receive`]) and its change applied in one transaction
//! together with its delivery id, so a retried delivery is applied once and an order
//! is upserted once however often it comes. The `200` is sent only after that commit.

mod apply;
mod error;
mod headers;
mod shops;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};
use flightdeck_core::tracking::ShopPlatform;
use flightdeck_ingest::shop::{is_woocommerce_ping, receive, shop_of, ShopError, MAX_BODY_BYTES};
use flightdeck_store::{DeliveryOutcome, Store};
use serde::Serialize;

pub use apply::{change_of, delivery_key};
pub use error::WebhookError;
pub use headers::HttpHeaders;
pub use shops::{add_shop, shop_domain, ShopSetupError};

use crate::AppState;

/// What a webhook answer says (for people reading the shop's delivery log).
#[derive(Debug, Serialize)]
pub struct Ack {
    /// `stored`, `duplicate` (a delivery id seen before), `ignored` (a topic
    /// Flightdeck does not use) or `ping`.
    pub status: &'static str,
}

/// The webhook routes (bodies up to [`MAX_BODY_BYTES`]).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/webhooks/shopify", post(shopify))
        .route("/webhooks/woocommerce", post(woocommerce))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}

async fn shopify(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Json<Ack>, WebhookError> {
    ingest(state.store.as_ref(), ShopPlatform::Shopify, &headers, &body).await.map(Json)
}

async fn woocommerce(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Ack>, WebhookError> {
    ingest(state.store.as_ref(), ShopPlatform::WooCommerce, &headers, &body).await.map(Json)
}

/// Verifies, parses and stores one delivery; `Ok` only once it is committed.
pub async fn ingest(
    store: &dyn Store,
    platform: ShopPlatform,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Ack, WebhookError> {
    let headers = HttpHeaders(headers);
    if platform == ShopPlatform::WooCommerce && is_woocommerce_ping(&headers, body) {
        return Ok(Ack { status: "ping" });
    }
    let domain = shop_of(platform, &headers).map_err(|_| WebhookError::UnknownShop)?;
    let shop = store.shop_by_domain(platform, &domain).await?.ok_or(WebhookError::UnknownShop)?;
    let key = customer_key(store, &shop.workspace_id).await?;
    let delivery = receive(platform, &headers, body, shop.secret.expose().as_bytes(), &key).map_err(|e| match e {
        ShopError::BadSignature => WebhookError::BadSignature,
        other => WebhookError::Invalid(other.to_string()),
    })?;
    let Some(change) = change_of(&delivery) else { return Ok(Ack { status: "ping" }) };
    let key = delivery_key(&delivery);
    let outcome = store.apply_delivery(&shop.workspace_id, platform, key.as_deref(), &change).await?;
    let status = match (outcome, &change) {
        (DeliveryOutcome::Duplicate, _) => "duplicate",
        (DeliveryOutcome::Applied, flightdeck_store::ShopChange::Nothing) => "ignored",
        (DeliveryOutcome::Applied, _) => "stored",
    };
    tracing::info!(platform = platform.as_str(), shop = %shop.id, topic = delivery.topic.as_deref().unwrap_or(""), status, "webhook");
    Ok(Ack { status })
}

/// The workspace's customer-hash key (made on first use, then the same for good): the
/// webhooks, the demo and erasure hash e-mail addresses under it.
pub async fn customer_key(
    store: &dyn Store,
    workspace: &flightdeck_core::domain::WorkspaceId,
) -> flightdeck_store::StoreResult<Vec<u8>> {
    flightdeck_store::customer_key(store, workspace, &crate::auth::secret::random_secret()).await
}
