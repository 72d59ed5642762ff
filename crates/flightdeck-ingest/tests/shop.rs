//! Shop webhooks end to end on the fixtures: signatures over the raw bytes, then the
//! normalised orders and refunds (money, ids, time zones, nulls, codes, attribution).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod shop_support;

use chrono::{TimeZone, Utc};
use flightdeck_core::domain::Currency;
use flightdeck_core::tracking::{customer_hash, ShopPlatform};
use flightdeck_ingest::shop::signature::sign;
use flightdeck_ingest::shop::*;
use shop_support::*;

fn order_of(delivery: Delivery) -> ShopOrder {
    match delivery.event {
        ShopEvent::Order(order) => *order,
        other => panic!("expected an order, got {other:?}"),
    }
}

fn shopify(name: &str) -> Result<Delivery, ShopError> {
    receive(ShopPlatform::Shopify, &headers(name), &body(name), SECRET, CUSTOMER_KEY)
}

fn woo(name: &str) -> Result<Delivery, ShopError> {
    receive(ShopPlatform::WooCommerce, &headers(name), &body(name), SECRET, CUSTOMER_KEY)
}

#[test]
fn shopify_orders_create_is_normalised() {
    let delivery = shopify("shopify_orders_create.json").unwrap();
    assert_eq!(delivery.shop, "linnenlab.myshopify.com");
    assert_eq!(delivery.topic.as_deref(), Some("orders/create"));
    assert_eq!(delivery.delivery_id.as_deref(), Some("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"));
    assert_eq!(delivery.event_id.as_deref(), Some("98880550-7158-44d4-b7cd-2c97c8a091b5"));
    assert_eq!(
        delivery.triggered_at.map(|t| t.timestamp()),
        Some(Utc.with_ymd_and_hms(2025, 4, 12, 18, 31, 9).unwrap().timestamp())
    );
    let order = order_of(delivery);
    assert_eq!(order.platform, ShopPlatform::Shopify);
    // 5820982911946154508 > 2^53: through an f64 it would come out as …496.
    assert_eq!(order.external_id, "5820982911946154508");
    assert_eq!(order.number.as_deref(), Some("#1042"));
    assert_eq!(order.placed_at, Utc.with_ymd_and_hms(2025, 4, 12, 18, 31, 7).unwrap());
    assert_eq!(order.updated_at, Some(Utc.with_ymd_and_hms(2025, 4, 12, 18, 31, 9).unwrap()));
    assert_eq!((order.total.minor, order.currency), (8670, Currency::EUR));
    assert_eq!(order.refunded.minor, 0);
    assert_eq!(order.codes, ["JANEDOE15", "GRATISVERZENDING"]);
    assert_eq!(order.utm.source.as_deref(), Some("instagram"));
    assert_eq!(order.utm.medium.as_deref(), Some("social"));
    assert_eq!(order.utm.campaign.as_deref(), Some("zomer-2025"));
    assert_eq!(order.utm.content.as_deref(), Some("janedoe"));
    assert_eq!(order.utm.id.as_deref(), Some("ca_8k2mzq4xw7hd3npt"));
    assert_eq!(order.utm.term.as_deref(), Some("linnen overshirt"), "`+` decodes to a space");
    assert_eq!(order.click_id.as_deref(), Some("ck_7fh3k2m9pq4xr8tz"));
    assert_eq!(order.customer_hash, customer_hash("zoe.devries@example.nl", CUSTOMER_KEY));
    assert_eq!(order.status, PaymentStatus::Pending);
    assert_eq!(order.financial_status.as_deref(), Some("authorized"));
    assert_eq!(order.source_name.as_deref(), Some("web"));
    let kept = format!("{order:?}").to_lowercase();
    assert!(!kept.contains("example.nl") && !kept.contains("203.0.113"), "personal data kept: {kept}");
}

#[test]
fn shopify_orders_paid_is_the_same_order_in_another_delivery() {
    let created = shopify("shopify_orders_create.json").unwrap();
    let paid = shopify("shopify_orders_paid.json").unwrap();
    assert_ne!(created.delivery_id, paid.delivery_id);
    let (created, paid) = (order_of(created), order_of(paid));
    assert_eq!(created.external_id, paid.external_id);
    assert_eq!(paid.status, PaymentStatus::Paid);
    assert!(paid.status.is_sale() && !created.status.is_sale());
    assert_eq!(paid.updated_at, Some(Utc.with_ymd_and_hms(2025, 4, 12, 18, 33, 12).unwrap()));
}

#[test]
fn a_replayed_delivery_keeps_its_dedup_key() {
    let first = shopify("shopify_orders_create.json").unwrap();
    let again = shopify("shopify_orders_create.json").unwrap();
    assert_eq!(first.delivery_id, again.delivery_id);
    assert_eq!(first, again);
}

