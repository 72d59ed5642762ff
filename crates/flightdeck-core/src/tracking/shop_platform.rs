//! The shop systems whose orders Flightdeck attributes.

use serde::{Deserialize, Serialize};

use crate::domain::DomainError;

/// A shop platform that sends order webhooks and imports discount codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ShopPlatform {
    /// Shopify.
    Shopify,
    /// WooCommerce (WordPress).
    #[serde(rename = "woocommerce")]
    WooCommerce,
}

impl ShopPlatform {
    /// The lower-case name used in the CLI, the store and `Order::shop_platform`.
    pub fn as_str(&self) -> &'static str {
        match self {
            ShopPlatform::Shopify => "shopify",
            ShopPlatform::WooCommerce => "woocommerce",
        }
    }

    /// Parses `shopify` or `woocommerce` (case-insensitive).
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "shopify" => Ok(ShopPlatform::Shopify),
            "woocommerce" | "woo" => Ok(ShopPlatform::WooCommerce),
            _ => Err(DomainError::new("platform", format!("expected shopify or woocommerce, got `{raw}`"))),
        }
    }
}

impl std::fmt::Display for ShopPlatform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
