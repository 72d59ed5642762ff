//! Shop webhooks over real HTTP: the documented Shopify and WooCommerce payloads with
//! good, bad and replayed signatures, refunds, retries and concurrent duplicates, on
//! SQLite and on PostgreSQL (`FLIGHTDECK_TEST_POSTGRES`; required when `CI` is set).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod hooks_support;

use flightdeck_core::domain::Money;
use flightdeck_core::tracking::customer_hash;
use flightdeck_ingest::shop::signature::sign;
use flightdeck_store::Role;
use hooks_support::*;

const CREATE: &str = "shopify_orders_create.json";
const PAID: &str = "shopify_orders_paid.json";
const REFUND: &str = "shopify_refunds_create.json";
const POS: &str = "shopify_orders_create_pos.json";
const WOO: &str = "woocommerce_order_created.json";

/// What every backend must do with the documented deliveries.
async fn shop_story(s: &HookServer) {
    let created = s.deliver(CREATE).await;
    assert_eq!((created.status, created.word().as_str()), (200, "stored"), "{created:?}");
    let orders = s.orders().await;
    assert_eq!(orders.len(), 1);
    let order = &orders[0];
    assert_eq!(order.external_id, "5820982911946154508", "an id above 2^53, exact");
    assert_eq!(order.total.minor, 8670);
    assert_eq!(order.codes, ["JANEDOE15", "GRATISVERZENDING"]);
    assert_eq!(order.utm_source.as_deref(), Some("instagram"));
    assert_eq!(order.utm_campaign.as_deref(), Some("zomer-2025"));
    assert_eq!(order.click_id.as_deref(), Some("ck_7fh3k2m9pq4xr8tz"));
    let key = s.customer_key().await;
    assert_eq!(order.customer_hash, customer_hash("Zoe.deVries@example.nl", &key), "keyed under the workspace key");

    let replay = s.deliver(CREATE).await;
    assert_eq!((replay.status, replay.word().as_str()), (200, "duplicate"), "a retried delivery is acknowledged");
    let paid = s.deliver(PAID).await;
    assert_eq!(paid.word(), "stored");
    let orders = s.orders().await;
    assert_eq!(orders.len(), 1, "orders/paid upserts the same order");
    assert_eq!(orders[0].id, order.id);

    let refund = s.deliver(REFUND).await;
    assert_eq!(refund.word(), "stored");
    assert_eq!(s.deliver(REFUND).await.word(), "duplicate");
    let orders = s.orders().await;
    assert_eq!(orders[0].refunded.minor, 7565, "the refund's successful transactions");
    assert_eq!(orders[0].net(), Money::new(8670 - 7565, orders[0].total.currency), "refunds reduce revenue");
    assert_eq!(s.deliver(PAID).await.word(), "duplicate");
    assert_eq!(s.orders().await[0].refunded.minor, 7565, "a replayed older payload takes no refund back");

    let woo = s.deliver(WOO).await;
    assert_eq!((woo.status, woo.word().as_str()), (200, "stored"), "{woo:?}");
    assert_eq!(s.deliver(WOO).await.word(), "duplicate");
    let orders = s.orders().await;
    assert_eq!(orders.len(), 2);
    let woo_order = orders.iter().find(|o| o.shop_platform == "woocommerce").unwrap();
    assert_eq!((woo_order.external_id.as_str(), woo_order.total.minor), ("4821", 10115));
    assert_eq!(woo_order.codes, ["JANEDOE15", "GRATISVERZENDING"], "Woo's lower-cased codes, normalised");
    assert_eq!(woo_order.customer_hash, order.customer_hash, "the same shopper in both shops");
    erasure_story(s).await;
}

