//! Link changes travel between nodes: two stores on one database stand for two
//! `flightdeck serve` nodes; a destination changed on one is announced (`NOTIFY`) to
//! the other's subscribers, and a deleted workspace drops every cached link.

#![allow(clippy::expect_used)] // tests: a panic is the failure report

mod support;

use std::time::Duration;

use chrono::Utc;
use flightdeck_core::domain::{
    Brand, CampaignId, Country, CreatorId, LinkId, Name, TrackingLink, Workspace, WorkspaceId, WorkspaceName,
};
use flightdeck_store::{LinkChange, LinkChangeFeed, LinkStore, Record, Store};
use flightdeck_store_postgres::PgStore;

async fn next(feed: &mut LinkChangeFeed) -> LinkChange {
    tokio::time::timeout(Duration::from_secs(10), feed.recv())
        .await
        .expect("a change within 10 s")
        .expect("an open feed")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_on_one_node_reaches_the_other() {
    let Some(db) = support::TestDb::create("linkchanges").await else { return };
    let node_a = db.store.clone();
    let node_b = PgStore::open(&db.url).await.expect("a second node");
    let mut feed = node_b.link_changes();
    assert_eq!(next(&mut feed).await, LinkChange::All, "the listener announces itself once it listens");

    let workspace = Workspace {
        id: WorkspaceId::parse("ws_linkchanges").expect("id"),
        name: WorkspaceName::parse("linkchanges").expect("name"),
        brand: Brand {
            name: Name::parse("Acme").expect("name"),
            allowed_domains: vec![],
            competitors: vec![],
            country: Country::parse("NL").expect("country"),
        },
    };
    node_a.create_workspace(&workspace).await.expect("workspace");
    let link = TrackingLink {
        id: LinkId::parse("ln_linkchanges").expect("id"),
        code: "Ab3dE5gH9".to_owned(),
        campaign_id: CampaignId::parse("ca_x").expect("id"),
        creator_id: CreatorId::parse("cr_x").expect("id"),
        deliverable_id: None,
        destination: "https://shop.example.nl/old".to_owned(),
        created_at: Utc::now(),
    };
    let mut session = node_a.begin(&workspace.id).await.expect("session");
    session.insert_records(&[Record::Link(link.clone())]).await.expect("link");
    session.commit().await.expect("commit");

    let changed = node_a
        .set_link_destination(&workspace.id, &link.id, "https://shop.example.nl/new")
        .await
        .expect("update")
        .expect("the link");
    assert_eq!(changed.destination, "https://shop.example.nl/new");
    assert_eq!(next(&mut feed).await, LinkChange::Code("Ab3dE5gH9".to_owned()));
    let other = WorkspaceId::parse("ws_other").expect("id");
    assert_eq!(node_a.set_link_destination(&other, &link.id, "https://x.nl/").await.expect("update"), None);

    node_a.delete_workspace(&workspace.id).await.expect("delete");
    assert_eq!(next(&mut feed).await, LinkChange::All);
    node_b.close().await;
    db.drop_database().await;
}