#[test]
fn a_pos_order_with_nulls_and_an_empty_email_parses() {
    let order = order_of(shopify("shopify_orders_create_pos.json").unwrap());
    assert_eq!(order.external_id, "5820982911946155001");
    assert_eq!(order.placed_at, Utc.with_ymd_and_hms(2025, 10, 27, 8, 14, 55).unwrap(), "+01:00 in winter");
    assert_eq!(order.total.minor, 2495);
    assert_eq!(order.customer_hash, None);
    assert_eq!(order.click_id, None);
    assert!(order.codes.is_empty() && order.utm.is_empty());
    assert_eq!(order.source_name.as_deref(), Some("pos"));
}

#[test]
fn a_shopify_refund_counts_only_successful_refund_transactions() {
    let delivery = shopify("shopify_refunds_create.json").unwrap();
    let ShopEvent::Refund(refund) = delivery.event else { panic!("expected a refund") };
    assert_eq!(refund.refund_id, "1020982911946154601");
    assert_eq!(refund.order_external_id, "5820982911946154508");
    assert_eq!(refund.created_at, Utc.with_ymd_and_hms(2025, 4, 20, 9, 2, 45).unwrap());
    assert_eq!((refund.amount.minor, refund.amount.currency), (7565, Currency::EUR));
}

#[test]
fn woocommerce_order_created_is_normalised() {
    let delivery = woo("woocommerce_order_created.json").unwrap();
    assert_eq!(delivery.shop, "linnenlab.nl");
    assert_eq!(delivery.topic.as_deref(), Some("order.created"));
    assert_eq!(delivery.delivery_id.as_deref(), Some("3f8e1c2b9a7d4e6f0b1c2d3e4f5a6b7c"));
    let order = order_of(delivery);
    assert_eq!(order.platform, ShopPlatform::WooCommerce);
    assert_eq!(order.external_id, "4821");
    assert_eq!(order.number.as_deref(), Some("4821"));
    // The order's own total, not the sum of rounded line totals plus tax (101.14).
    assert_eq!(order.total.minor, 10115);
    assert_eq!(order.placed_at, Utc.with_ymd_and_hms(2025, 4, 12, 18, 31, 7).unwrap(), "_gmt without Z is UTC");
    assert_eq!(order.codes, ["JANEDOE15", "GRATISVERZENDING"], "Woo lower-cases codes; matching is case-insensitive");
    assert_eq!(order.utm.source.as_deref(), Some("instagram"));
    assert_eq!(order.utm.campaign.as_deref(), Some("zomer-2025"));
    assert_eq!(order.utm.term.as_deref(), Some("linnen overshirt"), "filled from the session entry URL");
    assert_eq!(order.click_id.as_deref(), Some("ck_9wq4h7m2xk3pr5tn"));
    assert_eq!(order.status, PaymentStatus::Paid);
    assert_eq!(order.source_name.as_deref(), Some("checkout"));
    // The same shopper hashes the same in both shops.
    let shopify_order = order_of(shopify("shopify_orders_create.json").unwrap());
    assert_eq!(order.customer_hash, shopify_order.customer_hash);
    assert!(order.customer_hash.is_some());
}

#[test]
fn the_woocommerce_ping_is_answered_without_a_signature() {
    let name = "woocommerce_webhook_ping.body.txt";
    let delivery = woo(name).unwrap();
    assert_eq!(delivery.event, ShopEvent::Ping);
    assert!(is_woocommerce_ping(&headers(name), &body(name)));
    // A signed request is never a ping: its signature is checked.
    let signed = with_header(headers(name), "X-WC-Webhook-Signature", "bm90LWEtc2lnbmF0dXJl");
    assert!(!is_woocommerce_ping(&signed, &body(name)));
    let err = receive(ShopPlatform::WooCommerce, &signed, &body(name), SECRET, CUSTOMER_KEY).unwrap_err();
    assert!(err.is_unauthorized());
    // Shopify has no ping: the same request is refused.
    let err = receive(ShopPlatform::Shopify, &headers(name), &body(name), SECRET, CUSTOMER_KEY).unwrap_err();
    assert_eq!(err, ShopError::BadSignature);
    for not_ping in [&b"webhook_id="[..], b"webhook_id=7&x=1", b"{\"webhook_id\":7}"] {
        assert!(!is_woocommerce_ping(&headers(name), not_ping));
    }
}