/// The shopper of both shops asks to be forgotten: only an admin may, a bad address
/// is a 400, and the erasure removes both orders and their refund, then nothing more.
async fn erasure_story(s: &HookServer) {
    assert_eq!(s.erase(Role::Marketer, "zoe.devries@example.nl").await.status, 403);
    let bad = s.erase(Role::Admin, "not-an-address").await;
    assert_eq!((bad.status, bad.json["error"]["code"].as_str()), (400, Some("invalid_request")), "{bad:?}");
    assert_eq!(s.orders().await.len(), 2, "a refused erasure removes nothing");
    let done = s.erase(Role::Admin, "  ZOE.deVries@example.NL ").await;
    assert_eq!(done.status, 200, "{done:?}");
    assert_eq!((done.json["orders"].as_u64(), done.json["refunds"].as_u64()), (Some(2), Some(1)), "{done:?}");
    assert!(s.orders().await.is_empty(), "both shops' orders of the shopper are gone");
    let again = s.erase(Role::Admin, "zoe.devries@example.nl").await;
    assert_eq!(again.json["orders"].as_u64(), Some(0), "{again:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documented_deliveries_on_sqlite() {
    let s = HookServer::sqlite().await;
    shop_story(&s).await;
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documented_deliveries_on_postgres() {
    let Some(s) = HookServer::postgres("story").await else { return };
    shop_story(&s).await;
    concurrent_retries(&s).await;
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_signatures_are_refused_and_nothing_is_stored() {
    let s = HookServer::sqlite().await;
    for name in [CREATE, WOO] {
        let header = if name == WOO { "X-WC-Webhook-Signature" } else { "X-Shopify-Hmac-Sha256" };
        let (h, b) = (headers(name), body(name));
        let before = s.orders().await.len();
        let other_secret = with_header(h.clone(), header, &sign(b"another-secret", &b));
        let hex: String = {
            use hmac::Mac;
            let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
            mac.update(&b);
            mac.finalize().into_bytes().iter().map(|x| format!("{x:02x}")).collect()
        };
        let as_hex = with_header(h.clone(), header, &hex);
        let missing: Vec<_> = h.iter().filter(|(k, _)| !k.eq_ignore_ascii_case(header)).cloned().collect();
        let mut tampered = b.clone();
        let at = tampered.iter().position(|&c| c == b'8').unwrap();
        tampered[at] = b'9';
        for (what, headers, body) in [
            ("another secret", &other_secret, &b),
            ("a hex digest", &as_hex, &b),
            ("no signature", &missing, &b),
            ("a tampered body", &h, &tampered),
        ] {
            let answer = s.post(path_of(name), headers, body).await;
            assert_eq!(answer.status, 401, "{name}, {what}: {answer:?}");
            assert_eq!(answer.word(), "bad_signature", "{name}, {what}");
        }
        assert_eq!(s.orders().await.len(), before, "{name}: nothing stored");
        // Nothing stored means the delivery id was not recorded either.
        assert_eq!(s.deliver(name).await.word(), "stored", "{name}: the signed delivery is still new");
    }
    let lower: Vec<_> = headers(POS).into_iter().map(|(k, v)| (k.to_ascii_lowercase(), v)).collect();
    assert_eq!(s.post("/webhooks/shopify", &lower, &body(POS)).await.word(), "stored", "header names in any case");
    let pos =
        s.orders().await.into_iter().find(|o| o.external_id != "5820982911946154508" && o.shop_platform == "shopify");
    assert_eq!(pos.and_then(|o| o.customer_hash), None, "a POS sale without e-mail has no customer");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_shops_pings_and_other_topics() {
    let s = HookServer::sqlite().await;
    let stranger = with_header(headers(CREATE), "X-Shopify-Shop-Domain", "someone-else.myshopify.com");
    let answer = s.post("/webhooks/shopify", &stranger, &body(CREATE)).await;
    assert_eq!((answer.status, answer.word().as_str()), (401, "unknown_shop"));
    let woo_stranger = with_header(headers(WOO), "X-WC-Webhook-Source", "https://elders.example/");
    assert_eq!(s.post("/webhooks/woocommerce", &woo_stranger, &body(WOO)).await.status, 401);
    let on_wrong_route = s.post("/webhooks/woocommerce", &headers(CREATE), &body(CREATE)).await;
    assert_eq!(on_wrong_route.status, 401, "a Shopify delivery on the WooCommerce route");

    let ping = s.post("/webhooks/woocommerce", &headers("woocommerce_webhook_ping.body.txt"), b"webhook_id=7").await;
    assert_eq!((ping.status, ping.word().as_str()), (200, "ping"));

    let customers = br#"{"id":706405506930370084,"email":"bob@example.com"}"#;
    let h = with_header(headers(CREATE), "X-Shopify-Topic", "customers/create");
    let h = with_header(h, "X-Shopify-Hmac-Sha256", &sign(SECRET.as_bytes(), customers));
    let h = with_header(h, "X-Shopify-Webhook-Id", "c0ffee00-0000-4000-8000-000000000001");
    assert_eq!(s.post("/webhooks/shopify", &h, customers).await.word(), "ignored");
    assert!(s.orders().await.is_empty());

    let garbage = b"{\"id\": 1, \"total_price\": \"12.3.4\"}";
    let h = with_header(headers(CREATE), "X-Shopify-Hmac-Sha256", &sign(SECRET.as_bytes(), garbage));
    let bad = s.post("/webhooks/shopify", &h, garbage).await;
    assert_eq!((bad.status, bad.word().as_str()), (400, "invalid_request"), "{bad:?}");
    assert!(s.orders().await.is_empty());
}

/// The same delivery sent many times at once is stored once.
async fn concurrent_retries(s: &HookServer) {
    let (h, b) = (headers(POS), body(POS));
    let sends = (0..12).map(|_| s.post("/webhooks/shopify", &h, &b));
    let answers = futures::future::join_all(sends).await;
    let words: Vec<String> = answers.iter().map(Answer::word).collect();
    let stored = words.iter().filter(|w| *w == "stored").count();
    let duplicates = words.iter().filter(|w| *w == "duplicate").count();
    assert_eq!((stored, duplicates), (1, 11), "{words:?}");
    let pos: Vec<_> = s.orders().await.into_iter().filter(|o| o.external_id == "5820982911946155001").collect();
    assert_eq!(pos.len(), 1, "one order however often it comes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_retries_on_sqlite() {
    let s = HookServer::sqlite().await;
    concurrent_retries(&s).await;
    s.finish().await;
}
