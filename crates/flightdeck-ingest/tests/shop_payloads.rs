//! Payload edge cases, parsed directly (no signature): money exactness, big ids, time
//! zones, missing keys, codes, landing URLs, refunds inside orders; and random bytes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod shop_support;

use chrono::{TimeZone, Utc};
use flightdeck_ingest::shop::{parse_landing, shopify, woocommerce, PaymentStatus, ShopError};
use proptest::prelude::*;
use shop_support::*;

fn shopify_order(json: &str) -> Result<flightdeck_ingest::shop::ShopOrder, ShopError> {
    shopify::parse_order(json.as_bytes(), CUSTOMER_KEY)
}

fn woo_order(json: &str) -> Result<flightdeck_ingest::shop::ShopOrder, ShopError> {
    woocommerce::parse_order(json.as_bytes(), CUSTOMER_KEY)
}

#[test]
fn money_is_exact_and_never_goes_through_a_float() {
    let base = r#"{"id":1,"date_created_gmt":"2025-04-12T18:31:07","currency":"EUR","total":"TOTAL"}"#;
    for (total, cents) in
        [("14.752066", 1475), ("101.15", 10115), ("0.005", 1), ("9.995", 1000), ("1234567.89", 123456789)]
    {
        assert_eq!(woo_order(&base.replace("TOTAL", total)).unwrap().total.minor, cents, "{total}");
    }
    // 0.1 + 0.2 style amounts stay exact when summed as cents.
    let with_refunds = r#"{"id":2,"date_created_gmt":"2025-04-12T18:31:07","total":"0.30","status":"completed",
        "refunds":[{"id":1,"total":"-0.10"},{"id":2,"total":"-0.20"}]}"#;
    let order = woo_order(with_refunds).unwrap();
    assert_eq!((order.total.minor, order.refunded.minor), (30, 30));
    // A JSON number with a fraction is refused; an integer is fine.
    let float = r#"{"id":3,"created_at":"2025-04-12T20:31:07+02:00","total_price":86.7}"#;
    assert!(matches!(shopify_order(float), Err(ShopError::Json { .. })));
    let integer = r#"{"id":3,"created_at":"2025-04-12T20:31:07+02:00","total_price":86}"#;
    assert_eq!(shopify_order(integer).unwrap().total.minor, 8600);
    let words = r#"{"id":3,"created_at":"2025-04-12T20:31:07+02:00","total_price":"twelve"}"#;
    assert!(matches!(shopify_order(words), Err(ShopError::Field { field: "total_price", .. })));
}

#[test]
fn currencies_with_other_minor_units_are_respected() {
    let jpy = r#"{"id":4,"created_at":"2025-04-12T20:31:07+09:00","currency":"JPY","total_price":"1500"}"#;
    assert_eq!(shopify_order(jpy).unwrap().total.minor, 1500);
    let from_set = r#"{"id":4,"created_at":"2025-04-12T20:31:07+02:00",
        "total_price_set":{"shop_money":{"amount":"12.50","currency_code":"EUR"}}}"#;
    assert_eq!(shopify_order(from_set).unwrap().total.minor, 1250);
}

#[test]
fn ids_up_to_2_pow_63_stay_exact() {
    for id in ["9007199254740993", "820982911946154508", "9223372036854775807"] {
        let json = format!(r#"{{"id":{id},"created_at":"2025-04-12T20:31:07+02:00","total_price":"1.00"}}"#);
        assert_eq!(shopify_order(&json).unwrap().external_id, id);
    }
    let as_string = r#"{"id":"820982911946154508","created_at":"2025-04-12T20:31:07+02:00","total_price":"1.00"}"#;
    assert_eq!(shopify_order(as_string).unwrap().external_id, "820982911946154508");
    let from_gid = r#"{"admin_graphql_api_id":"gid://shopify/Order/820982911946154508",
        "created_at":"2025-04-12T20:31:07+02:00","total_price":"1.00"}"#;
    assert_eq!(shopify_order(from_gid).unwrap().external_id, "820982911946154508");
    let fraction = r#"{"id":1.5,"created_at":"2025-04-12T20:31:07+02:00","total_price":"1.00"}"#;
    assert!(matches!(shopify_order(fraction), Err(ShopError::Json { .. })));
    let missing = r#"{"created_at":"2025-04-12T20:31:07+02:00","total_price":"1.00"}"#;
    assert!(matches!(shopify_order(missing), Err(ShopError::Field { field: "id", .. })));
}

