//! Shops and their webhook deliveries: a delivery id is applied once per workspace, an
//! order is upserted by its shop id (a stale payload changes nothing but the refunded
//! sum), refunds are stored once and reduce revenue, and erasure and the retention
//! purge remove exactly what they say.

use chrono::{DateTime, Utc};
use flightdeck_core::domain::{AgentClass, Click, Currency, Event, EventKind, Money, Order, TrackingLink, WorkspaceId};
use flightdeck_core::tracking::ShopPlatform;

use super::fixture::{at, conflict, ok, parse, workspace};
use crate::{ClickRow, DeliveryOutcome, Erasure, Purge, Record, Shop, ShopChange, ShopSecret, Store};

const DOMAIN: &str = "linnenlab.myshopify.com";

fn eur(minor: i64) -> Money {
    Money::new(minor, Currency::EUR)
}

fn order(id: &str, external: &str, total: i64, customer: &str, click: Option<&str>) -> Order {
    Order {
        id: parse(id),
        shop_platform: "shopify".to_owned(),
        external_id: external.to_owned(),
        placed_at: at(6, 14),
        total: eur(total),
        refunded: eur(0),
        codes: vec!["JANEDOE15".to_owned()],
        utm_source: Some("instagram".to_owned()),
        utm_medium: Some("influencer".to_owned()),
        utm_campaign: None,
        click_id: click.map(str::to_owned),
        customer_hash: Some(customer.to_owned()),
    }
}

fn upsert(order: &Order, updated_at: DateTime<Utc>) -> ShopChange {
    ShopChange::Order { order: Box::new(order.clone()), updated_at: Some(updated_at) }
}

fn refund(order: &str, id: &str, minor: i64) -> ShopChange {
    ShopChange::Refund { order_external_id: order.to_owned(), refund_id: id.to_owned(), amount: eur(minor) }
}

async fn apply(store: &dyn Store, ws: &WorkspaceId, id: Option<&str>, change: &ShopChange) -> DeliveryOutcome {
    ok("apply_delivery", store.apply_delivery(ws, ShopPlatform::Shopify, id, change).await)
}

async fn orders(store: &dyn Store, ws: &WorkspaceId) -> Vec<Order> {
    ok("list_orders", store.list_orders(ws).await)
}

/// Shops: registered once per (platform, domain) across workspaces, found by domain
/// with their secret, listed per workspace.
async fn shops(store: &dyn Store, ws: &WorkspaceId, other: &WorkspaceId) {
    let shop = Shop {
        id: parse("sh_wsh1"),
        workspace_id: ws.clone(),
        platform: ShopPlatform::Shopify,
        domain: DOMAIN.to_owned(),
        secret: ShopSecret::new("s3cret-of-the-shop"),
        created_at: at(1, 9),
    };
    ok("add_shop", store.add_shop(&shop).await);
    let again = Shop { id: parse("sh_wsh2"), workspace_id: other.clone(), ..shop.clone() };
    conflict("the same shop domain in another workspace", store.add_shop(&again).await);
    let woo = Shop {
        id: parse("sh_wsh3"),
        platform: ShopPlatform::WooCommerce,
        domain: "linnenlab.nl".to_owned(),
        ..shop.clone()
    };
    ok("add_shop", store.add_shop(&woo).await);
    let found = ok("shop_by_domain", store.shop_by_domain(ShopPlatform::Shopify, DOMAIN).await);
    assert_eq!(found.as_ref().map(|s| s.secret.expose()), Some("s3cret-of-the-shop"), "the secret reads back");
    assert_eq!(found, Some(shop));
    assert_eq!(ok("shop_by_domain", store.shop_by_domain(ShopPlatform::WooCommerce, DOMAIN).await), None);
    let listed = ok("list_shops", store.list_shops(ws).await);
    let domains: Vec<&str> = listed.iter().map(|s| s.domain.as_str()).collect();
    assert_eq!(domains, ["linnenlab.myshopify.com", "linnenlab.nl"], "shops by domain");
    assert!(ok("list_shops", store.list_shops(other).await).is_empty());
}

