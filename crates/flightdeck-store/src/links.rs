//! What the redirect and the link tools need beyond [`crate::TrackingStore`]: a
//! feed of link changes (so that in-memory link caches can drop stale entries, on
//! every node sharing the database), changing a link's destination, click counts per
//! link with bots and link previews apart, and the creators of a campaign.
//!
//! New links and codes are stored with a [`crate::BulkSession`]
//! ([`crate::Record::Link`], [`crate::Record::Code`]), all or nothing.

use async_trait::async_trait;
use flightdeck_core::domain::{CampaignId, ClickId, CreatorId, LinkId, TrackingLink, WorkspaceId};
use serde::Serialize;
use tokio::sync::broadcast;

use crate::StoreResult;

/// The PostgreSQL `NOTIFY` channel that carries link changes between nodes.
pub const LINK_CHANNEL: &str = "flightdeck_links";

/// The payload of a change that affects every link (a workspace deleted, or
/// notifications missed while a listener reconnected).
pub const ALL_LINKS: &str = "*";

/// How many changes a slow subscriber may fall behind before it is told it lagged
/// (and must then drop everything it cached).
pub const CHANGE_BUFFER: usize = 1024;

/// A subscription to link changes ([`LinkStore::link_changes`]).
pub type LinkChangeFeed = broadcast::Receiver<LinkChange>;

/// What changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkChange {
    /// The link with this short code changed or went away.
    Code(String),
    /// Any link may have changed: drop every cached link.
    All,
}

impl LinkChange {
    /// The change a `NOTIFY` payload stands for (`*` is [`LinkChange::All`]).
    pub fn from_payload(payload: &str) -> Self {
        if payload == ALL_LINKS {
            LinkChange::All
        } else {
            LinkChange::Code(payload.to_owned())
        }
    }
}

/// The sending side of a backend's change feed.
#[derive(Debug, Clone)]
pub struct LinkChanges {
    sender: broadcast::Sender<LinkChange>,
}

impl Default for LinkChanges {
    fn default() -> Self {
        Self { sender: broadcast::channel(CHANGE_BUFFER).0 }
    }
}

impl LinkChanges {
    /// Tells every subscriber of this process (nobody listening is fine).
    pub fn publish(&self, change: LinkChange) {
        let _ = self.sender.send(change);
    }

    /// A new subscription: every change published from now on.
    pub fn subscribe(&self) -> LinkChangeFeed {
        self.sender.subscribe()
    }
}

/// Clicks of one link, people and crawlers apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkClicks {
    /// The link.
    pub link_id: LinkId,
    /// Clicks by people (mobile, desktop, unknown): the KPI.
    pub human: u64,
    /// Clicks by bots and link-preview crawlers (stored, never in KPIs).
    pub bots: u64,
}

/// The link operations every backend offers (see the module docs).
#[async_trait]
pub trait LinkStore: Send + Sync {
    /// Changes of links from now on: this process's own, and with PostgreSQL those
    /// of every node (`LISTEN` / `NOTIFY` on [`LINK_CHANNEL`]).
    fn link_changes(&self) -> LinkChangeFeed;

    /// Sets the destination of a link of the workspace and announces the change;
    /// `None` when the workspace has no such link.
    async fn set_link_destination(
        &self,
        workspace: &WorkspaceId,
        id: &LinkId,
        destination: &str,
    ) -> StoreResult<Option<TrackingLink>>;

    /// Click counts of every link of the workspace that has clicks, by link id.
    async fn link_clicks(&self, workspace: &WorkspaceId) -> StoreResult<Vec<LinkClicks>>;

    /// Records that the visitor of a click of the workspace consented (the shop's
    /// pixel says so after the redirect); returns whether such a click exists.
    async fn mark_click_consent(&self, workspace: &WorkspaceId, click: &ClickId) -> StoreResult<bool>;

    /// The creators of a campaign (its collaborations and its links), by id.
    async fn campaign_creators(&self, workspace: &WorkspaceId, campaign: &CampaignId) -> StoreResult<Vec<CreatorId>>;
}
