//! Campaigns, flights, collaborations and deliverables as stored documents.
//!
//! They are written through [`crate::BulkSession::insert_records`] (the `documents`
//! table of each backend); [`CampaignStore`] reads them back. A backend implements only
//! [`CampaignStore::documents`] and [`CampaignStore::document`]; the typed reads are
//! provided on top, so both backends decode and sort in exactly the same way.

use async_trait::async_trait;
use flightdeck_core::domain::{
    Campaign, CampaignId, Collaboration, Deliverable, DeliverableId, Flight, FlightId, WorkspaceId,
};

use crate::{codec, DeliverableCheck, StoreResult};

/// The kind of a stored campaign-side document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// A campaign.
    Campaign,
    /// A flight (parent: its campaign).
    Flight,
    /// A collaboration (parent: its campaign).
    Collaboration,
    /// A brief (parent: its collaboration).
    Brief,
    /// A contract (parent: its collaboration).
    Contract,
    /// A deliverable (parent: its contract).
    Deliverable,
    /// The compliance result of a deliverable's caption (parent: the deliverable).
    DeliverableCheck,
}

impl DocumentKind {
    /// The name stored in the `kind` column.
    pub fn as_str(&self) -> &'static str {
        match self {
            DocumentKind::Campaign => "campaign",
            DocumentKind::Flight => "flight",
            DocumentKind::Collaboration => "collaboration",
            DocumentKind::Brief => "brief",
            DocumentKind::Contract => "contract",
            DocumentKind::Deliverable => "deliverable",
            DocumentKind::DeliverableCheck => "deliverable_check",
        }
    }
}

/// Reads of campaign-side documents; a supertrait of [`crate::Store`].
#[async_trait]
pub trait CampaignStore: Send + Sync {
    /// The JSON of every document of `kind` in the workspace, by id; only those whose
    /// parent is `parent` when it is given.
    async fn documents(
        &self,
        workspace: &WorkspaceId,
        kind: DocumentKind,
        parent: Option<&str>,
    ) -> StoreResult<Vec<String>>;

    /// The JSON of one document of `kind`, or `None` (also for another workspace's id).
    async fn document(&self, workspace: &WorkspaceId, kind: DocumentKind, id: &str) -> StoreResult<Option<String>>;

    /// The workspace's campaigns, by name then id.
    async fn list_campaigns(&self, workspace: &WorkspaceId) -> StoreResult<Vec<Campaign>> {
        let mut out: Vec<Campaign> =
            decode_all("campaign", self.documents(workspace, DocumentKind::Campaign, None).await?)?;
        out.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()).then_with(|| a.id.as_str().cmp(b.id.as_str())));
        Ok(out)
    }

    /// The workspace's flights (of one campaign when given), by first day, name, id.
    async fn list_flights(&self, workspace: &WorkspaceId, campaign: Option<&CampaignId>) -> StoreResult<Vec<Flight>> {
        let parent = campaign.map(CampaignId::as_str);
        let mut out: Vec<Flight> =
            decode_all("flight", self.documents(workspace, DocumentKind::Flight, parent).await?)?;
        out.sort_by(|a, b| {
            a.starts_on
                .cmp(&b.starts_on)
                .then_with(|| a.name.as_str().cmp(b.name.as_str()))
                .then_with(|| a.id.as_str().cmp(b.id.as_str()))
        });
        Ok(out)
    }

    /// One flight, or `None` (also for another workspace's id).
    async fn flight(&self, workspace: &WorkspaceId, id: &FlightId) -> StoreResult<Option<Flight>> {
        let raw = self.document(workspace, DocumentKind::Flight, id.as_str()).await?;
        raw.map(|r| codec::from_json("flight", &r)).transpose()
    }

    /// The workspace's collaborations (of one campaign when given), by id.
    async fn list_collaborations(
        &self,
        workspace: &WorkspaceId,
        campaign: Option<&CampaignId>,
    ) -> StoreResult<Vec<Collaboration>> {
        let parent = campaign.map(CampaignId::as_str);
        decode_all("collaboration", self.documents(workspace, DocumentKind::Collaboration, parent).await?)
    }

    /// Every deliverable of the workspace, by id.
    async fn list_deliverables(&self, workspace: &WorkspaceId) -> StoreResult<Vec<Deliverable>> {
        decode_all("deliverable", self.documents(workspace, DocumentKind::Deliverable, None).await?)
    }

    /// The stored compliance result of a deliverable's caption, if it was checked.
    async fn deliverable_check(
        &self,
        workspace: &WorkspaceId,
        deliverable: &DeliverableId,
    ) -> StoreResult<Option<DeliverableCheck>> {
        let raw = self.documents(workspace, DocumentKind::DeliverableCheck, Some(deliverable.as_str())).await?;
        raw.first().map(|text| codec::from_json("deliverable check", text)).transpose()
    }

    /// Every stored deliverable check of the workspace, by deliverable id.
    async fn list_deliverable_checks(&self, workspace: &WorkspaceId) -> StoreResult<Vec<DeliverableCheck>> {
        decode_all("deliverable check", self.documents(workspace, DocumentKind::DeliverableCheck, None).await?)
    }
}

fn decode_all<T: serde::de::DeserializeOwned>(what: &str, raw: Vec<String>) -> StoreResult<Vec<T>> {
    raw.iter().map(|r| codec::from_json(what, r)).collect()
}