#[test]
fn time_zones_are_converted_to_utc() {
    let order = shopify_order(r#"{"id":5,"created_at":"2025-12-31T23:30:00-05:00","total_price":"1.00"}"#).unwrap();
    assert_eq!(order.placed_at, Utc.with_ymd_and_hms(2026, 1, 1, 4, 30, 0).unwrap());
    let processed = r#"{"id":5,"created_at":null,"processed_at":"2025-04-12T20:31:07+02:00","total_price":"1.00"}"#;
    assert_eq!(shopify_order(processed).unwrap().placed_at, Utc.with_ymd_and_hms(2025, 4, 12, 18, 31, 7).unwrap());
    let woo_gmt =
        r#"{"id":6,"date_created":"2025-07-01T14:00:00","date_created_gmt":"2025-07-01T12:00:00","total":"1.00"}"#;
    assert_eq!(woo_order(woo_gmt).unwrap().placed_at, Utc.with_ymd_and_hms(2025, 7, 1, 12, 0, 0).unwrap());
    let local_only = r#"{"id":6,"date_created":"2025-07-01T14:00:00","total":"1.00"}"#;
    assert!(matches!(woo_order(local_only), Err(ShopError::Field { field: "date_created_gmt", .. })));
    let bad = r#"{"id":5,"created_at":"12/04/2025 20:31","total_price":"1.00"}"#;
    assert!(matches!(shopify_order(bad), Err(ShopError::Field { field: "created_at", .. })));
}

#[test]
fn every_key_but_id_time_and_total_is_optional() {
    let minimal = r#"{"id":7,"created_at":"2025-04-12T20:31:07+02:00","total_price":"5.00"}"#;
    let order = shopify_order(minimal).unwrap();
    assert_eq!(order.currency.as_str(), "EUR");
    assert_eq!(order.status, PaymentStatus::Unknown);
    assert!(order.codes.is_empty() && order.click_id.is_none() && order.customer_hash.is_none());
    let nulls = r#"{"id":7,"created_at":"2025-04-12T20:31:07+02:00","total_price":"5.00","customer":null,
        "client_details":null,"landing_site":null,"referring_site":"","discount_codes":null,"note_attributes":null,
        "email":null,"contact_email":"","refunds":null,"financial_status":null,"test":null}"#;
    assert!(shopify_order(nulls).is_ok());
    for broken in ["", "{}", "[]", "null", "{\"id\":", "webhook_id=7"] {
        assert!(shopify_order(broken).is_err() && woo_order(broken).is_err(), "{broken:?}");
    }
}

#[test]
fn codes_are_normalised_and_deduplicated() {
    let order = shopify_order(
        r#"{"id":8,"created_at":"2025-04-12T20:31:07+02:00","total_price":"5.00",
        "discount_codes":[{"code":"JaneDoe15"},{"code":"janedoe15"},{"code":" "},{"code":null},{"code":"zomer-jane47"}]}"#,
    )
    .unwrap();
    assert_eq!(order.codes, ["JANEDOE15", "ZOMER-JANE47"]);
    let woo = woo_order(
        r#"{"id":8,"date_created_gmt":"2025-04-12T18:31:07","total":"5.00","coupon_lines":[{"code":"janedoe15"}]}"#,
    )
    .unwrap();
    assert_eq!(woo.codes, ["JANEDOE15"]);
}

#[test]
fn landing_urls_give_utms_and_the_click_id() {
    let rel = parse_landing("/p?utm_source=Instagram&utm_source=tiktok&utm_term=linnen+overshirt%20xl&fd_cid=ck_abc");
    assert_eq!(rel.utm.source.as_deref(), Some("instagram"), "first of repeated parameters wins");
    assert_eq!(rel.utm.term.as_deref(), Some("linnen overshirt xl"));
    assert_eq!(rel.click_id.as_deref(), Some("ck_abc"));
    let abs = parse_landing("https://shop.example.nl/?utm_campaign=zomer#utm_source=ignored");
    assert_eq!((abs.utm.campaign.as_deref(), abs.utm.source), (Some("zomer"), None));
    let evil = parse_landing("/?fd_cid=%3Cscript%3E&utm_medium=%20");
    assert_eq!((evil.click_id, evil.utm.medium), (None, None));
    assert!(parse_landing("/products/x").utm.is_empty());
    assert!(parse_landing("").utm.is_empty());
}

#[test]
fn the_cart_attribute_gives_the_click_id_when_the_landing_url_has_none() {
    let order = shopify_order(
        r#"{"id":9,"created_at":"2025-04-12T20:31:07+02:00","total_price":"5.00","landing_site":"/?utm_source=tiktok",
        "note_attributes":[{"name":"gift","value":"yes"},{"name":"fd_cid","value":"ck_fromcart"}]}"#,
    )
    .unwrap();
    assert_eq!(order.click_id.as_deref(), Some("ck_fromcart"));
    assert_eq!(order.utm.source.as_deref(), Some("tiktok"));
    let odd = shopify_order(
        r#"{"id":9,"created_at":"2025-04-12T20:31:07+02:00","total_price":"5.00",
        "note_attributes":[{"name":"fd_cid","value":42},{"name":"fd_cid","value":"not a click id"}]}"#,
    )
    .unwrap();
    assert_eq!(odd.click_id, None);
}

