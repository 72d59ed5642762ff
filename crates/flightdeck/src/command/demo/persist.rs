//! Writes generated demo creators and campaigns (with their traffic) into the store.

use std::collections::HashMap;

use flightdeck_core::compliance;
use flightdeck_core::demo::{DemoCampaigns, DemoCreator, DemoPost};
use flightdeck_core::domain::{Account, AccountId, CollaborationKind, Deliverable, WorkspaceId};
use flightdeck_store::{
    AccountIdRef, AudienceRow, DeliverableCheck, ExposureRow, MetricRow, NewAccount, PostRow, Record, Store,
};

/// Writes one chunk of creators in one transaction.
pub(crate) async fn write_chunk(
    store: &dyn Store,
    workspace: &WorkspaceId,
    chunk: &[DemoCreator],
) -> anyhow::Result<()> {
    let mut session = store.begin(workspace).await?;
    let accounts: Vec<NewAccount> = chunk.iter().flat_map(new_accounts).collect();
    session.upsert_accounts(&accounts).await?;
    let metrics: Vec<MetricRow> = chunk
        .iter()
        .flat_map(|c| c.histories.iter())
        .filter_map(|h| {
            let account = AccountIdRef::new(&h.account_id)?;
            Some(h.metrics.iter().map(move |m| MetricRow { account, metrics: *m }))
        })
        .flatten()
        .collect();
    session.upsert_metrics(&metrics).await?;
    let audiences: Vec<AudienceRow> = chunk
        .iter()
        .flat_map(|c| c.histories.iter())
        .map(|h| AudienceRow { account_id: h.account_id.clone(), audience: h.audience.clone() })
        .collect();
    session.upsert_audiences(&audiences).await?;
    let posts: Vec<PostRow> = chunk.iter().flat_map(post_rows).collect();
    session.insert_posts(&posts).await?;
    let comments: Vec<_> = chunk
        .iter()
        .flat_map(|c| c.histories.iter())
        .flat_map(|h| h.posts.iter())
        .flat_map(|p| p.comments.iter().cloned())
        .collect();
    session.insert_comments(&comments).await?;
    session.commit().await?;
    Ok(())
}

/// The creator's posts, sponsored ones with their compliance result.
fn post_rows(c: &DemoCreator) -> Vec<PostRow> {
    let mut out = Vec::new();
    for h in &c.histories {
        let account = c.creator.accounts.iter().find(|a| a.id == h.account_id);
        out.extend(h.posts.iter().map(|p| checked_row(p, account)));
    }
    out
}

/// The compliance result of a deliverable's planned caption, stored with it.
fn deliverable_check(
    d: &Deliverable,
    accounts: &HashMap<AccountId, Account>,
    kind: CollaborationKind,
) -> Option<Record> {
    let account = accounts.get(&d.account_id)?;
    let result = compliance::check(&compliance::deliverable_input(d, account, Some(kind)));
    let result = serde_json::to_value(result).ok()?;
    Some(Record::DeliverableCheck(DeliverableCheck { deliverable_id: d.id.clone(), result }))
}

/// A post to store, with its compliance result when it is sponsored.
fn checked_row(p: &DemoPost, account: Option<&Account>) -> PostRow {
    let compliance = account.and_then(|a| p.compliance(a)).and_then(|result| serde_json::to_value(result).ok());
    PostRow { post: p.post.clone(), compliance }
}

fn new_accounts(c: &DemoCreator) -> Vec<NewAccount> {
    c.creator
        .accounts
        .iter()
        .map(|a| NewAccount {
            new_creator_id: c.creator.id.clone(),
            new_account_id: a.id.clone(),
            creator_name: c.creator.name.clone(),
            platform: a.platform,
            handle: a.handle.clone(),
            followers: a.followers,
            country: a.country,
            language: a.language,
            niche: a.niche.clone(),
            url: a.url.clone(),
            email_hash: None,
        })
        .collect()
}

/// Writes the campaigns in one transaction: campaigns, flights, per collaboration the
/// collaboration, brief, contract, deliverables, tracking links, discount code and the
/// posts that went live (checked for compliance), then the clicks and orders.
pub(crate) async fn write_campaigns(
    store: &dyn Store,
    workspace: &WorkspaceId,
    campaigns: &DemoCampaigns,
    accounts: &HashMap<AccountId, Account>,
) -> anyhow::Result<()> {
    let mut records: Vec<Record> = campaigns.campaigns.iter().cloned().map(Record::Campaign).collect();
    records.extend(campaigns.flights.iter().cloned().map(Record::Flight));
    let mut posts = Vec::new();
    for c in &campaigns.collaborations {
        records.push(Record::Collaboration(c.collaboration.clone()));
        records.push(Record::Brief(c.brief.clone()));
        records.push(Record::Contract(c.contract.clone()));
        records.extend(c.deliverables.iter().cloned().map(Record::Deliverable));
        records.extend(c.deliverables.iter().filter_map(|d| deliverable_check(d, accounts, c.collaboration.kind)));
        records.extend(c.links.iter().cloned().map(Record::Link));
        records.push(Record::Code(c.code.clone()));
        let account = accounts.get(&c.account_id);
        posts.extend(c.posts.iter().map(|live| checked_row(&live.post, account)));
    }
    records.extend(campaigns.clicks.iter().cloned().map(Record::Click));
    records.extend(campaigns.orders.iter().cloned().map(Record::Order));
    let mut session = store.begin(workspace).await?;
    session.insert_posts(&posts).await?;
    session.insert_records(&records).await?;
    session.commit().await?;
    Ok(())
}

/// Writes the pixel events of the demo's consenting visitors (each stored once by its id).
pub(crate) async fn write_events(
    store: &dyn Store,
    workspace: &WorkspaceId,
    campaigns: &DemoCampaigns,
) -> anyhow::Result<()> {
    for event in &campaigns.events {
        store.insert_event(workspace, event).await?;
    }
    Ok(())
}

/// Writes the view-through exposures of the demo's posts, in one transaction.
pub(crate) async fn write_exposures(
    store: &dyn Store,
    workspace: &WorkspaceId,
    campaigns: &DemoCampaigns,
) -> anyhow::Result<()> {
    let rows: Vec<ExposureRow> = campaigns
        .exposures
        .iter()
        .map(|e| ExposureRow { exposure: e.clone(), source: Some("demo-ads".to_owned()) })
        .collect();
    store.insert_exposures(workspace, &rows).await?;
    Ok(())
}
