//! Campaigns, flights, collaborations and deliverables read back as they were
//! stored: sorted the same way by every backend, filtered by campaign, and never
//! across workspaces.

use flightdeck_core::domain::{Campaign, CampaignId, Flight, FlightId, Platform};

use super::fixture::{date, import, name, ok, parse, rows, workspace, Row};
use super::records::campaign_records;
use crate::{Record, Store};

fn campaign_of(records: &[Record]) -> Campaign {
    match records.iter().find_map(|r| if let Record::Campaign(c) = r { Some(c.clone()) } else { None }) {
        Some(c) => c,
        None => panic!("campaign_records lacks a campaign"),
    }
}

fn flight_of(records: &[Record]) -> Flight {
    match records.iter().find_map(|r| if let Record::Flight(f) = r { Some(f.clone()) } else { None }) {
        Some(f) => f,
        None => panic!("campaign_records lacks a flight"),
    }
}

/// Two campaigns with three flights: `list_campaigns` by name, `list_flights` by first
/// day (all, or of one campaign), `flight` by id; another workspace's id is `None`,
/// exactly as an id that does not exist; collaborations and deliverables by id; a
/// deliverable's compliance check stored with it.
pub async fn campaigns_and_flights(store: &dyn Store) {
    let ws = workspace(store, "wsc-campaigns").await;
    let other = workspace(store, "wsc-other").await;
    let accounts = import(store, &ws, &rows("wsc", &[Row::new("Cato", Platform::Instagram, "cato", 12_000)])).await;
    let creator = super::fixture::creator_of(store, &ws, &accounts[0]).await;

    let first = campaign_records("wsca", &creator, &accounts[0]);
    let mut second = campaign_records("wscb", &creator, &accounts[0]);
    for r in &mut second {
        match r {
            Record::Campaign(c) => c.name = name("Herfst 2025"),
            Record::Flight(f) => {
                f.starts_on = date(2025, 5, 1);
                f.ends_on = date(2025, 5, 31);
            }
            _ => {}
        }
    }
    let mut extra = flight_of(&first);
    extra.id = parse("fl_wscc");
    extra.name = name("Flight 2 – opschalen");
    extra.starts_on = date(2025, 7, 1);
    extra.ends_on = date(2025, 7, 31);
    let mut s = ok("begin", store.begin(&ws).await);
    ok("insert_records", s.insert_records(&first).await);
    ok("insert_records", s.insert_records(&second).await);
    ok("insert_records", s.insert_records(&[Record::Flight(extra.clone())]).await);
    ok("commit", s.commit().await);

    let campaigns = ok("list_campaigns", store.list_campaigns(&ws).await);
    assert_eq!(campaigns, vec![campaign_of(&second), campaign_of(&first)], "campaigns by name, as stored");
    let flights = ok("list_flights", store.list_flights(&ws, None).await);
    let ids: Vec<&str> = flights.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["fl_wscb", "fl_wsca", "fl_wscc"], "flights by first day");
    assert_eq!(flights[1], flight_of(&first), "a flight reads back exactly as stored");
    let of_first = ok("list_flights", store.list_flights(&ws, Some(&campaign_of(&first).id)).await);
    let ids: Vec<&str> = of_first.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["fl_wsca", "fl_wscc"], "the flights of one campaign");
    let none: CampaignId = parse("ca_nothere");
    assert!(ok("list_flights", store.list_flights(&ws, Some(&none)).await).is_empty());

    let id: FlightId = parse("fl_wscc");
    assert_eq!(ok("flight", store.flight(&ws, &id).await), Some(extra), "one flight by id");
    assert_eq!(ok("flight", store.flight(&other, &id).await), None, "another workspace's flight is not there");
    let missing: FlightId = parse("fl_missing");
    assert_eq!(ok("flight", store.flight(&ws, &missing).await), None);

    let collabs = ok("list_collaborations", store.list_collaborations(&ws, None).await);
    let ids: Vec<&str> = collabs.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["co_wsca", "co_wscb"]);
    let of_second = ok("list_collaborations", store.list_collaborations(&ws, Some(&campaign_of(&second).id)).await);
    assert_eq!(of_second.len(), 1);
    assert_eq!(of_second[0].creator_id, creator);
    let deliverables = ok("list_deliverables", store.list_deliverables(&ws).await);
    let ids: Vec<&str> = deliverables.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["de_wsca", "de_wscb"]);
    assert_eq!(deliverables[0].due_on, date(2025, 6, 10));

    let check = crate::DeliverableCheck {
        deliverable_id: parse("de_wsca"),
        result: serde_json::json!({"verdict": "violation", "findings": [{"rule": "NL-RSM-DISCLOSURE-MISSING",
            "severity": "violation", "message": "Geen “reclame” 🙈", "fix": "Start the caption with `#advertentie`"}]}),
    };
    let mut s = ok("begin", store.begin(&ws).await);
    ok("insert_records", s.insert_records(&[Record::DeliverableCheck(check.clone())]).await);
    ok("commit", s.commit().await);
    let found = ok("deliverable_check", store.deliverable_check(&ws, &parse("de_wsca")).await);
    assert_eq!(found, Some(check.clone()), "a deliverable's check reads back exactly as stored");
    assert_eq!(ok("deliverable_check", store.deliverable_check(&ws, &parse("de_wscb")).await), None);
    assert_eq!(ok("deliverable_check", store.deliverable_check(&other, &parse("de_wsca")).await), None);
    assert_eq!(ok("list_deliverable_checks", store.list_deliverable_checks(&ws).await), vec![check]);

    assert!(ok("list_campaigns", store.list_campaigns(&other).await).is_empty(), "nothing leaks across workspaces");
    assert!(ok("list_flights", store.list_flights(&other, None).await).is_empty());
    assert!(ok("list_deliverables", store.list_deliverables(&other).await).is_empty());
}