/// Deliveries, upserts, stale payloads and refunds.
async fn deliveries(store: &dyn Store, ws: &WorkspaceId, other: &WorkspaceId) {
    let first = order("or_wsh1", "5820982911946154508", 10_200, "h1", Some("ck_wsh1"));
    assert_eq!(apply(store, ws, Some("d1"), &upsert(&first, at(6, 14))).await, DeliveryOutcome::Applied);
    let changed = Order { total: eur(1), ..first.clone() };
    assert_eq!(apply(store, ws, Some("d1"), &upsert(&changed, at(6, 20))).await, DeliveryOutcome::Duplicate);
    assert_eq!(orders(store, ws).await, vec![first.clone()], "a repeated delivery id changes nothing");

    let paid = Order { id: parse("or_wsh9"), total: eur(10_500), ..first.clone() };
    assert_eq!(apply(store, ws, Some("d2"), &upsert(&paid, at(6, 16))).await, DeliveryOutcome::Applied);
    let stale = Order { id: parse("or_wsh8"), total: eur(7), refunded: eur(500), ..first.clone() };
    assert_eq!(apply(store, ws, Some("d3"), &upsert(&stale, at(6, 15))).await, DeliveryOutcome::Applied);
    let stored = orders(store, ws).await;
    assert_eq!(stored.len(), 1, "one order however often it is delivered");
    assert_eq!(stored[0].id, first.id, "the order keeps its first id");
    assert_eq!(stored[0].total, eur(10_500), "the newest payload wins, a stale one does not");
    assert_eq!(stored[0].refunded, eur(0), "a stale payload changes nothing");

    apply(store, ws, Some("d4"), &refund(&first.external_id, "r1", 2_000)).await;
    apply(store, ws, Some("d5"), &refund(&first.external_id, "r1", 2_000)).await;
    apply(store, ws, Some("d6"), &refund(&first.external_id, "r2", 1_000)).await;
    let stored = orders(store, ws).await;
    assert_eq!(stored[0].refunded, eur(3_000), "each refund once, their sum reduces revenue");
    assert_eq!(stored[0].net(), eur(7_500));
    let later = Order { refunded: eur(0), total: eur(10_500), ..first.clone() };
    apply(store, ws, Some("d6b"), &upsert(&later, at(7, 9))).await;
    assert_eq!(orders(store, ws).await[0].refunded, eur(3_000), "a payload without refunds keeps the stored ones");
    let voided = Order { refunded: eur(10_500), ..later.clone() };
    apply(store, ws, Some("d6c"), &upsert(&voided, at(7, 10))).await;
    assert_eq!(orders(store, ws).await[0].net(), eur(0), "a payload may refund everything");
    apply(store, ws, Some("d6d"), &upsert(&later, at(7, 11))).await;
    assert_eq!(
        orders(store, ws).await[0].refunded,
        eur(3_000),
        "and a newer one take that back, to the stored refunds"
    );

    apply(store, ws, Some("d7"), &refund("777", "r9", 700)).await;
    let early = order("or_wsh2", "777", 2_495, "h2", Some("ck_wsh2"));
    apply(store, ws, Some("d8"), &upsert(&early, at(6, 14))).await;
    apply(store, ws, None, &upsert(&early, at(6, 14))).await;
    apply(store, ws, None, &ShopChange::Nothing).await;
    let stored = orders(store, ws).await;
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[1].refunded, eur(700), "a refund that came before its order still counts");

    let theirs = order("or_wsh3", "5820982911946154508", 999, "h1", None);
    assert_eq!(apply(store, other, Some("d1"), &upsert(&theirs, at(6, 14))).await, DeliveryOutcome::Applied);
    assert_eq!(orders(store, other).await, vec![theirs], "delivery ids and orders are per workspace");
}

