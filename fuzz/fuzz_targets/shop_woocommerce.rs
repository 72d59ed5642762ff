//! Fuzzes the WooCommerce order parser, the ping detection and the full `receive` path
//! with a valid signature over the fuzzed body. Nothing may panic.
#![no_main]

use flightdeck_core::tracking::ShopPlatform;
use flightdeck_ingest::shop::{is_woocommerce_ping, parse_landing, receive, signature::sign, woocommerce};
use libfuzzer_sys::fuzz_target;

const SECRET: &[u8] = b"fuzz-secret";

fuzz_target!(|data: &[u8]| {
    let _ = woocommerce::parse_order(data, b"key");
    let _ = parse_landing(&String::from_utf8_lossy(data));
    let unsigned: [(&str, &str); 0] = [];
    let _ = is_woocommerce_ping(&unsigned, data);
    let headers = [
        ("X-WC-Webhook-Topic", "order.updated".to_owned()),
        ("X-WC-Webhook-Signature", sign(SECRET, data)),
        ("X-WC-Webhook-Source", String::from_utf8_lossy(data).chars().take(64).collect()),
    ];
    let _ = receive(ShopPlatform::WooCommerce, &headers, data, SECRET, b"key");
});
