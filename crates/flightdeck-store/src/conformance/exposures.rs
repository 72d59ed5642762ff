//! View-through exposures: a batch is stored in one transaction, each exposure once by
//! its natural key (a re-import stores nothing new), listed oldest first per workspace;
//! erasing a shopper removes the exposures keyed by their hash or by the click id of
//! one of their orders, and the retention purge those seen before the cutoff.

use flightdeck_core::attribution::flight::ViewExposure;
use flightdeck_core::domain::{Currency, Money, Order, WorkspaceId};
use flightdeck_core::tracking::ShopPlatform;

use super::fixture::{at, not_found, ok, parse, workspace, workspace_id};
use crate::{Erasure, ExposureRow, ShopChange, Store};

fn exposure(customer: &str, day: u32, hour: u32, creator: &str, deliverable: Option<&str>) -> ExposureRow {
    ExposureRow {
        exposure: ViewExposure {
            customer: customer.to_owned(),
            at: at(day, hour),
            creator_id: parse(creator),
            campaign_id: parse("ca_wvx"),
            deliverable_id: deliverable.map(parse),
        },
        source: Some("meta-ads".to_owned()),
    }
}

/// An order of shopper `customer` (with a click id, when given), placed on the 6th.
async fn order(store: &dyn Store, ws: &WorkspaceId, external: &str, customer: &str, click: Option<&str>) {
    let order = Order {
        id: parse(&format!("or_wvx{external}")),
        shop_platform: "shopify".to_owned(),
        external_id: external.to_owned(),
        placed_at: at(6, 14),
        total: Money::new(4_995, Currency::EUR),
        refunded: Money::new(0, Currency::EUR),
        codes: Vec::new(),
        utm_source: None,
        utm_medium: None,
        utm_campaign: None,
        click_id: click.map(str::to_owned),
        customer_hash: Some(customer.to_owned()),
    };
    let change = ShopChange::Order { order: Box::new(order), updated_at: None };
    ok("apply_delivery", store.apply_delivery(ws, ShopPlatform::Shopify, None, &change).await);
}

async fn listed(store: &dyn Store, ws: &WorkspaceId) -> Vec<ExposureRow> {
    ok("list_exposures", store.list_exposures(ws).await)
}

/// Exposures stored once, per workspace, erased with their shopper and purged by age.
pub async fn view_exposures_stored_once(store: &dyn Store) {
    let ws = workspace(store, "wvx-views").await;
    let other = workspace(store, "wvx-other").await;
    let by_hash = exposure("hx1", 4, 10, "cr_wvx1", None);
    let by_click = exposure("ck_wvx1", 4, 9, "cr_wvx2", Some("de_wvx1"));
    let early = ExposureRow { source: None, ..exposure("hx2", 2, 8, "cr_wvx1", None) };
    let batch = [by_hash.clone(), by_click.clone(), early.clone(), by_hash.clone()];
    assert_eq!(ok("insert_exposures", store.insert_exposures(&ws, &batch).await), 3, "a repeat in the batch once");
    assert_eq!(ok("insert_exposures", store.insert_exposures(&ws, &batch).await), 0, "a re-import stores nothing");
    let relabelled = ExposureRow { source: Some("tiktok-ads".to_owned()), ..by_hash.clone() };
    assert_eq!(ok("insert_exposures", store.insert_exposures(&ws, &[relabelled]).await), 0, "the label is no key");
    let later = exposure("hx1", 4, 11, "cr_wvx1", None);
    assert_eq!(ok("insert_exposures", store.insert_exposures(&ws, std::slice::from_ref(&later)).await), 1);
    assert_eq!(listed(store, &ws).await, vec![early.clone(), by_click, by_hash, later], "oldest first, as stored");
    assert!(listed(store, &other).await.is_empty(), "exposures are per workspace");
    let theirs = exposure("hx1", 4, 10, "cr_wvx1", None);
    assert_eq!(ok("insert_exposures", store.insert_exposures(&other, std::slice::from_ref(&theirs)).await), 1);

    let missing = workspace_id("wvx-missing");
    not_found("exposures of a missing workspace", store.insert_exposures(&missing, &batch).await);
    assert!(listed(store, &missing).await.is_empty(), "a refused batch stores nothing");
    assert_eq!(ok("insert_exposures", store.insert_exposures(&ws, &[]).await), 0);

    order(store, &ws, "9001", "hx1", Some("ck_wvx1")).await;
    order(store, &ws, "9002", "hx2", None).await;
    let erased = ok("erase_customer", store.erase_customer(&ws, "hx1").await);
    assert_eq!(erased, Erasure { orders: 1, clicks: 0, events: 0, refunds: 0, exposures: 3 }, "by hash and click id");
    assert_eq!(listed(store, &ws).await, vec![early], "the other shopper's exposure stays");
    assert_eq!(listed(store, &other).await, vec![theirs], "erasure stays in its workspace");

    let purged = ok("purge_before", store.purge_before(&ws, at(2, 8)).await);
    assert_eq!(purged.exposures, 0, "seen at the cutoff is not before it");
    let purged = ok("purge_before", store.purge_before(&ws, at(3, 0)).await);
    assert_eq!((purged.exposures, purged.orders), (1, 0), "the exposure of the 2nd, not the order of the 6th");
    assert!(listed(store, &ws).await.is_empty());
    assert_eq!(listed(store, &other).await.len(), 1, "the purge stays in its workspace");
}
