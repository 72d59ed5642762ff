//! Fuzzes the Shopify webhook parsers (orders and refunds) and the full `receive` path
//! with a valid signature over the fuzzed body, so parsing is reached. Nothing may panic.
#![no_main]

use flightdeck_core::tracking::ShopPlatform;
use flightdeck_ingest::shop::{receive, shopify, signature::sign};
use libfuzzer_sys::fuzz_target;

const SECRET: &[u8] = b"fuzz-secret";

fuzz_target!(|data: &[u8]| {
    let _ = shopify::parse_order(data, b"key");
    let _ = shopify::parse_refund(data);
    let topic = if data.first().is_some_and(|b| b % 2 == 0) { "orders/create" } else { "refunds/create" };
    let headers = [
        ("X-Shopify-Topic", topic.to_owned()),
        ("X-Shopify-Hmac-Sha256", sign(SECRET, data)),
        ("X-Shopify-Shop-Domain", "fuzz.myshopify.com".to_owned()),
    ];
    let _ = receive(ShopPlatform::Shopify, &headers, data, SECRET, b"key");
});
