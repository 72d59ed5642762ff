//! Registering a shop whose webhooks are accepted (`flightdeck shops add`).

use chrono::Utc;
use flightdeck_core::domain::{ShopId, WorkspaceId};
use flightdeck_core::tracking::ShopPlatform;
use flightdeck_ingest::shop::shop_of;
use flightdeck_store::{Shop, ShopSecret, Store, StoreError};

/// Why a shop could not be registered.
#[derive(Debug, thiserror::Error)]
pub enum ShopSetupError {
    /// The domain is not a host name or URL.
    #[error("--domain: expected the shop's domain (x.myshopify.com, shop.example.nl) or URL, got `{0}`")]
    BadDomain(String),
    /// The secret is too short to be a webhook secret.
    #[error("--secret: expected the shop's webhook secret (Shopify: the app's client secret; WooCommerce: the webhook's secret), at least 8 characters")]
    ShortSecret,
    /// Another workspace (or this one) has the shop already.
    #[error("the {0} shop `{1}` is already registered; each shop belongs to one workspace")]
    Taken(&'static str, String),
    /// The store failed.
    #[error(transparent)]
    Store(StoreError),
}

/// The domain a shop's deliveries are recognised by, normalised exactly as at receive
/// time: the host, lower case (`https://Shop.example.nl/` → `shop.example.nl`).
pub fn shop_domain(platform: ShopPlatform, raw: &str) -> Result<String, ShopSetupError> {
    let header = match platform {
        ShopPlatform::Shopify => "X-Shopify-Shop-Domain",
        ShopPlatform::WooCommerce => "X-WC-Webhook-Source",
    };
    let bad = || ShopSetupError::BadDomain(raw.to_owned());
    let domain = shop_of(platform, &[(header, raw.trim())]).map_err(|_| bad())?;
    if !domain.contains('.') || domain.chars().any(|c| c.is_whitespace()) {
        return Err(bad());
    }
    Ok(domain)
}

/// Registers a shop of `workspace`; its secret is the HMAC key of every delivery.
pub async fn add_shop(
    store: &dyn Store,
    workspace: &WorkspaceId,
    platform: ShopPlatform,
    domain: &str,
    secret: &str,
) -> Result<Shop, ShopSetupError> {
    let domain = shop_domain(platform, domain)?;
    let secret = secret.trim();
    if secret.chars().count() < 8 {
        return Err(ShopSetupError::ShortSecret);
    }
    let shop = Shop {
        id: ShopId::generate(&mut rand::rngs::OsRng),
        workspace_id: workspace.clone(),
        platform,
        domain: domain.clone(),
        secret: ShopSecret::new(secret),
        created_at: Utc::now(),
    };
    match store.add_shop(&shop).await {
        Ok(()) => Ok(shop),
        Err(StoreError::Conflict(_)) => Err(ShopSetupError::Taken(platform.as_str(), domain)),
        Err(e) => Err(ShopSetupError::Store(e)),
    }
}