/// A link, two clicks and two events: `ck_wsh1` (joined to shopper h1) and `ck_wsh2`.
async fn traffic(store: &dyn Store, ws: &WorkspaceId) {
    let link = TrackingLink {
        id: parse("ln_wsh"),
        code: "Lwsh".to_owned(),
        campaign_id: parse("ca_wsh"),
        creator_id: parse("cr_wsh"),
        deliverable_id: None,
        destination: "https://shop.example.nl/?utm_source=instagram".to_owned(),
        created_at: at(2, 8),
    };
    let mut s = ok("begin", store.begin(ws).await);
    ok("insert_records", s.insert_records(&[Record::Link(link.clone())]).await);
    ok("commit", s.commit().await);
    let click = |n: u32| ClickRow {
        workspace_id: ws.clone(),
        click: Click {
            id: parse(&format!("ck_wsh{n}")),
            link_id: link.id.clone(),
            at: at(n + 3, 10),
            agent: AgentClass::Mobile,
            referrer_host: None,
            country: None,
            consent: true,
            visitor_hash: None,
        },
    };
    ok("insert_clicks", store.insert_clicks(&[click(1), click(2)]).await);
    for n in 1..=2_u32 {
        let event = Event {
            id: parse(&format!("ev_wsh{n}")),
            external_id: format!("evt-{n}"),
            kind: EventKind::PageView,
            at: at(n + 3, 11),
            click_id: Some(format!("ck_wsh{n}")),
            consent: true,
            value: None,
        };
        assert!(ok("insert_event", store.insert_event(ws, &event).await));
    }
}

/// Erasure of shopper h1, then a retention purge of everything before 2025-03-05.
async fn erasure_and_purge(store: &dyn Store, ws: &WorkspaceId, other: &WorkspaceId) {
    let erased = ok("erase_customer", store.erase_customer(ws, "h1").await);
    assert_eq!(erased, Erasure { orders: 1, clicks: 1, events: 1, refunds: 2, exposures: 0 });
    let left = orders(store, ws).await;
    assert_eq!(left.iter().map(|o| o.external_id.as_str()).collect::<Vec<_>>(), ["777"]);
    let clicks = ok("list_clicks", store.list_clicks(ws, None).await);
    assert_eq!(clicks.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["ck_wsh2"]);
    let events = ok("list_events", store.list_events(ws).await);
    assert_eq!(events.iter().map(|e| e.external_id.as_str()).collect::<Vec<_>>(), ["evt-2"]);
    assert_eq!(orders(store, other).await.len(), 1, "erasure stays in its workspace");
    assert_eq!(ok("erase_customer", store.erase_customer(ws, "h1").await), Erasure::default(), "twice: nothing left");

    let purged = ok("purge_before", store.purge_before(ws, at(5, 9)).await);
    assert_eq!(purged.orders, 0, "777 was placed on the 6th");
    assert_eq!((purged.clicks, purged.events), (0, 0), "ck_wsh2 and evt-2 are of the 5th, after 9:00");
    let purged = ok("purge_before", store.purge_before(ws, at(7, 0)).await);
    let deliveries = purged.deliveries;
    assert_eq!(
        Purge { deliveries: 0, ..purged },
        Purge { orders: 1, clicks: 1, events: 1, refunds: 1, deliveries: 0, exposures: 0 }
    );
    assert_eq!(deliveries, 0, "delivery ids are stamped with the time received (now), not the order's time");
    assert!(orders(store, ws).await.is_empty());
    assert_eq!(orders(store, other).await.len(), 1, "the purge stays in its workspace");
    let far = Utc::now() + chrono::Duration::days(1);
    let purged = ok("purge_before", store.purge_before(ws, far).await);
    assert!(purged.deliveries >= 11, "every delivery id received before the cutoff: {purged:?}");
}

/// Shops, deliveries, refunds, erasure and retention, as described in the module docs.
pub async fn shop_deliveries_and_erasure(store: &dyn Store) {
    let ws = workspace(store, "wsh-shop").await;
    let other = workspace(store, "wsh-other").await;
    shops(store, &ws, &other).await;
    deliveries(store, &ws, &other).await;
    traffic(store, &ws).await;
    erasure_and_purge(store, &ws, &other).await;
}