#[test]
fn refunds_inside_an_order_reduce_its_revenue() {
    let shop = shopify_order(
        r#"{"id":10,"created_at":"2025-04-12T20:31:07+02:00","total_price":"86.70","financial_status":"partially_refunded",
        "refunds":[{"id":1,"transactions":[{"kind":"refund","status":"success","amount":"10.00"},
                                          {"kind":"refund","status":"failure","amount":"10.00"},
                                          {"kind":"sale","status":"success","amount":"86.70"}]},
                   {"id":2,"transactions":[],"refund_line_items":[{"subtotal_set":{"shop_money":{"amount":"5.00"}}}]},
                   {"id":3,"refund_line_items":[{"subtotal_set":{"shop_money":{"amount":"2.50"}}}]}]}"#,
    )
    .unwrap();
    assert_eq!(shop.refunded.minor, 1250, "success refunds, and line subtotals only without a transactions key");
    assert_eq!(shop.status, PaymentStatus::PartiallyRefunded);
    let woo = woo_order(
        r#"{"id":11,"date_created_gmt":"2025-04-12T18:31:07","total":"101.15","status":"completed",
        "refunds":[{"id":4830,"reason":"","total":"-10.00"}]}"#,
    )
    .unwrap();
    assert_eq!((woo.refunded.minor, woo.status), (1000, PaymentStatus::PartiallyRefunded));
    let cancelled = shopify_order(
        r#"{"id":12,"created_at":"2025-04-12T20:31:07+02:00","total_price":"5.00","financial_status":"paid",
        "cancelled_at":"2025-04-13T10:00:00+02:00"}"#,
    )
    .unwrap();
    assert_eq!(cancelled.status, PaymentStatus::Cancelled);
}

#[test]
fn woocommerce_attribution_meta_wins_over_the_session_entry() {
    let order = woo_order(
        r#"{"id":13,"date_created_gmt":"2025-04-12T18:31:07","total":"5.00","meta_data":[
        {"id":1,"key":"_wc_order_attribution_utm_source","value":"(none)"},
        {"id":2,"key":"_wc_order_attribution_utm_medium","value":"Paid_Social"},
        {"id":3,"key":"_wc_order_attribution_session_entry","value":"https:\/\/x.nl\/?utm_source=tiktok&utm_medium=social"},
        {"id":4,"key":"fd_touchpoints","value":{"nested":["objects","are","fine"]}},
        {"id":5,"key":"_fd_cid","value":"ck_frommeta"}]}"#,
    )
    .unwrap();
    assert_eq!(order.utm.source.as_deref(), Some("tiktok"), "(none) is no value");
    assert_eq!(order.utm.medium.as_deref(), Some("paid_social"));
    assert_eq!(order.click_id.as_deref(), Some("ck_frommeta"));
}

#[test]
fn shopify_refund_payloads_need_their_ids() {
    let ok = br#"{"id":1,"order_id":2,"created_at":"2025-04-20T11:02:45+02:00","transactions":[]}"#;
    assert_eq!(shopify::parse_refund(ok).unwrap().amount.minor, 0);
    let no_order = br#"{"id":1,"created_at":"2025-04-20T11:02:45+02:00"}"#;
    assert!(matches!(shopify::parse_refund(no_order), Err(ShopError::Field { field: "order_id", .. })));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes_never_panic_the_parsers(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = shopify::parse_order(&bytes, CUSTOMER_KEY);
        let _ = shopify::parse_refund(&bytes);
        let _ = woocommerce::parse_order(&bytes, CUSTOMER_KEY);
        let _ = parse_landing(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn damaged_fixtures_never_panic_the_parsers(at in any::<proptest::sample::Index>(), byte in any::<u8>(), cut in any::<proptest::sample::Index>()) {
        for name in ["shopify_orders_create.json", "shopify_refunds_create.json", "woocommerce_order_created.json"] {
            let mut b = body(name);
            let i = at.index(b.len());
            b[i] = byte;
            b.truncate(cut.index(b.len()) + 1);
            let _ = shopify::parse_order(&b, CUSTOMER_KEY);
            let _ = shopify::parse_refund(&b);
            let _ = woocommerce::parse_order(&b, CUSTOMER_KEY);
        }
    }
}
