//! Links after they are made: click counts with bots and previews apart, a changed
//! destination announced on the change feed, consent marked on a click, and the
//! creators of a campaign — none of it across workspaces.

use std::time::Duration;

use flightdeck_core::domain::{ClickId, LinkId, Platform};

use super::fixture::{import, ok, parse, rows, workspace, Row};
use super::records::campaign_records;
use crate::{LinkChange, LinkClicks, Record, Store};

/// The next change on `feed` naming a code (a PostgreSQL listener first announces
/// itself with [`LinkChange::All`]); panics after 10 s.
async fn next_code(feed: &mut crate::LinkChangeFeed) -> String {
    let wait = async {
        loop {
            match feed.recv().await {
                Ok(LinkChange::Code(code)) => return code,
                Ok(LinkChange::All) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(e) => panic!("the link change feed closed: {e}"),
            }
        }
    };
    match tokio::time::timeout(Duration::from_secs(10), wait).await {
        Ok(code) => code,
        Err(_) => panic!("no link change announced within 10 s"),
    }
}

/// A campaign's link with a mobile and a preview click: counts, creators, consent,
/// and a new destination that the feed announces; another workspace sees nothing
/// and changes nothing.
pub async fn links_clicks_and_changes(store: &dyn Store) {
    let ws = workspace(store, "wsl-links").await;
    let other = workspace(store, "wsl-other").await;
    let accounts = import(store, &ws, &rows("wsl", &[Row::new("Lina", Platform::Instagram, "lina", 9_000)])).await;
    let creator = super::fixture::creator_of(store, &ws, &accounts[0]).await;
    let records = campaign_records("wsl", &creator, &accounts[0]);
    let mut s = ok("begin", store.begin(&ws).await);
    ok("insert_records", s.insert_records(&records).await);
    ok("commit", s.commit().await);
    let link: LinkId = parse("ln_wsl");

    let counts = ok("link_clicks", store.link_clicks(&ws).await);
    assert_eq!(counts, vec![LinkClicks { link_id: link.clone(), human: 1, bots: 1 }], "previews are not people");
    assert!(ok("link_clicks", store.link_clicks(&other).await).is_empty());
    let campaign = parse("ca_wsl");
    assert_eq!(ok("campaign_creators", store.campaign_creators(&ws, &campaign).await), vec![creator.clone()]);
    assert!(ok("campaign_creators", store.campaign_creators(&other, &campaign).await).is_empty());

    let click: ClickId = parse("ck_wsl1");
    assert!(!ok("mark_click_consent", store.mark_click_consent(&other, &click).await));
    assert!(ok("mark_click_consent", store.mark_click_consent(&ws, &click).await));
    let clicks = ok("list_clicks", store.list_clicks(&ws, None).await);
    assert!(clicks.iter().find(|c| c.id == click).is_some_and(|c| c.consent));

    let mut feed = store.link_changes();
    let new = "https://shop.example.nl/herfst?utm_source=instagram&utm_medium=social";
    assert_eq!(ok("set_link_destination", store.set_link_destination(&other, &link, new).await), None);
    let changed = ok("set_link_destination", store.set_link_destination(&ws, &link, new).await);
    assert_eq!(changed.map(|l| l.destination), Some(new.to_owned()));
    assert_eq!(next_code(&mut feed).await, "Lwsl");
    let found = ok("link_by_code", store.link_by_code("Lwsl").await);
    assert_eq!(found.map(|t| t.link.destination), Some(new.to_owned()));
    let stored_link = records.iter().find_map(|r| if let Record::Link(l) = r { Some(l.clone()) } else { None });
    assert_eq!(stored_link.map(|l| l.code), Some("Lwsl".to_owned()));
}
