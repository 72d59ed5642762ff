//! Webhook ingest cost: signature check plus parsing of a full order payload.
//!
//! `cargo bench -p flightdeck-ingest --bench shop`. See docs/tracking.md.
#![allow(missing_docs)] // criterion's macros generate undocumented functions

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use flightdeck_core::tracking::ShopPlatform;
use flightdeck_ingest::shop::{receive, signature::sign};

const SHOPIFY: &[u8] = include_bytes!("../tests/fixtures/shopify_orders_create.json");
const WOO: &[u8] = include_bytes!("../tests/fixtures/woocommerce_order_created.json");
const SECRET: &[u8] = b"bench-secret";

fn headers(platform: ShopPlatform, body: &[u8]) -> Vec<(&'static str, String)> {
    match platform {
        ShopPlatform::Shopify => vec![
            ("x-shopify-topic", "orders/create".to_owned()),
            ("x-shopify-hmac-sha256", sign(SECRET, body)),
            ("x-shopify-shop-domain", "linnenlab.myshopify.com".to_owned()),
            ("x-shopify-webhook-id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043".to_owned()),
        ],
        ShopPlatform::WooCommerce => vec![
            ("x-wc-webhook-topic", "order.created".to_owned()),
            ("x-wc-webhook-signature", sign(SECRET, body)),
            ("x-wc-webhook-source", "https://linnenlab.nl/".to_owned()),
            ("x-wc-webhook-delivery-id", "3f8e1c2b9a7d4e6f0b1c2d3e4f5a6b7c".to_owned()),
        ],
    }
}

fn ingest(c: &mut Criterion) {
    let mut group = c.benchmark_group("shop/receive");
    for (name, platform, body) in [
        ("shopify orders/create", ShopPlatform::Shopify, SHOPIFY),
        ("woocommerce order.created", ShopPlatform::WooCommerce, WOO),
    ] {
        let h = headers(platform, body);
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function(name, |b| b.iter(|| receive(platform, &h, black_box(body), SECRET, b"customer-key")));
    }
    group.finish();
}

criterion_group!(benches, ingest);
criterion_main!(benches);