#[test]
fn signatures_are_checked_over_the_raw_bytes() {
    for (platform, name, header) in [
        (ShopPlatform::Shopify, "shopify_orders_create.json", "X-Shopify-Hmac-Sha256"),
        (ShopPlatform::WooCommerce, "woocommerce_order_created.json", "X-WC-Webhook-Signature"),
    ] {
        let (h, b) = (headers(name), body(name));
        let run = |h: &Vec<(String, String)>, b: &[u8], secret: &[u8]| receive(platform, h, b, secret, CUSTOMER_KEY);
        assert!(run(&h, &b, SECRET).is_ok(), "{name}: good signature");
        // Header names in lower case, as HTTP/2 delivers them.
        let lower: Vec<(String, String)> = h.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.clone())).collect();
        assert!(run(&lower, &b, SECRET).is_ok(), "{name}: lower-case header names");
        assert_eq!(run(&h, &b, b"another-secret").unwrap_err(), ShopError::BadSignature, "{name}: wrong secret");
        assert_eq!(run(&h, &b, b"").unwrap_err(), ShopError::BadSignature, "{name}: empty secret");
        let mut tampered = b.clone();
        let at = tampered.iter().position(|&c| c == b'8').unwrap();
        tampered[at] = b'9';
        assert_eq!(run(&h, &tampered, SECRET).unwrap_err(), ShopError::BadSignature, "{name}: tampered body");
        let hex = sign(SECRET, &b);
        let hex: String = base64_to_hex(&hex);
        assert_eq!(run(&with_header(h.clone(), header, &hex), &b, SECRET).unwrap_err(), ShopError::BadSignature);
        assert_eq!(run(&without_header(h.clone(), header), &b, SECRET).unwrap_err(), ShopError::BadSignature);
        assert_eq!(run(&with_header(h.clone(), header, ""), &b, SECRET).unwrap_err(), ShopError::BadSignature);
    }
}

fn base64_to_hex(b64: &str) -> String {
    use base64::Engine;
    let raw = base64::engine::general_purpose::STANDARD.decode(b64).unwrap();
    raw.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_replayed_signature_does_not_cover_another_body() {
    // The orders/create signature sent with the orders/paid body (same order id).
    let h = with_header(
        headers("shopify_orders_paid.json"),
        "X-Shopify-Hmac-Sha256",
        &headers("shopify_orders_create.json").iter().find(|(k, _)| k == "X-Shopify-Hmac-Sha256").unwrap().1,
    );
    let err = receive(ShopPlatform::Shopify, &h, &body("shopify_orders_paid.json"), SECRET, CUSTOMER_KEY);
    assert_eq!(err.unwrap_err(), ShopError::BadSignature);
}

#[test]
fn re_serialised_woocommerce_json_no_longer_verifies() {
    let raw = body("woocommerce_order_created.json");
    assert!(raw.windows(2).any(|w| w == b"\\/") && raw.windows(2).any(|w| w == b"\\u"));
    let value: serde_json::Value = serde_json::from_slice(&raw).unwrap();
    let reserialised = serde_json::to_vec(&value).unwrap();
    assert_ne!(raw, reserialised);
    let h = headers("woocommerce_order_created.json");
    let err = receive(ShopPlatform::WooCommerce, &h, &reserialised, SECRET, CUSTOMER_KEY).unwrap_err();
    assert_eq!(err, ShopError::BadSignature);
}

#[test]
fn the_shop_is_identified_by_its_header() {
    let h = headers("woocommerce_order_created.json");
    assert_eq!(shop_of(ShopPlatform::WooCommerce, &h).unwrap(), "linnenlab.nl");
    let h = with_header(h, "X-WC-Webhook-Source", "https://Shop.Example.BE/winkel/");
    assert_eq!(shop_of(ShopPlatform::WooCommerce, &h).unwrap(), "shop.example.be");
    let h = headers("shopify_orders_create.json");
    assert_eq!(shop_of(ShopPlatform::Shopify, &h).unwrap(), "linnenlab.myshopify.com");
    let missing = without_header(h, "X-Shopify-Shop-Domain");
    assert!(matches!(shop_of(ShopPlatform::Shopify, &missing), Err(ShopError::MissingHeader { .. })));
}

#[test]
fn topics_flightdeck_does_not_use_are_ignored_after_verification() {
    let name = "shopify_orders_create.json";
    let h = with_header(headers(name), "X-Shopify-Topic", "customers/create");
    let delivery = receive(ShopPlatform::Shopify, &h, &body(name), SECRET, CUSTOMER_KEY).unwrap();
    assert_eq!(delivery.event, ShopEvent::Ignored { topic: "customers/create".to_owned() });
    let h = without_header(headers(name), "X-Shopify-Topic");
    let err = receive(ShopPlatform::Shopify, &h, &body(name), SECRET, CUSTOMER_KEY).unwrap_err();
    assert!(matches!(err, ShopError::MissingHeader { header: "X-Shopify-Topic" }));
}

#[test]
fn oversized_bodies_are_refused_before_anything_else() {
    let big = vec![b' '; MAX_BODY_BYTES + 1];
    let err = receive(ShopPlatform::Shopify, &headers("shopify_orders_create.json"), &big, SECRET, CUSTOMER_KEY);
    assert!(matches!(err, Err(ShopError::TooLarge { .. })));
}
