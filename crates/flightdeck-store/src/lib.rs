//! The store: what Flightdeck keeps, as domain operations.
//!
//! [`Store`] is the seam between the engines and a database. Each backend
//! (`flightdeck-store-sqlite`, `flightdeck-store-postgres`) implements it with its own
//! SQL and migrations, and must pass the one conformance suite in [`conformance`].
//! Every operation takes the [`WorkspaceId`] it works in: no query can cross
//! workspaces.

pub mod auth;
pub mod campaigns;
pub mod codec;
pub mod conformance;
mod error;
pub mod links;
pub mod posts;
pub mod scoring;
pub mod tracking;
mod types;
pub mod vetting;

pub use auth::*;
pub use campaigns::{CampaignStore, DocumentKind};
pub use error::{StoreError, StoreResult};
pub use links::*;
pub use posts::{ContentCounts, PostFilter, PostStore, StoredPost, VerdictCounts};
pub use tracking::*;
pub use types::*;
pub use vetting::{CreatorData, ScoreFacts, ScoringRun, StoredScore, VettingLoad, VettingRows, VettingStore};

use async_trait::async_trait;
use flightdeck_core::domain::{Creator, CreatorId, Persona, Workspace, WorkspaceId};

/// The operations every backend offers.
#[async_trait]
pub trait Store:
    AuthStore + TrackingStore + CampaignStore + LinkStore + PostStore + VettingStore + Send + Sync + 'static
{
    /// The backend's name (`sqlite`, `postgres`), for logs and `/metrics`.
    fn backend(&self) -> &'static str;

    /// Creates a workspace; its name must be unused.
    async fn create_workspace(&self, workspace: &Workspace) -> StoreResult<()>;

    /// Every workspace, by name.
    async fn workspaces(&self) -> StoreResult<Vec<Workspace>>;

    /// The workspace with this id or name.
    async fn find_workspace(&self, id_or_name: &str) -> StoreResult<Option<Workspace>>;

    /// Deletes a workspace and every row that belongs to it.
    async fn delete_workspace(&self, workspace: &WorkspaceId) -> StoreResult<()>;

    /// Replaces the workspace's buyer personas.
    async fn save_personas(&self, workspace: &WorkspaceId, personas: &[Persona]) -> StoreResult<()>;

    /// The workspace's buyer personas, by name.
    async fn personas(&self, workspace: &WorkspaceId) -> StoreResult<Vec<Persona>>;

    /// Starts an all-or-nothing write: nothing is visible until
    /// [`BulkSession::commit`], and dropping the session discards everything.
    async fn begin(&self, workspace: &WorkspaceId) -> StoreResult<Box<dyn BulkSession>>;

    /// The ids of the workspace's accounts by (platform, lower-case handle).
    async fn account_keys(&self, workspace: &WorkspaceId) -> StoreResult<Vec<AccountKey>>;

    /// Creators matching `filter`, sorted and paged as it says, with their accounts.
    async fn list_creators(&self, workspace: &WorkspaceId, filter: &CreatorFilter) -> StoreResult<Vec<CreatorSummary>>;

    /// One creator with all accounts, or `None` (also for an id of another workspace).
    async fn creator(&self, workspace: &WorkspaceId, id: &CreatorId) -> StoreResult<Option<Creator>>;

    /// The daily metrics of every account of a creator, by account then date.
    async fn creator_metrics(&self, workspace: &WorkspaceId, id: &CreatorId) -> StoreResult<Vec<AccountMetrics>>;

    /// Counts of what the workspace holds (creators, accounts, metric rows, …).
    async fn counts(&self, workspace: &WorkspaceId) -> StoreResult<WorkspaceCounts>;
}

/// An open all-or-nothing write to one workspace.
#[async_trait]
pub trait BulkSession: Send {
    /// Inserts or updates creators with their accounts, matched by (platform,
    /// handle); a creator is matched by name. Returns the account ids, in order.
    async fn upsert_accounts(&mut self, rows: &[NewAccount]) -> StoreResult<Vec<flightdeck_core::domain::AccountId>>;

    /// Inserts or updates daily metrics, matched by (account, date).
    async fn upsert_metrics(&mut self, rows: &[MetricRow]) -> StoreResult<()>;

    /// Stores the audience breakdown of accounts (replacing older ones).
    async fn upsert_audiences(&mut self, rows: &[AudienceRow]) -> StoreResult<()>;

    /// Inserts posts (with their compliance findings as JSON, if checked).
    async fn insert_posts(&mut self, rows: &[PostRow]) -> StoreResult<()>;

    /// Inserts comments.
    async fn insert_comments(&mut self, rows: &[flightdeck_core::domain::Comment]) -> StoreResult<()>;

    /// Stores a campaign-side record (campaign, flight, collaboration, brief,
    /// contract, deliverable, link, code, click, order) as a typed document.
    async fn insert_records(&mut self, rows: &[Record]) -> StoreResult<()>;

    /// Makes everything written in this session visible at once.
    async fn commit(self: Box<Self>) -> StoreResult<()>;
}

/// Opens the store a URL names: `sqlite://…` or `postgres://…`.
///
/// The backends live in their own crates, so the binary does the dispatch; this
/// helper only classifies the URL.
pub fn backend_of(url: &str) -> StoreResult<BackendKind> {
    if url.starts_with("sqlite:") {
        Ok(BackendKind::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(BackendKind::Postgres)
    } else {
        Err(StoreError::Config(format!(
            "unsupported database URL `{url}`: use sqlite://FILE (the default is sqlite://flightdeck.db) or postgres://USER@HOST/DB"
        )))
    }
}

/// The kind of backend a URL selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendKind {
    /// The embedded SQLite backend.
    Sqlite,
    /// The PostgreSQL backend.
    Postgres,
}
