//! Webhook signatures: `base64(HMAC-SHA256(secret, raw body bytes))`, the same for
//! Shopify (`X-Shopify-Hmac-Sha256`) and WooCommerce (`X-WC-Webhook-Signature`).
//!
//! The check runs over the exact bytes received (WooCommerce's `\/` escapes and
//! `\uXXXX` sequences included) before anything is decoded, and compares in constant
//! time. A hex digest, a digest from another secret or of other bytes is refused.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::error::ShopError;

/// Shopify's signature header.
pub const SHOPIFY_SIGNATURE_HEADER: &str = "X-Shopify-Hmac-Sha256";
/// WooCommerce's signature header.
pub const WOOCOMMERCE_SIGNATURE_HEADER: &str = "X-WC-Webhook-Signature";

/// The signature a shop sends for `body` under `secret` (base64 of the HMAC-SHA256);
/// used by the demo and the tests to sign payloads the way the shops do.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    match Hmac::<Sha256>::new_from_slice(secret) {
        Ok(mut mac) => {
            mac.update(body);
            STANDARD.encode(mac.finalize().into_bytes())
        }
        // HMAC takes keys of any length; this arm is never taken.
        Err(_) => String::new(),
    }
}

/// Checks `signature` (the header's value) against `body` under `secret`, in constant
/// time. An empty secret never verifies: a shop without a secret accepts nothing.
pub fn verify(secret: &[u8], body: &[u8], signature: &str) -> Result<(), ShopError> {
    if secret.is_empty() {
        return Err(ShopError::BadSignature);
    }
    let expected = sign(secret, body);
    let given = signature.trim().as_bytes();
    if !expected.is_empty() && bool::from(expected.as_bytes().ct_eq(given)) {
        Ok(())
    } else {
        Err(ShopError::BadSignature)
    }
}
